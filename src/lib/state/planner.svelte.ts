import { getContext, setContext } from 'svelte';
import type { ProjectSettings } from '../engine/project';
import { reachRadiusM, type CoverageQuery, type ProximityRule } from '../engine/rules';
import { CHILDCARE_CATEGORIES, type Dataset, type Facility, type FacilityCategory } from '../engine/types';
import type { AnalysisResult, WorkerRequest, WorkerResponse } from '../worker/protocol';
import { WalkingSettings } from './walking.svelte';

export const CUSTOM_RULE = 'custom';

/** Capacity a new proposed site starts with: a typical 3-class nursery (托育) or a 60-bed home. */
const DEFAULT_CAPACITY: Record<'childcare' | 'elderly', number> = { childcare: 90, elderly: 60 };

const isChildcare = (category: FacilityCategory) => (CHILDCARE_CATEGORIES as readonly string[]).includes(category);

/**
 * The planner's session: dataset, chosen rule and reach, proposed sites, and the latest analysis
 * from the coverage worker. One instance, provided to components through context.
 */
export class Planner {
	dataset = $state.raw<Dataset>();
	loadError = $state<string>();
	readonly rules: ProximityRule[];

	ruleId = $state('HH-1');
	radiusM = $state(300);
	minutes = $state(15);
	speedMPerMin = $state(66.7);
	customCategories = $state<FacilityCategory[]>([...CHILDCARE_CATEGORIES]);
	includePlanned = $state(false);

	proposals = $state<Facility[]>([]);
	addMode = $state(false);
	newCategory = $state<FacilityCategory>('kindergarten');
	newCapacity = $state(DEFAULT_CAPACITY.childcare);
	selectedProposalId = $state<string>();
	/** The unit the planner picked in the table: the map zooms to it and outlines it. */
	focusedUnitId = $state<string>();

	result = $state.raw<AnalysisResult>();
	busy = $state(false);
	workerError = $state<string>();

	rule = $derived(this.findRule(this.ruleId));
	/** The reach the planner set, in metres: a radius, or minutes × walking speed for a walking rule. */
	reachM = $derived(this.rule?.reach.mode === 'walk' ? this.minutes * this.speedMPerMin : this.radiusM);
	/** Straight-line or walking measurement, and the access distance (src/lib/state/walking.svelte.ts). */
	readonly walking = new WalkingSettings();
	/** Progress of the running analysis, 0–1, while the worker reports it. */
	progress = $state<number>();
	query = $derived<CoverageQuery>(
		this.walking.apply(
			{
				ruleId: this.rule?.id ?? CUSTOM_RULE,
				categories: this.rule ? [...this.rule.categories] : [...this.customCategories],
				radiusM: this.reachM,
				includePlanned: this.includePlanned,
				mode: this.rule?.reach.mode ?? 'straight',
				...(this.rule?.reach.mode === 'walk' && { walk: { minutes: this.minutes, speedMPerMin: this.speedMPerMin, accessM: this.walking.accessM } })
			},
			this.speedMPerMin
		)
	);

	private worker: Worker | undefined;
	private nextRequestId = 1;
	private pending = false;
	private nextProposalNumber = 1;

	constructor(rules: ProximityRule[]) {
		this.rules = rules;
	}

	private findRule(id: string) {
		return this.rules.find((rule) => rule.id === id);
	}

	/** Chooses a rule and resets the reach to what the rule's plan states. */
	selectRule(id: string) {
		this.ruleId = id;
		const rule = this.findRule(id);
		if (!rule) return;
		// A walking rule opens as a walk, a radius rule as a disc; the planner can switch either way.
		this.walking.mode = rule.reach.mode === 'walk' ? 'walk' : 'straight';
		if (rule.reach.mode === 'walk') {
			this.minutes = rule.reach.minutes;
			this.speedMPerMin = rule.reach.speedMPerMin;
		} else {
			this.radiusM = reachRadiusM(rule.reach);
		}
		if (!rule.categories.includes(this.newCategory)) this.setNewCategory(rule.categories[0]);
	}

	setNewCategory(category: FacilityCategory) {
		this.newCategory = category;
		this.newCapacity = DEFAULT_CAPACITY[isChildcare(category) ? 'childcare' : 'elderly'];
	}

	attachWorker(worker: Worker, dataset: Dataset) {
		this.worker = worker;
		this.dataset = dataset;
		worker.onmessage = (event: MessageEvent<WorkerResponse>) => this.onWorkerMessage(event.data);
		worker.onerror = (event) => {
			this.busy = false;
			this.workerError = event.message || 'worker error';
		};
		worker.postMessage({ type: 'load', dataset } satisfies WorkerRequest);
	}

	/** Asks the worker for a fresh analysis; while one runs, only the latest request is kept. */
	requestAnalysis() {
		if (!this.worker || !this.dataset) return;
		if (this.busy) {
			this.pending = true;
			return;
		}
		this.busy = true;
		this.pending = false;
		const request: WorkerRequest = {
			type: 'analyze',
			id: this.nextRequestId++,
			query: $state.snapshot(this.query) as CoverageQuery,
			proposals: $state.snapshot(this.proposals) as Facility[],
			compareStraight: this.walking.compareStraight,
			nodeCrossings: this.walking.nodeCrossings
		};
		this.worker.postMessage(request);
	}

	private onWorkerMessage(message: WorkerResponse) {
		if (message.type === 'loaded') return;
		if (message.type === 'progress') {
			this.progress = message.share;
			return;
		}
		this.busy = false;
		this.progress = undefined;
		if (message.type === 'error') this.workerError = message.message;
		else {
			this.workerError = undefined;
			this.result = message.result;
		}
		if (this.pending) this.requestAnalysis();
	}

	addProposal(lngLat: [number, number]) {
		const number = this.nextProposalNumber++;
		const proposal: Facility = {
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [round6(lngLat[0]), round6(lngLat[1])] },
			properties: {
				id: `P-${number}`,
				name: `拟建 ${number}`,
				category: this.newCategory,
				capacity: this.newCapacity,
				operator: 'public',
				affordable: true,
				status: 'planned'
			}
		};
		this.proposals.push(proposal);
		this.selectedProposalId = proposal.properties.id;
		this.addMode = false;
	}

	moveProposal(id: string, lngLat: [number, number]) {
		const proposal = this.proposals.find((candidate) => candidate.properties.id === id);
		if (proposal) proposal.geometry.coordinates = [round6(lngLat[0]), round6(lngLat[1])];
	}

	deleteProposal(id: string) {
		this.proposals = this.proposals.filter((proposal) => proposal.properties.id !== id);
		if (this.selectedProposalId === id) this.selectedProposalId = undefined;
	}

	/** The settings a project file and autosave keep (see state/work.svelte.ts). */
	settings(): ProjectSettings {
		return {
			ruleId: this.ruleId,
			radiusM: this.radiusM,
			minutes: this.minutes,
			speedMPerMin: this.speedMPerMin,
			customCategories: [...this.customCategories],
			includePlanned: this.includePlanned,
			walking: { mode: this.walking.mode, accessM: this.walking.accessM, nodeCrossings: this.walking.nodeCrossings }
		};
	}

	applySettings(settings: ProjectSettings) {
		this.ruleId = settings.ruleId;
		this.radiusM = settings.radiusM;
		this.minutes = settings.minutes;
		this.speedMPerMin = settings.speedMPerMin;
		this.customCategories = [...settings.customCategories];
		this.includePlanned = settings.includePlanned;
		if (settings.walking) {
			this.walking.mode = settings.walking.mode;
			this.walking.accessM = settings.walking.accessM;
			this.walking.nodeCrossings = settings.walking.nodeCrossings;
		}
	}

	/** Puts back saved, opened or undone proposals; new ones are numbered after the highest. */
	setProposals(proposals: Facility[]) {
		this.proposals = proposals;
		const numbers = proposals.map((proposal) => Number(proposal.properties.id.match(/^P-(\d+)$/)?.[1] ?? 0));
		this.nextProposalNumber = Math.max(this.nextProposalNumber, ...numbers.map((number) => number + 1));
		if (this.selectedProposalId && !proposals.some((proposal) => proposal.properties.id === this.selectedProposalId)) this.selectedProposalId = undefined;
	}

	/** Swaps the data (an import, an opened project, undo); the worker rebuilds its model. */
	replaceDataset(dataset: Dataset) {
		this.dataset = dataset;
		this.result = undefined;
		this.worker?.postMessage({ type: 'load', dataset } satisfies WorkerRequest);
	}
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

const KEY = Symbol('planner');

export function setPlanner(planner: Planner) {
	setContext(KEY, planner);
	return planner;
}

export function getPlanner(): Planner {
	return getContext<Planner>(KEY);
}

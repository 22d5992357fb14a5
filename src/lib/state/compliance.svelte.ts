import { getContext, setContext } from 'svelte';
import type { ComplianceReport } from '../engine/compliance/evaluate';
import type { RuleResult } from '../engine/compliance/types';
import type { RuleSet } from '../engine/rules';
import type { Dataset, Facility } from '../engine/types';
import type { ComplianceRequest, ComplianceResponse } from '../worker/protocol';

/**
 * The compliance report of the chosen plan, for the current scenario (proposals, planned facilities),
 * computed by the compliance worker. Only the latest request is queued while one runs.
 */
export class Compliance {
	readonly ruleSets: RuleSet[];
	planId = $state('honghe-2022');
	/** Year for phased targets; undefined = each rule's final target. */
	year = $state<number>();
	report = $state.raw<ComplianceReport>();
	selectedRuleId = $state<string>();
	busy = $state(false);
	error = $state<string>();

	ruleSet = $derived(this.findSet(this.planId));
	selected = $derived<RuleResult | undefined>(this.report?.rules.find((rule) => rule.id === this.selectedRuleId));
	/** Years the chosen plan phases any target over. */
	years = $derived([...new Set((this.ruleSet?.rules ?? []).flatMap((rule) => ('phases' in rule ? (rule.phases ?? []).map((phase) => phase.year) : [])))].sort());

	private worker: Worker | undefined;
	private nextId = 1;
	private latestId = 0;
	private pending: Omit<Extract<ComplianceRequest, { type: 'evaluate' }>, 'id' | 'type'> | undefined;

	constructor(ruleSets: RuleSet[]) {
		this.ruleSets = ruleSets;
		if (!this.findSet(this.planId) && ruleSets[0]) this.planId = ruleSets[0].id;
	}

	private findSet(id: string) {
		return this.ruleSets.find((set) => set.id === id);
	}

	selectPlan(id: string) {
		this.planId = id;
		this.selectedRuleId = undefined;
		if (this.year !== undefined && !this.years.includes(this.year)) this.year = undefined;
	}

	private dataset: Dataset | undefined;

	attachWorker(worker: Worker, dataset: Dataset) {
		this.worker = worker;
		worker.onmessage = (event: MessageEvent<ComplianceResponse>) => this.onMessage(event.data);
		worker.onerror = (event) => {
			this.busy = false;
			this.error = event.message || 'worker error';
		};
		worker.postMessage({ type: 'load', dataset } satisfies ComplianceRequest);
		this.dataset = dataset;
	}

	/** Sends the worker a dataset that replaced the one it has; requests after this evaluate the new data. */
	useDataset(dataset: Dataset) {
		if (!this.worker || this.dataset === dataset) return;
		this.dataset = dataset;
		this.report = undefined;
		this.worker.postMessage({ type: 'load', dataset } satisfies ComplianceRequest);
	}

	/** Asks for the report of the chosen plan under this scenario; while one runs, only the latest waits. */
	request(proposals: Facility[], includePlanned: boolean) {
		const ruleSet = this.ruleSet;
		if (!this.worker || !ruleSet) return;
		const next = { ruleSet: $state.snapshot(ruleSet) as RuleSet, year: this.year, includePlanned, proposals };
		if (this.busy) {
			this.pending = next;
			return;
		}
		this.send(next);
	}

	private send(next: NonNullable<typeof this.pending>) {
		this.busy = true;
		this.pending = undefined;
		this.latestId = this.nextId++;
		this.worker!.postMessage({ type: 'evaluate', id: this.latestId, ...next } satisfies ComplianceRequest);
	}

	private onMessage(message: ComplianceResponse) {
		if (message.type === 'loaded') return;
		this.busy = false;
		if (message.type === 'error') this.error = message.message;
		else {
			this.error = undefined;
			this.report = message.report;
		}
		if (this.pending) this.send(this.pending);
	}
}

const KEY = Symbol('compliance');

export function setCompliance(compliance: Compliance) {
	setContext(KEY, compliance);
	return compliance;
}

/** The compliance state, or undefined where no page provided one. */
export function getCompliance(): Compliance | undefined {
	return getContext<Compliance | undefined>(KEY);
}

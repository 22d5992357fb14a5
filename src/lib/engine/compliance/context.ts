import { CoverageModel, type CoverageState } from '../coverage';
import type { CoverageQuery } from '../rules';
import type { Dataset, Facility, FacilityCategory } from '../types';
import { Placement } from './placement';
import type { EvaluationOptions } from './types';

/**
 * What every evaluator needs for one dataset and one scenario: the facilities that count (existing ones,
 * planned ones if asked, and every proposal), placement in units, and the coverage model for proximity.
 * Build one per dataset and reuse it across scenarios (`withOptions`): placement and the coverage
 * model's projected areas are the expensive parts.
 */
export class EvaluationContext {
	readonly placement: Placement;
	private model: CoverageModel | undefined;
	/** Baselines (no proposals) by query: a walking baseline of the demo costs ≈ 0.5 s, a proposal only re-clips. */
	private readonly baselines: Map<string, CoverageState>;

	constructor(
		readonly dataset: Dataset,
		readonly options: EvaluationOptions = {},
		shared?: { placement: Placement; model?: CoverageModel; baselines?: Map<string, CoverageState> }
	) {
		this.placement = shared?.placement ?? new Placement(dataset);
		this.model = shared?.model;
		this.baselines = shared?.baselines ?? new Map();
	}

	withOptions(options: EvaluationOptions): EvaluationContext {
		return new EvaluationContext(this.dataset, options, { placement: this.placement, model: this.coverageModel(), baselines: this.baselines });
	}

	/** Coverage of the dataset's own facilities under a query, computed once per query and reused across scenarios. */
	baseline(query: CoverageQuery): CoverageState {
		const key = JSON.stringify(query);
		let state = this.baselines.get(key);
		if (!state) {
			state = this.coverageModel().baseline(query);
			this.baselines.set(key, state);
		}
		return state;
	}

	get year(): number | undefined {
		return this.options.year;
	}

	get includePlanned(): boolean {
		return this.options.includePlanned ?? false;
	}

	get proposals(): Facility[] {
		return this.options.proposals ?? [];
	}

	coverageModel(): CoverageModel {
		this.model ??= new CoverageModel(this.dataset);
		return this.model;
	}

	/** Facilities of the categories that count in this scenario, proposals last. */
	facilities(categories: readonly FacilityCategory[]): Facility[] {
		const own = this.dataset.facilities.filter((facility) => this.includePlanned || facility.properties.status === 'existing');
		return [...own, ...this.proposals].filter((facility) => categories.includes(facility.properties.category));
	}
}

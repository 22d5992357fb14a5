import { CoverageModel } from '../coverage';
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

	constructor(
		readonly dataset: Dataset,
		readonly options: EvaluationOptions = {},
		shared?: { placement: Placement; model?: CoverageModel }
	) {
		this.placement = shared?.placement ?? new Placement(dataset);
		this.model = shared?.model;
	}

	withOptions(options: EvaluationOptions): EvaluationContext {
		return new EvaluationContext(this.dataset, options, { placement: this.placement, model: this.model });
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

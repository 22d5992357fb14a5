import { CoverageModel, type CoverageState } from './coverage';
import { uncoveredCollection, type UncoveredCollection } from './exportUncovered';
import type { CoverageQuery } from './rules';
import { summarizeCoverage, type CoverageSummary } from './summary';
import type { Dataset, Facility } from './types';

export interface Analysis {
	state: CoverageState;
	summary: CoverageSummary;
	uncovered: UncoveredCollection;
}

/** One whole analysis: coverage of a dataset, with proposals, summarised and ready to export. */
export function analyze(dataset: Dataset, query: CoverageQuery, proposals: Facility[] = [], model = new CoverageModel(dataset)): Analysis {
	const state = model.withProposals(model.baseline(query), proposals);
	return { state, summary: summarizeCoverage(dataset, state), uncovered: uncoveredCollection(dataset, model.projection, state) };
}

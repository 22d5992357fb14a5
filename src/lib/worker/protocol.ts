import type { FeatureCollection, Polygon } from 'geojson';
import type { UncoveredCollection } from '../engine/exportUncovered';
import type { ComplianceReport } from '../engine/compliance/evaluate';
import type { CoverageQuery, RuleSet } from '../engine/rules';
import type { CoverageSummary } from '../engine/summary';
import type { Dataset, Facility } from '../engine/types';

export type ServiceAreaCollection = FeatureCollection<Polygon, { facilityId: string; proposed: boolean }>;

export type WorkerRequest =
	| { type: 'load'; dataset: Dataset }
	| { type: 'analyze'; id: number; query: CoverageQuery; proposals: Facility[] };

export interface AnalysisResult {
	id: number;
	query: CoverageQuery;
	summary: CoverageSummary;
	/** The same query without proposals, to show what the proposals change. */
	baselineSummary: CoverageSummary;
	/** Covered share of each residential area, in dataset order. */
	coveredShares: number[];
	uncovered: UncoveredCollection;
	serviceAreas: ServiceAreaCollection;
	elapsedMs: number;
}

export type WorkerResponse =
	| { type: 'loaded' }
	| { type: 'result'; result: AnalysisResult }
	| { type: 'error'; id: number; message: string };

/** The compliance worker (compliance.worker.ts): a plan's rules evaluated off the main thread. */
export type ComplianceRequest =
	| { type: 'load'; dataset: Dataset }
	| { type: 'evaluate'; id: number; ruleSet: RuleSet; year?: number; includePlanned: boolean; proposals: Facility[] };

export type ComplianceResponse =
	| { type: 'loaded' }
	| { type: 'report'; id: number; report: ComplianceReport; elapsedMs: number }
	| { type: 'error'; id: number; message: string };

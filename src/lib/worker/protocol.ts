import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { UncoveredCollection } from '../engine/exportUncovered';
import type { ComplianceReport } from '../engine/compliance/evaluate';
import type { CoverageQuery, RuleSet } from '../engine/rules';
import type { CoverageSummary } from '../engine/summary';
import type { Dataset, Facility } from '../engine/types';

export type ServiceAreaCollection = FeatureCollection<MultiPolygon, { facilityId: string; proposed: boolean; mode: 'straight' | 'walk' }>;

export type WorkerRequest =
	| { type: 'load'; dataset: Dataset }
	| { type: 'analyze'; id: number; query: CoverageQuery; proposals: Facility[]; compareStraight?: boolean; nodeCrossings?: boolean };

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
	/** How the reach was measured (`walk` needs the dataset's paths). */
	evaluatedAs: 'straight' | 'walk';
	/** With `compareStraight` and a walk: the same scenario measured straight-line, to compare. */
	straightSummary?: CoverageSummary;
	/** For walks: places where path lines cross without a shared vertex (kept apart, as bridges are in OSM). */
	pathCrossings?: number;
	/** Whether those crossings were joined as junctions (the planner's choice). */
	pathsNoded?: boolean;
	elapsedMs: number;
}

export type WorkerResponse =
	| { type: 'loaded' }
	| { type: 'result'; result: AnalysisResult }
	/** Share of the residential areas done in a long (walking) baseline. */
	| { type: 'progress'; id: number; share: number }
	| { type: 'error'; id: number; message: string };

/** The compliance worker (compliance.worker.ts): a plan's rules evaluated off the main thread. */
export type ComplianceRequest =
	| { type: 'load'; dataset: Dataset }
	| { type: 'evaluate'; id: number; ruleSet: RuleSet; year?: number; includePlanned: boolean; proposals: Facility[] };

export type ComplianceResponse =
	| { type: 'loaded' }
	| { type: 'report'; id: number; report: ComplianceReport; elapsedMs: number }
	| { type: 'error'; id: number; message: string };

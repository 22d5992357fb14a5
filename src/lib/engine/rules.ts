import type { z } from 'zod';
import { InputError } from './messages';
import { ruleSetSchema, type reachSchema, type RuleData, type RuleSetData } from './ruleSchema';
import type { FacilityCategory } from './types';

/** Where a rule comes from: the plan, its section and the quoted clause (shared/RULES.md). */
export type RuleSource = RuleData['source'];

/**
 * How far a service reaches. `straight` is a geodesic radius; `walk` is minutes × walking speed
 * along streets — until the walking-network engine exists it is evaluated as a straight-line
 * radius of that length, and results say so (`fallback`).
 */
export type Reach = z.infer<typeof reachSchema>;

/** One rule of a plan, of any of the six kinds (see ruleSchema.ts). */
export type Rule = RuleData;
export type RuleKind = Rule['kind'];
export type ProximityRule = Extract<Rule, { kind: 'proximity' }>;
export type CapacityRatioRule = Extract<Rule, { kind: 'capacity_ratio' }>;
export type FloorAreaRule = Extract<Rule, { kind: 'floor_area' }>;
export type UnitHasFacilityRule = Extract<Rule, { kind: 'unit_has_facility' }>;
export type ThresholdObligationRule = Extract<Rule, { kind: 'threshold_obligation' }>;
export type FacilityAttributeRule = Extract<Rule, { kind: 'facility_attribute' }>;

export type RuleSet = RuleSetData;

/** What a coverage run is asked: which facilities count and how far they reach. */
export interface CoverageQuery {
	/** Rule id recorded in exports (e.g. `HH-1`), or `custom`. */
	ruleId: string;
	categories: FacilityCategory[];
	radiusM: number;
	/** Count `under_construction` and `planned` facilities too (baseline counts `existing` only). */
	includePlanned: boolean;
	/**
	 * How the reach is measured. `walk`: along the dataset's walking network (`radiusM` is then the
	 * walking budget, minutes × speed); a dataset without paths falls back to straight-line and the
	 * result says so (`evaluatedAs`).
	 */
	mode: 'straight' | 'walk';
	/** Walking parameters, for `walk` (defaults: `walkParameters`). */
	walk?: WalkParameters;
}

/** What a walking reach is made of (README, "Walking service areas"). */
export interface WalkParameters {
	minutes: number;
	speedMPerMin: number;
	/** Greatest straight distance off the network to a place (m): compounds are entered from their streets. */
	accessM: number;
}

/** Default access distance off the network (m). */
export const DEFAULT_ACCESS_M = 100;

/**
 * Walking speed presets (m/min). General 80 m/min and elderly 60 m/min are common planning values
 * for adults and older people; GB 50180-2018 (城市居住区规划设计标准) pairs the 15-minute life
 * circle with 800–1000 m, i.e. 53.3–66.7 m/min. The default is the GB 50180 upper pair,
 * 1000 m / 15 min = 66.7 m/min, as the seeds' walking rules state.
 */
export const WALK_SPEED_PRESETS = [
	{ id: 'gb50180', speedMPerMin: 66.7 },
	{ id: 'gb50180-low', speedMPerMin: 53.3 },
	{ id: 'general', speedMPerMin: 80 },
	{ id: 'elderly', speedMPerMin: 60 }
] as const;

export const DEFAULT_WALK_SPEED_M_PER_MIN = 66.7;

/** Minutes of the walking bands drawn and offered (5 / 10 / 15-minute circles). */
export const WALK_BANDS_MIN = [5, 10, 15] as const;

/** The walking parameters of a query, with defaults filled in. */
export function walkParameters(query: CoverageQuery): WalkParameters {
	return (
		query.walk ?? { minutes: query.radiusM / DEFAULT_WALK_SPEED_M_PER_MIN, speedMPerMin: DEFAULT_WALK_SPEED_M_PER_MIN, accessM: DEFAULT_ACCESS_M }
	);
}

/** Straight-line length of a reach in metres. */
export function reachRadiusM(reach: Reach): number {
	return reach.mode === 'straight' ? reach.radiusM : reach.minutes * reach.speedMPerMin;
}

export function queryForRule(rule: ProximityRule, includePlanned = false): CoverageQuery {
	const query: CoverageQuery = {
		ruleId: rule.id,
		categories: [...rule.categories],
		radiusM: reachRadiusM(rule.reach),
		includePlanned,
		mode: rule.reach.mode
	};
	if (rule.reach.mode === 'walk') query.walk = { minutes: rule.reach.minutes, speedMPerMin: rule.reach.speedMPerMin, accessM: DEFAULT_ACCESS_M };
	return query;
}

/**
 * The same query measured the other way: `walk` takes the straight radius as its budget at the given
 * speed; `straight` takes the walking budget as its radius. Any proximity rule runs in either mode.
 */
export function queryInMode(query: CoverageQuery, mode: 'straight' | 'walk', walk?: Partial<WalkParameters>): CoverageQuery {
	if (mode === 'straight') return { ...query, mode, walk: undefined };
	const base = walkParameters(query);
	const parameters: WalkParameters = { ...base, ...walk };
	if (walk?.minutes === undefined && walk?.speedMPerMin !== undefined) parameters.minutes = query.radiusM / parameters.speedMPerMin;
	return { ...query, mode, walk: parameters, radiusM: parameters.minutes * parameters.speedMPerMin };
}

/** Parses a rule set from `seeds/` against the one schema; every problem names the file and the JSON path. */
export function parseRuleSet(data: unknown, file: string): RuleSet {
	const result = ruleSetSchema.safeParse(data);
	if (result.success) return result.data;
	throw new InputError(
		result.error.issues.map((issue) => {
			const path = issue.path.length ? issue.path.join('.') : '(root)';
			return { file, message: { zh: `${path}：${issue.message}`, en: `${path}: ${issue.message}` } };
		})
	);
}

export function proximityRulesOf(set: RuleSet): ProximityRule[] {
	return set.rules.filter((rule): rule is ProximityRule => rule.kind === 'proximity');
}

/** The target that applies in `year`: the last phase not after it (the first before all phases); without a year, `target`. */
export function targetForYear(rule: { target: number; phases?: { year: number; target: number }[] }, year?: number): number {
	if (year === undefined || !rule.phases) return rule.target;
	let chosen = rule.phases[0].target;
	for (const phase of rule.phases) if (phase.year <= year) chosen = phase.target;
	return chosen;
}

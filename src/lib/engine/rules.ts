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
	/** The reach as the rule states it; `walk` is evaluated straight-line in this version. */
	mode: 'straight' | 'walk';
}

/** Straight-line length of a reach in metres. */
export function reachRadiusM(reach: Reach): number {
	return reach.mode === 'straight' ? reach.radiusM : reach.minutes * reach.speedMPerMin;
}

export function queryForRule(rule: ProximityRule, includePlanned = false): CoverageQuery {
	return {
		ruleId: rule.id,
		categories: [...rule.categories],
		radiusM: reachRadiusM(rule.reach),
		includePlanned,
		mode: rule.reach.mode
	};
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

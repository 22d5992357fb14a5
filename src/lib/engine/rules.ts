import { InputError } from './messages';
import { FACILITY_CATEGORIES, type FacilityCategory, type LocalizedText } from './types';

/** Where a rule comes from: the plan, its section and the quoted clause (shared/RULES.md). */
export interface RuleSource {
	plan: string;
	section: string;
	quote: string;
}

/**
 * How far a service reaches. `straight` is a geodesic radius; `walk` is minutes × walking speed
 * along streets — until the walking-network engine exists it is evaluated as a straight-line
 * radius of that length, and results say so (`fallback`).
 */
export type Reach = { mode: 'straight'; radiusM: number } | { mode: 'walk'; minutes: number; speedMPerMin: number };

export interface ProximityRule {
	id: string;
	kind: 'proximity';
	group: 'elderly' | 'childcare';
	title: LocalizedText;
	categories: FacilityCategory[];
	reach: Reach;
	source: RuleSource;
	note?: string;
}

export interface RuleSet {
	id: string;
	name: LocalizedText;
	plan: { file: string; date: string };
	rules: ProximityRule[];
}

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

/** Parses a rule set from `seeds/` (proximity rules only in this version; other kinds are skipped). */
export function parseRuleSet(data: unknown, file: string): RuleSet {
	const fail = (zh: string, en: string): never => {
		throw new InputError([{ file, message: { zh, en } }]);
	};
	if (typeof data !== 'object' || data === null) return fail('规则集应为 JSON 对象', 'a rule set must be a JSON object');
	const set = data as Partial<RuleSet> & { rules?: unknown };
	if (typeof set.id !== 'string' || !set.name || !Array.isArray(set.rules))
		return fail('规则集缺少 id、name 或 rules', 'a rule set needs id, name and rules');
	const rules: ProximityRule[] = [];
	for (const candidate of set.rules as Partial<ProximityRule>[]) {
		if (candidate.kind !== 'proximity') continue;
		const unknown = (candidate.categories ?? []).filter((category) => !FACILITY_CATEGORIES.includes(category));
		if (!candidate.id || !candidate.reach || !candidate.source || !candidate.categories?.length || unknown.length)
			fail(`规则 ${candidate.id ?? '?'} 不完整或含未知类别 ${unknown.join(',')}`, `rule ${candidate.id ?? '?'} is incomplete or has unknown categories ${unknown.join(',')}`);
		const radius = reachRadiusM(candidate.reach as Reach);
		if (!(radius > 0)) fail(`规则 ${candidate.id} 的服务半径无效`, `rule ${candidate.id} has an invalid reach`);
		rules.push(candidate as ProximityRule);
	}
	return { id: set.id, name: set.name, plan: set.plan ?? { file: '', date: '' }, rules };
}

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

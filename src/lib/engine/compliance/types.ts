import type { RuleKind } from '../rules';
import type { Facility, LocalizedText, UnitLevel } from '../types';

export type ComplianceStatus = 'pass' | 'fail' | 'not_checkable';

/** What a rule's value measures (the report's `unit` of measure). */
export type MeasureUnit =
	| 'share_of_residents'
	| 'per_1000_population'
	| 'per_1000_elderly'
	| 'per_1000_infants'
	| 'share_of_areas'
	| 'share_of_units'
	| 'share_of_sites'
	| 'share_of_capacity'
	| 'share_of_facilities'
	| 'has_facility'
	| 'm2_per_100_households';

/** What a shortfall counts. */
export type ShortfallUnit = 'residents' | 'places' | 'beds' | 'nursing_beds' | 'affordable_places' | 'm2' | 'units' | 'sites' | 'facilities';

/** One row of a rule's result: a unit (county, street, community…) or a residential area. */
export interface ComplianceRow {
	unitId: string;
	name: string;
	level: UnitLevel | 'residential';
	value: number | null;
	target: number | null;
	status: ComplianceStatus;
	shortfall: number | null;
	/** Why a row is not checkable, or what a value means when it is plain (e.g. nothing to check). */
	reason?: LocalizedText;
}

export interface RuleResult {
	id: string;
	catalogueId: string;
	kind: RuleKind;
	group: 'elderly' | 'childcare';
	title: LocalizedText;
	status: ComplianceStatus;
	value: number | null;
	target: number | null;
	unit: MeasureUnit;
	/** What the rows' values measure (e.g. m² per 100 households while the rule counts units). */
	rowUnit: MeasureUnit;
	/** How much is missing to pass (0 when passing; null when not checkable). */
	shortfall: number | null;
	shortfallUnit: ShortfallUnit;
	reason?: LocalizedText;
	/** How the rule was evaluated where that differs from its text (e.g. walking evaluated straight-line). */
	notes: LocalizedText[];
	rows: ComplianceRow[];
	/** Facilities (including proposals) the rule counted. */
	facilityIds: string[];
}

/** What an evaluation is asked besides the rule: the year for phased targets, planned facilities, proposals. */
export interface EvaluationOptions {
	year?: number;
	/** Count `under_construction` and `planned` facilities too (otherwise only `existing` ones, and proposals). */
	includePlanned?: boolean;
	/** Proposed sites: they count in every rule. */
	proposals?: Facility[];
}

export const text = (zh: string, en: string): LocalizedText => ({ zh, en });

/** The fields every result repeats from its rule. */
export function ruleIdentity(rule: Pick<RuleResult, 'id' | 'catalogueId' | 'kind' | 'group' | 'title'>): Pick<RuleResult, 'id' | 'catalogueId' | 'kind' | 'group' | 'title'> {
	return { id: rule.id, catalogueId: rule.catalogueId, kind: rule.kind, group: rule.group, title: rule.title };
}

/** Comparisons tolerate floating-point noise far below any figure a plan states. */
export const EPSILON = 1e-9;

export function meets(value: number, target: number): boolean {
	return value >= target - EPSILON;
}

/** Up to five ids, then a count, for reasons naming facilities or areas. */
export function listIds(ids: string[]): string {
	return ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} … (+${ids.length - 5})`;
}

export const LEVEL_NAMES: Record<UnitLevel | 'residential', LocalizedText> = {
	county: { zh: '县（市、区）', en: 'county' },
	street: { zh: '街道', en: 'street' },
	township: { zh: '乡镇', en: 'township' },
	community: { zh: '社区', en: 'community' },
	village: { zh: '村', en: 'village' },
	residential: { zh: '居住区', en: 'residential area' }
};

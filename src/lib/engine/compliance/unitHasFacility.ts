import { targetForYear, type UnitHasFacilityRule } from '../rules';
import type { Facility } from '../types';
import type { EvaluationContext } from './context';
import { shareOutcome } from './shareOutcome';
import { LEVEL_NAMES, listIds, text, type ComplianceRow, type RuleResult, ruleIdentity } from './types';

/** Whether a facility has every attribute the rule requires: true, false, or undefined when one is missing. */
function hasRequired(facility: Facility, requires: UnitHasFacilityRule['requires']): boolean | undefined {
	let unknown = false;
	for (const attribute of requires ?? []) {
		const value = facility.properties[attribute];
		if (value === false) return false;
		if (value === undefined) unknown = true;
	}
	return unknown ? undefined : true;
}

/**
 * Unit has facility: the share of units of the rule's levels (or of residential areas, optionally only
 * new or existing ones) that contain a counted facility — for residential areas, one inside or within
 * `reachM` of the area. A unit whose only candidates lack a required optional attribute (e.g.
 * `demonstration`) is not checkable; the rule's status then follows shareOutcome.
 */
export function evaluateUnitHasFacility(rule: UnitHasFacilityRule, context: EvaluationContext): RuleResult {
	const { dataset, placement } = context;
	const facilities = context.facilities(rule.categories);
	const target = targetForYear(rule, context.year);
	const rows: ComplianceRow[] = [];
	const judge = (row: Omit<ComplianceRow, 'value' | 'target' | 'status' | 'shortfall'>, candidates: Facility[]) => {
		const verdicts = candidates.map((facility) => hasRequired(facility, rule.requires));
		if (verdicts.includes(true)) return rows.push({ ...row, value: 1, target: 1, status: 'pass', shortfall: 0 });
		const unknown = candidates.filter((_, index) => verdicts[index] === undefined).map((facility) => facility.properties.id);
		if (unknown.length) return rows.push({ ...row, value: null, target: 1, status: 'not_checkable', shortfall: null, reason: text(`设施缺少属性 ${rule.requires!.join('、')}：${listIds(unknown)}`, `facilities lack ${rule.requires!.join(', ')}: ${listIds(unknown)}`) });
		return rows.push({ ...row, value: 0, target: 1, status: 'fail', shortfall: 1 });
	};
	for (const level of rule.levels) {
		if (level === 'residential') {
			dataset.residential.forEach((area, index) => {
				if (rule.built && area.properties.built !== rule.built) return;
				const reach = rule.reachM ?? 0;
				const candidates = facilities.filter((facility) => placement.distanceToArea(facility.geometry.coordinates, index) <= reach);
				judge({ unitId: area.properties.id, name: area.properties.name, level: 'residential' }, candidates);
			});
		} else {
			for (const unit of placement.units(level)) judge({ unitId: unit.properties.id, name: unit.properties.name, level }, placement.facilitiesIn(unit, facilities));
		}
	}
	const qualifying = rows.filter((row) => row.status === 'pass').length;
	const unknown = rows.filter((row) => row.status === 'not_checkable').length;
	const outcome = shareOutcome(qualifying, unknown, rows.length, target);
	const levels = rule.levels.map((level) => LEVEL_NAMES[level]);
	const reason =
		rows.length === 0
			? text(`数据中没有${levels.map((name) => name.zh).join('、')}级单元`, `the dataset has no ${levels.map((name) => name.en).join(' or ')} units`)
			: outcome.status === 'not_checkable'
				? text(`${unknown} 个单元的设施缺少所需属性`, `${unknown} units have facilities lacking a required attribute`)
				: undefined;
	return {
		...ruleIdentity(rule),
		...outcome,
		target,
		unit: 'share_of_units',
		rowUnit: 'has_facility',
		shortfallUnit: 'units',
		reason,
		notes: [],
		rows,
		facilityIds: facilities.map((facility) => facility.properties.id)
	};
}

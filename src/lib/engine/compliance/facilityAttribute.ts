import { targetForYear, type FacilityAttributeRule } from '../rules';
import type { Facility } from '../types';
import type { EvaluationContext } from './context';
import { shareOutcome } from './shareOutcome';
import { listIds, meets, text, type ComplianceRow, type ComplianceStatus, type MeasureUnit, type RuleResult, type ShortfallUnit, ruleIdentity } from './types';
import type { LocalizedText } from '../types';

interface Outcome {
	status: ComplianceStatus;
	value: number | null;
	shortfall: number | null;
	reason?: LocalizedText;
}

type Check = FacilityAttributeRule['check'];

const MEASURE: Record<Check['measure'], MeasureUnit> = { share_of_capacity: 'share_of_capacity', conditional_attribute: 'share_of_facilities', in_range: 'share_of_facilities' };

function shortfallUnitOf(check: Check): ShortfallUnit {
	if (check.measure === 'share_of_capacity') return check.numerator === 'nursingBeds' ? 'nursing_beds' : 'affordable_places';
	return 'facilities';
}

/** Whether a facility falls under a conditional duty (红河 HH-7: operator and size). */
function isBound(facility: Facility, check: Extract<Check, { measure: 'conditional_attribute' }>): boolean {
	return check.when.some((condition) => condition.operators.includes(facility.properties.operator) && facility.properties.capacity >= condition.minCapacity);
}

/** One measure over a set of facilities. Missing optional attributes make the result not checkable, never zero. */
export function measureFacilities(check: Check, facilities: Facility[], target: number): Outcome {
	if (check.measure === 'share_of_capacity') {
		if (facilities.length === 0) return { status: 'not_checkable', value: null, shortfall: null, reason: text('没有此类设施', 'no facilities of these categories') };
		const missing = check.numerator === 'nursingBeds' ? facilities.filter((facility) => facility.properties.nursingBeds === undefined).map((facility) => facility.properties.id) : [];
		if (missing.length) return { status: 'not_checkable', value: null, shortfall: null, reason: text(`设施缺少护理型床位数 nursingBeds：${listIds(missing)}`, `facilities lack nursingBeds: ${listIds(missing)}`) };
		const capacity = facilities.reduce((sum, facility) => sum + facility.properties.capacity, 0);
		if (capacity === 0) return { status: 'not_checkable', value: null, shortfall: null, reason: text('床位（托位）总数为 0', 'total capacity is 0') };
		const part = facilities.reduce((sum, facility) => sum + (check.numerator === 'nursingBeds' ? facility.properties.nursingBeds! : facility.properties.affordable ? facility.properties.capacity : 0), 0);
		const value = part / capacity;
		return { status: meets(value, target) ? 'pass' : 'fail', value, shortfall: Math.max(0, Math.ceil(target * capacity - part - 1e-9)) };
	}
	if (check.measure === 'conditional_attribute') {
		const bound = facilities.filter((facility) => isBound(facility, check));
		if (bound.length === 0) return { status: 'pass', value: null, shortfall: 0, reason: text('没有达到条件的机构，无此项义务', 'no facility meets the condition: no duty') };
		const having = bound.filter((facility) => facility.properties[check.attribute] === true).length;
		const unknown = bound.filter((facility) => facility.properties[check.attribute] === undefined).map((facility) => facility.properties.id);
		const outcome = shareOutcome(having, unknown.length, bound.length, target);
		return { ...outcome, reason: outcome.status === 'not_checkable' ? text(`设施缺少属性 ${check.attribute}：${listIds(unknown)}`, `facilities lack ${check.attribute}: ${listIds(unknown)}`) : undefined };
	}
	if (facilities.length === 0) return { status: 'not_checkable', value: null, shortfall: null, reason: text('没有此类设施', 'no facilities of these categories') };
	const unknown = facilities.filter((facility) => facility.properties[check.attribute] === undefined).map((facility) => facility.properties.id);
	const inside = facilities.filter((facility) => {
		const value = facility.properties[check.attribute];
		return value !== undefined && value >= check.min && value <= check.max;
	}).length;
	const outcome = shareOutcome(inside, unknown.length, facilities.length, target);
	return { ...outcome, reason: outcome.status === 'not_checkable' ? text(`设施缺少属性 ${check.attribute}：${listIds(unknown)}`, `facilities lack ${check.attribute}: ${listIds(unknown)}`) : undefined };
}

/**
 * Facility attribute: a share over the counted facilities (nursing beds among beds, 普惠 places among
 * places, facilities within a size range) or a conditional duty (large institutions have a clinic),
 * over the whole dataset and for the facilities in each unit.
 */
export function evaluateFacilityAttribute(rule: FacilityAttributeRule, context: EvaluationContext): RuleResult {
	const facilities = context.facilities(rule.categories);
	const target = targetForYear(rule, context.year);
	const rows: ComplianceRow[] = context.dataset.units.map((unit) => ({
		unitId: unit.properties.id,
		name: unit.properties.name,
		level: unit.properties.level,
		target,
		...measureFacilities(rule.check, context.placement.facilitiesIn(unit, facilities), target)
	}));
	return {
		...ruleIdentity(rule),
		target,
		unit: MEASURE[rule.check.measure],
		rowUnit: MEASURE[rule.check.measure],
		shortfallUnit: shortfallUnitOf(rule.check),
		notes: [],
		...measureFacilities(rule.check, facilities, target),
		rows,
		facilityIds: facilities.map((facility) => facility.properties.id)
	};
}

import { targetForYear, type CapacityRatioRule } from '../rules';
import type { ResidentialArea } from '../types';
import type { EvaluationContext } from './context';
import { meets, text, type ComplianceRow, type MeasureUnit, type RuleResult, ruleIdentity } from './types';

const PER_NAME = { population: text('居民', 'residents'), elderly: text('老年人', 'elderly residents'), infants: text('3 岁以下婴幼儿', 'children under 3') };

const peopleOf = (area: ResidentialArea, per: CapacityRatioRule['per']) => area.properties[per];

/** Places (or beds) missing for `capacity` per 1000 `people` to reach `target`: whole places. */
export function placesShort(capacity: number, people: number, target: number): number {
	return Math.max(0, Math.ceil((target * people) / 1000 - capacity - 1e-9));
}

/**
 * Capacity ratio: places or beds per 1000 residents (or elderly, or infants).
 * - scope `units`: over the whole dataset (every counted facility over every area's people), and per
 *   unit (facilities whose point lies in the unit over the people of the areas that belong to it).
 * - scope `residential` (凉山 LS-2): per residential area, by a two-step floating catchment: each
 *   facility's capacity is shared among the people of the areas within `reachM` of it; an area's
 *   supply is the sum of its shares from the facilities that reach it.
 * A unit or area without such people is not checkable (a ratio per zero people has no value).
 */
export function evaluateCapacityRatio(rule: CapacityRatioRule, context: EvaluationContext): RuleResult {
	const facilities = context.facilities(rule.categories);
	const target = targetForYear(rule, context.year);
	const base = {
		...ruleIdentity(rule),
		shortfallUnit: rule.group === 'elderly' ? ('beds' as const) : ('places' as const),
		notes: [],
		rowUnit: `per_1000_${rule.per}` as MeasureUnit,
		facilityIds: facilities.map((facility) => facility.properties.id)
	};
	return rule.scope === 'units' ? byUnits(rule, context, target, base) : byResidentialArea(rule, context, target, base);
}

type Base = Pick<RuleResult, 'id' | 'catalogueId' | 'kind' | 'group' | 'title' | 'shortfallUnit' | 'notes' | 'facilityIds' | 'rowUnit'>;

function byUnits(rule: CapacityRatioRule, context: EvaluationContext, target: number, base: Base): RuleResult {
	const { dataset, placement } = context;
	const facilities = context.facilities(rule.categories);
	const unit = `per_1000_${rule.per}` as MeasureUnit;
	const noPeople = text(`没有${PER_NAME[rule.per].zh}，无法计算千人指标`, `no ${PER_NAME[rule.per].en}: a ratio per 1000 has no value`);
	const rows: ComplianceRow[] = dataset.units.map((candidate) => {
		const areas = placement.areasIn(candidate.properties.id);
		const people = areas.reduce((sum, index) => sum + peopleOf(dataset.residential[index], rule.per), 0);
		const capacity = placement.facilitiesIn(candidate, facilities).reduce((sum, facility) => sum + facility.properties.capacity, 0);
		const row = { unitId: candidate.properties.id, name: candidate.properties.name, level: candidate.properties.level, target };
		if (people === 0) return { ...row, value: null, status: 'not_checkable', shortfall: null, reason: areas.length ? noPeople : text('单元内没有居住区', 'no residential areas in this unit') };
		const value = (1000 * capacity) / people;
		return { ...row, value, status: meets(value, target) ? 'pass' : 'fail', shortfall: placesShort(capacity, people, target) };
	});
	const people = dataset.residential.reduce((sum, area) => sum + peopleOf(area, rule.per), 0);
	const capacity = facilities.reduce((sum, facility) => sum + facility.properties.capacity, 0);
	if (people === 0) return { ...base, status: 'not_checkable', value: null, target, unit, shortfall: null, reason: noPeople, rows };
	const value = (1000 * capacity) / people;
	return { ...base, status: meets(value, target) ? 'pass' : 'fail', value, target, unit, shortfall: placesShort(capacity, people, target), rows };
}

function byResidentialArea(rule: CapacityRatioRule, context: EvaluationContext, fallbackTarget: number, base: Base): RuleResult {
	const { dataset, placement } = context;
	const facilities = context.facilities(rule.categories);
	const reachM = rule.reachM ?? 300;
	const areas = dataset.residential;
	// Step 1: each facility's places per person within its reach.
	const supplyPerPerson = new Array<number>(areas.length).fill(0);
	for (const facility of facilities) {
		const reached = areas.flatMap((_, index) => (placement.distanceToArea(facility.geometry.coordinates, index) <= reachM ? [index] : []));
		const demand = reached.reduce((sum, index) => sum + peopleOf(areas[index], rule.per), 0);
		if (demand === 0) continue;
		// Step 2: every area the facility reaches gets the facility's places per person.
		for (const index of reached) supplyPerPerson[index] += facility.properties.capacity / demand;
	}
	let checkable = 0;
	let passing = 0;
	let missing = 0;
	const rows: ComplianceRow[] = areas.map((area, index) => {
		const people = peopleOf(area, rule.per);
		const target = rule.builtTargets?.[area.properties.built] ?? fallbackTarget;
		const row = { unitId: area.properties.id, name: area.properties.name, level: 'residential' as const, target };
		if (people === 0) return { ...row, value: null, status: 'not_checkable', shortfall: null, reason: text('无居民', 'no residents') };
		checkable += 1;
		const value = 1000 * supplyPerPerson[index];
		const gap = Math.max(0, (target * people) / 1000 - supplyPerPerson[index] * people);
		missing += gap;
		const pass = meets(value, target);
		if (pass) passing += 1;
		return { ...row, value, status: pass ? 'pass' : 'fail', shortfall: Math.ceil(gap - 1e-9) };
	});
	const notes = [text(`每个居住区计入 ${reachM} 米内设施的托位，按设施服务范围内人口分摊（两步移动搜索法）`, `each area counts the places of facilities within ${reachM} m, shared among the people they reach (two-step floating catchment)`)];
	if (checkable === 0) return { ...base, notes, status: 'not_checkable', value: null, target: 1, unit: 'share_of_areas', shortfall: null, reason: text('没有有居民的居住区', 'no residential area has residents'), rows };
	const value = passing / checkable;
	return { ...base, notes, status: meets(value, 1) ? 'pass' : 'fail', value, target: 1, unit: 'share_of_areas', shortfall: Math.ceil(missing - 1e-9), rows };
}

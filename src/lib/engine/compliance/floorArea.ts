import type { FloorAreaRule } from '../rules';
import type { EvaluationContext } from './context';
import { LEVEL_NAMES, listIds, meets, text, type ComplianceRow, type RuleResult, ruleIdentity } from './types';

/**
 * Floor area per 100 households (文山 WS-1/2, 呼中 HZ-3), per unit of `level`: the floor area of the
 * counted sites whose point lies in the unit (sites under `minSiteM2` do not count) against
 * Σ households / 100 × the rate for each area's `built`. A unit with a counted site lacking `floorArea`
 * is not checkable (a missing area is not zero); one with no households the rule applies to has no duty
 * to check. The rule passes when every checkable unit does; the shortfall is the sum of the units' gaps (m²).
 */
export function evaluateFloorArea(rule: FloorAreaRule, context: EvaluationContext): RuleResult {
	const { dataset, placement } = context;
	const facilities = context.facilities(rule.categories);
	const rates = rule.ratesPer100Households;
	const units = placement.units(rule.level);
	const rows: ComplianceRow[] = units.map((candidate) => {
		const row = { unitId: candidate.properties.id, name: candidate.properties.name, level: candidate.properties.level };
		let households = 0;
		let required = 0;
		for (const index of placement.areasIn(candidate.properties.id)) {
			const { built, households: count } = dataset.residential[index].properties;
			const rate = rates[built];
			if (rate === undefined) continue;
			households += count;
			required += (count / 100) * rate;
		}
		if (households === 0) return { ...row, value: null, target: null, status: 'not_checkable', shortfall: null, reason: text('单元内没有本条适用的住户', 'no households this rule applies to in this unit') };
		const sites = placement.facilitiesIn(candidate, facilities);
		const unknown = sites.filter((site) => site.properties.floorArea === undefined).map((site) => site.properties.id);
		const target = (100 * required) / households;
		if (unknown.length) return { ...row, value: null, target, status: 'not_checkable', shortfall: null, reason: text(`设施缺少建筑面积 floorArea：${listIds(unknown)}`, `facilities lack floorArea: ${listIds(unknown)}`) };
		const supplied = sites.reduce((sum, site) => sum + (site.properties.floorArea! >= (rule.minSiteM2 ?? 0) ? site.properties.floorArea! : 0), 0);
		const value = (100 * supplied) / households;
		return { ...row, value, target, status: meets(value, target) ? 'pass' : 'fail', shortfall: Math.max(0, required - supplied) };
	});
	const checkable = rows.filter((row) => row.status !== 'not_checkable');
	const passing = checkable.filter((row) => row.status === 'pass').length;
	const unknown = rows.filter((row) => row.status === 'not_checkable' && row.target !== null).length;
	const notes = rule.minSiteM2 ? [text(`单处面积不足 ${rule.minSiteM2} m² 的设施不计入`, `sites under ${rule.minSiteM2} m² do not count`)] : [];
	const base = { ...ruleIdentity(rule), unit: 'share_of_units' as const, rowUnit: 'm2_per_100_households' as const, shortfallUnit: 'm2' as const, notes, rows, facilityIds: facilities.map((facility) => facility.properties.id) };
	if (units.length === 0) return { ...base, status: 'not_checkable', value: null, target: 1, shortfall: null, reason: text(`数据中没有${LEVEL_NAMES[rule.level].zh}级单元`, `the dataset has no units of level ${LEVEL_NAMES[rule.level].en}`) };
	if (checkable.length === 0) return { ...base, status: 'not_checkable', value: null, target: 1, shortfall: null, reason: text('没有可核对的单元', 'no unit can be checked') };
	const value = passing / checkable.length;
	const shortfall = checkable.reduce((sum, row) => sum + (row.shortfall ?? 0), 0);
	const failing = passing < checkable.length;
	// Units that cannot be checked leave the outcome open unless a checkable unit already fails.
	const status = failing ? 'fail' : unknown ? 'not_checkable' : 'pass';
	return { ...base, status, value, target: 1, shortfall: status === 'not_checkable' ? null : shortfall, reason: status === 'not_checkable' ? text(`${unknown} 个单元的设施缺少建筑面积`, `${unknown} units have sites without floorArea`) : undefined };
}

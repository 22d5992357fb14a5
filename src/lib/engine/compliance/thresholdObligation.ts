import { targetForYear, type ThresholdObligationRule } from '../rules';
import type { EvaluationContext } from './context';
import { shareOutcome } from './shareOutcome';
import { text, type ComplianceRow, type RuleResult, ruleIdentity } from './types';

/**
 * Threshold obligation (凉山 LS-6): every residential area marked by the rule's optional attribute
 * (`resettlement`) with at least `minPopulation` residents must have a counted facility inside it or
 * within `reachM`. Areas at or above the size whose attribute is missing cannot be decided (not
 * checkable, not "not a site"); if no area carries the attribute at all, the rule is not checkable.
 */
export function evaluateThresholdObligation(rule: ThresholdObligationRule, context: EvaluationContext): RuleResult {
	const { dataset, placement } = context;
	const facilities = context.facilities(rule.categories);
	const target = targetForYear(rule, context.year);
	const base = { ...ruleIdentity(rule), target, unit: 'share_of_sites' as const, rowUnit: 'has_facility' as const, shortfallUnit: 'sites' as const, notes: [], facilityIds: facilities.map((facility) => facility.properties.id) };
	const marked = dataset.residential.some((area) => area.properties[rule.place] !== undefined);
	if (!marked)
		return { ...base, status: 'not_checkable', value: null, shortfall: null, rows: [], reason: text(`居住区均未填写 ${rule.place}（是否易地扶贫搬迁安置点）`, `no residential area carries ${rule.place} (relocation resettlement site)`) };
	const rows: ComplianceRow[] = [];
	dataset.residential.forEach((area, index) => {
		const { id, name, population } = area.properties;
		if (population < rule.minPopulation) return;
		const flag = area.properties[rule.place];
		if (flag === false) return;
		const row = { unitId: id, name, level: 'residential' as const, target: 1 };
		if (flag === undefined) return rows.push({ ...row, value: null, status: 'not_checkable', shortfall: null, reason: text(`未填写 ${rule.place}`, `${rule.place} is missing`) });
		const served = facilities.some((facility) => placement.distanceToArea(facility.geometry.coordinates, index) <= rule.reachM);
		rows.push({ ...row, value: served ? 1 : 0, status: served ? 'pass' : 'fail', shortfall: served ? 0 : 1 });
	});
	if (rows.length === 0) return { ...base, status: 'pass', value: null, shortfall: 0, rows, reason: text(`没有人口达到 ${rule.minPopulation} 人的安置点，无此项义务`, `no site reaches ${rule.minPopulation} residents: no duty`) };
	const served = rows.filter((row) => row.status === 'pass').length;
	const unknown = rows.filter((row) => row.status === 'not_checkable').length;
	const outcome = shareOutcome(served, unknown, rows.length, target);
	return { ...base, ...outcome, rows, reason: outcome.status === 'not_checkable' ? text(`${unknown} 个居住区未填写 ${rule.place}`, `${unknown} areas lack ${rule.place}`) : undefined };
}

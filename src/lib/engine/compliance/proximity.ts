import { facilitiesForQuery } from '../coverage';
import { queryForRule, reachRadiusM, targetForYear, type ProximityRule } from '../rules';
import { summarizeCoverage } from '../summary';
import type { EvaluationContext } from './context';
import { meets, text, type ComplianceRow, type RuleResult, ruleIdentity } from './types';

/** Proximity: the share of residents within reach of a counted facility (CoverageModel does the geometry). */
export function evaluateProximity(rule: ProximityRule, context: EvaluationContext): RuleResult {
	const model = context.coverageModel();
	const query = queryForRule(rule, context.includePlanned);
	const state = model.withProposals(context.baseline(query), context.proposals);
	const summary = summarizeCoverage(context.dataset, state);
	const target = targetForYear(rule, context.year);
	const radius = Math.round(reachRadiusM(rule.reach));
	const notes =
		rule.reach.mode !== 'walk'
			? []
			: state.evaluatedAs === 'walk'
				? [text(`沿路网步行 ${rule.reach.minutes} 分钟（${rule.reach.speedMPerMin} 米/分钟，约 ${radius} 米）`, `${rule.reach.minutes}-minute walk along the network (${rule.reach.speedMPerMin} m/min, ≈ ${radius} m)`)]
				: [text(`数据没有步行路网：步行 ${rule.reach.minutes} 分钟按直线 ${radius} 米计算`, `no walking network in the data: the ${rule.reach.minutes}-minute walk is evaluated as a straight-line ${radius} m`)];
	const rows: ComplianceRow[] = summary.units.map((unit) => {
		if (unit.population === 0) return { unitId: unit.unitId, name: unit.name, level: unit.level, value: null, target, status: 'not_checkable', shortfall: null, reason: text('无居民', 'no residents') };
		const value = unit.coveredPopulation / unit.population;
		return { unitId: unit.unitId, name: unit.name, level: unit.level, value, target, status: meets(value, target) ? 'pass' : 'fail', shortfall: residentsShort(unit.population, unit.coveredPopulation, target) };
	});
	const { total } = summary;
	const base = { ...ruleIdentity(rule), target, unit: 'share_of_residents' as const, rowUnit: 'share_of_residents' as const, shortfallUnit: 'residents' as const, notes, rows };
	const facilityIds = [...facilitiesForQuery(context.dataset.facilities, query), ...context.proposals.filter((proposal) => rule.categories.includes(proposal.properties.category))].map((facility) => facility.properties.id);
	if (total.population === 0) return { ...base, status: 'not_checkable', value: null, shortfall: null, reason: text('数据中没有居民', 'the dataset has no residents'), facilityIds };
	const value = total.coveredPopulation / total.population;
	return { ...base, status: meets(value, target) ? 'pass' : 'fail', value, shortfall: residentsShort(total.population, total.coveredPopulation, target), facilityIds };
}

/** Residents who would have to come within reach for the share to meet the target (whole people). */
function residentsShort(population: number, covered: number, target: number): number {
	return Math.max(0, Math.ceil(target * population - covered - 1e-6));
}

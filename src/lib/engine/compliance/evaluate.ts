import type { Rule, RuleSet } from '../rules';
import type { Dataset } from '../types';
import { evaluateCapacityRatio } from './capacityRatio';
import { EvaluationContext } from './context';
import { evaluateFacilityAttribute } from './facilityAttribute';
import { evaluateFloorArea } from './floorArea';
import { evaluateProximity } from './proximity';
import { evaluateThresholdObligation } from './thresholdObligation';
import type { EvaluationOptions, RuleResult } from './types';
import { evaluateUnitHasFacility } from './unitHasFacility';

export function evaluateRule(rule: Rule, context: EvaluationContext): RuleResult {
	switch (rule.kind) {
		case 'proximity':
			return evaluateProximity(rule, context);
		case 'capacity_ratio':
			return evaluateCapacityRatio(rule, context);
		case 'floor_area':
			return evaluateFloorArea(rule, context);
		case 'unit_has_facility':
			return evaluateUnitHasFacility(rule, context);
		case 'threshold_obligation':
			return evaluateThresholdObligation(rule, context);
		case 'facility_attribute':
			return evaluateFacilityAttribute(rule, context);
	}
}

/** The compliance report of one plan on one dataset and scenario. */
export interface ComplianceReport {
	plan: string;
	planName: RuleSet['name'];
	dataset: Dataset['meta']['name'];
	year: number | null;
	includePlanned: boolean;
	proposals: number;
	rules: RuleResult[];
	notCheckable: RuleSet['notCheckable'];
}

export function evaluateRuleSet(set: RuleSet, dataset: Dataset, options: EvaluationOptions = {}, context = new EvaluationContext(dataset, options)): ComplianceReport {
	const scenario = context.options === options ? context : context.withOptions(options);
	return {
		plan: set.id,
		planName: set.name,
		dataset: dataset.meta.name,
		year: options.year ?? null,
		includePlanned: options.includePlanned ?? false,
		proposals: options.proposals?.length ?? 0,
		rules: set.rules.map((rule) => evaluateRule(rule, scenario)),
		notCheckable: set.notCheckable
	};
}

import { parseRuleSet, proximityRulesOf, type ProximityRule, type RuleSet } from '../engine/rules';

/** Every rule set in seeds/, bundled at build time. */
const seedFiles = import.meta.glob('/seeds/*.json', { eager: true, import: 'default' });

export const ruleSets: RuleSet[] = Object.entries(seedFiles)
	.sort(([a], [b]) => a.localeCompare(b))
	.map(([path, data]) => parseRuleSet(data, path.replace(/^\//, '')));

export const proximityRules: ProximityRule[] = ruleSets.flatMap(proximityRulesOf);

import { parseRuleSet, type ProximityRule } from '../engine/rules';

/** Every rule set in seeds/, bundled at build time. */
const seedFiles = import.meta.glob('/seeds/*.json', { eager: true, import: 'default' });

export const proximityRules: ProximityRule[] = Object.entries(seedFiles)
	.sort(([a], [b]) => a.localeCompare(b))
	.flatMap(([path, data]) => parseRuleSet(data, path.replace(/^\//, '')).rules);

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze } from '../../lib/engine/analyze';
import { serializeUncovered } from '../../lib/engine/exportUncovered';
import { queryForRule, type CoverageQuery } from '../../lib/engine/rules';
import { FACILITY_CATEGORIES, type FacilityCategory } from '../../lib/engine/types';
import { validateDataset, validateProposals } from '../../lib/engine/validate';
import { UsageError } from '../errors';
import { loadSeedRules, readDatasetFolder, readJson } from '../files';

export const ANALYZE_USAGE = `npm run cli -- analyze --data <dataset dir> (--rule HH-1 | --categories a,b --radius <m>)
                       [--radius <m>] [--proposals <file>] [--include-planned] --out <file> [--lang zh|en]`;

/** `analyze`: the uncovered areas of a dataset under one proximity rule, written as the app's export. */
export function analyzeCommand(args: string[]): number {
	const { values } = parseArgs({
		args,
		options: {
			data: { type: 'string' },
			rule: { type: 'string' },
			categories: { type: 'string' },
			radius: { type: 'string' },
			proposals: { type: 'string' },
			'include-planned': { type: 'boolean', default: false },
			out: { type: 'string' },
			lang: { type: 'string' }
		}
	});
	if (!values.data) throw new UsageError('--data <dataset dir> is required');
	if (!values.out) throw new UsageError('--out <file> is required');

	const dataset = validateDataset(readDatasetFolder(values.data));
	const query = buildQuery(values.rule, values.categories, values.radius, values['include-planned'] ?? false);
	const proposals = values.proposals ? validateProposals(readJson(values.proposals), values.proposals) : [];
	const { summary, uncovered } = analyze(dataset, query, proposals);
	writeFileSync(values.out, serializeUncovered(uncovered));

	const { total } = summary;
	const share = total.population > 0 ? (100 * total.uncoveredPopulation) / total.population : 0;
	console.log(
		`${query.ruleId} (${Math.round(query.radiusM)} m, ${query.mode === 'walk' ? 'walk evaluated straight-line' : 'straight-line'}${query.includePlanned ? ', incl. planned' : ''}${proposals.length ? `, ${proposals.length} proposals` : ''}): ` +
			`${Math.round(total.uncoveredPopulation)} of ${Math.round(total.population)} residents uncovered (${share.toFixed(1)}%), ` +
			`${total.uncoveredAreas} areas wholly and ${total.partlyCoveredAreas} partly uncovered; ${uncovered.features.length} parts → ${values.out}`
	);
	return 0;
}

function buildQuery(ruleId: string | undefined, categories: string | undefined, radius: string | undefined, includePlanned: boolean): CoverageQuery {
	const radiusM = radius === undefined ? undefined : Number(radius);
	if (radiusM !== undefined && !(Number.isFinite(radiusM) && radiusM > 0 && radiusM <= 50_000))
		throw new UsageError(`--radius must be a distance in metres between 0 and 50000, got ${radius}`);
	if (ruleId) {
		const rules = loadSeedRules();
		const rule = rules.find((candidate) => candidate.id === ruleId);
		if (!rule) throw new UsageError(`unknown rule ${ruleId}; known: ${rules.map((r) => r.id).join(', ')}`);
		const query = queryForRule(rule, includePlanned);
		return radiusM ? { ...query, radiusM } : query;
	}
	if (!categories || !radiusM) throw new UsageError('give --rule, or --categories and --radius');
	const list = categories.split(',').map((category) => category.trim());
	const unknown = list.filter((category) => !(FACILITY_CATEGORIES as readonly string[]).includes(category));
	if (unknown.length) throw new UsageError(`unknown category ${unknown.join(', ')}; known: ${FACILITY_CATEGORIES.join(', ')}`);
	return { ruleId: 'custom', categories: list as FacilityCategory[], radiusM, includePlanned, mode: 'straight' };
}

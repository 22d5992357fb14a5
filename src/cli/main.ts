import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze } from '../lib/engine/analyze';
import { serializeUncovered } from '../lib/engine/exportUncovered';
import { formatProblem, InputError } from '../lib/engine/messages';
import { queryForRule, type CoverageQuery } from '../lib/engine/rules';
import { FACILITY_CATEGORIES, type FacilityCategory } from '../lib/engine/types';
import { validateDataset, validateProposals } from '../lib/engine/validate';
import { loadSeedRules, readDatasetFolder, readJson } from './files';

const USAGE = `usage: npm run cli -- analyze --data <dataset dir> (--rule HH-1 | --categories a,b --radius <m>)
                       [--radius <m>] [--proposals <file>] [--include-planned] --out <file> [--lang zh|en]`;

type Lang = 'zh' | 'en';

class UsageError extends Error {}

function main(argv: string[]): number {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			data: { type: 'string' },
			rule: { type: 'string' },
			categories: { type: 'string' },
			radius: { type: 'string' },
			proposals: { type: 'string' },
			'include-planned': { type: 'boolean', default: false },
			out: { type: 'string' },
			lang: { type: 'string' },
			help: { type: 'boolean', short: 'h' }
		}
	});
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	if (positionals[0] !== 'analyze') throw new UsageError(`unknown command ${positionals[0] ?? '(none)'}`);
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
		const rule = loadSeedRules().find((candidate) => candidate.id === ruleId);
		if (!rule) throw new UsageError(`unknown rule ${ruleId}; known: ${loadSeedRules().map((r) => r.id).join(', ')}`);
		const query = queryForRule(rule, includePlanned);
		return radiusM ? { ...query, radiusM } : query;
	}
	if (!categories || !radiusM) throw new UsageError('give --rule, or --categories and --radius');
	const list = categories.split(',').map((category) => category.trim());
	const unknown = list.filter((category) => !(FACILITY_CATEGORIES as readonly string[]).includes(category));
	if (unknown.length) throw new UsageError(`unknown category ${unknown.join(', ')}; known: ${FACILITY_CATEGORIES.join(', ')}`);
	return { ruleId: 'custom', categories: list as FacilityCategory[], radiusM, includePlanned, mode: 'straight' };
}

function languageOf(argv: string[]): Lang {
	const index = argv.indexOf('--lang');
	const requested = index >= 0 ? argv[index + 1] : process.env.LANG;
	return requested?.startsWith('zh') ? 'zh' : 'en';
}

const firstLine = (message: string) => message.split('\n')[0];

const argv = process.argv.slice(2);
try {
	process.exitCode = main(argv);
} catch (error) {
	const lang = languageOf(argv);
	if (error instanceof InputError) {
		const [first, ...rest] = error.problems;
		const more = rest.length ? (lang === 'zh' ? `（另有 ${rest.length} 处问题）` : ` (and ${rest.length} more problems)`) : '';
		console.error(`error: ${first ? formatProblem(first, lang) : error.message}${more}`);
		process.exitCode = 1;
	} else if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
		console.error(`error: ${firstLine(error.message)} (see npm run cli -- --help)`);
		process.exitCode = 2;
	} else {
		console.error(`error: ${firstLine(error instanceof Error ? error.message : String(error))}`);
		process.exitCode = 1;
	}
}

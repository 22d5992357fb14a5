import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze } from '../../lib/engine/analyze';
import { serializeUncovered } from '../../lib/engine/exportUncovered';
import { DEFAULT_ACCESS_M, DEFAULT_WALK_SPEED_M_PER_MIN, queryForRule, queryInMode, type CoverageQuery } from '../../lib/engine/rules';
import { CoverageModel } from '../../lib/engine/coverage';
import { FACILITY_CATEGORIES, type FacilityCategory } from '../../lib/engine/types';
import { validateDataset, validateProposals } from '../../lib/engine/validate';
import { UsageError } from '../errors';
import { loadSeedRules, readDatasetFolder, readJson } from '../files';

export const ANALYZE_USAGE = `npm run cli -- analyze --data <dataset dir> (--rule HH-1 | --categories a,b --radius <m>)
                       [--radius <m>] [--mode straight|walk [--minutes <n>] [--speed <m/min>] [--access <m>] [--node-crossings]]
                       [--proposals <file>] [--include-planned] --out <file> [--lang zh|en]`;

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
			mode: { type: 'string' },
			minutes: { type: 'string' },
			speed: { type: 'string' },
			access: { type: 'string' },
			'node-crossings': { type: 'boolean', default: false },
			out: { type: 'string' },
			lang: { type: 'string' }
		}
	});
	if (!values.data) throw new UsageError('--data <dataset dir> is required');
	if (!values.out) throw new UsageError('--out <file> is required');

	const dataset = validateDataset(readDatasetFolder(values.data));
	const query = withMode(buildQuery(values.rule, values.categories, values.radius, values['include-planned'] ?? false), values);
	const proposals = values.proposals ? validateProposals(readJson(values.proposals), values.proposals) : [];
	const model = new CoverageModel(dataset, { nodeCrossings: values['node-crossings'] });
	const evaluatedAs = model.evaluatedAs(query);
	const network = evaluatedAs === 'walk' ? model.walkingNetwork() : undefined;
	if (network && network.crossings > 0)
		console.error(
			network.noded
				? `note: paths.geojson: ${network.crossings} places where lines crossed without a shared vertex were joined (--node-crossings)`
				: `note: paths.geojson: ${network.crossings} places where lines cross without a shared vertex stay apart (bridges and tunnels in OSM data); --node-crossings joins them`
		);
	const { summary, uncovered } = analyze(dataset, query, proposals, model);
	writeFileSync(values.out, serializeUncovered(uncovered));

	const { total } = summary;
	const share = total.population > 0 ? (100 * total.uncoveredPopulation) / total.population : 0;
	console.log(
		`${query.ruleId} (${describeReach(query, evaluatedAs)}${query.includePlanned ? ', incl. planned' : ''}${proposals.length ? `, ${proposals.length} proposals` : ''}): ` +
			`${Math.round(total.uncoveredPopulation)} of ${Math.round(total.population)} residents uncovered (${share.toFixed(1)}%), ` +
			`${total.uncoveredAreas} areas wholly and ${total.partlyCoveredAreas} partly uncovered; ${uncovered.features.length} parts → ${values.out}`
	);
	return 0;
}

/** The reach as the summary line states it. */
function describeReach(query: CoverageQuery, evaluatedAs: 'straight' | 'walk'): string {
	if (evaluatedAs === 'walk' && query.walk)
		return `walk ${query.walk.minutes} min × ${query.walk.speedMPerMin} m/min = ${Math.round(query.radiusM)} m along the network, access ${query.walk.accessM} m`;
	return `${Math.round(query.radiusM)} m, ${query.mode === 'walk' ? 'walk evaluated straight-line: the dataset has no paths' : 'straight-line'}`;
}

/** A number option within bounds, or a usage error naming it. */
function numberOption(name: string, text: string | undefined, min: number, max: number): number | undefined {
	if (text === undefined) return undefined;
	const value = Number(text);
	if (!(Number.isFinite(value) && value >= min && value <= max)) throw new UsageError(`--${name} must be a number between ${min} and ${max}, got ${text}`);
	return value;
}

/** Applies `--mode`, `--minutes`, `--speed`, `--access` to the rule's query (any proximity rule runs in either mode). */
function withMode(query: CoverageQuery, values: { mode?: string; minutes?: string; speed?: string; access?: string; radius?: string }): CoverageQuery {
	const mode = values.mode ?? query.mode;
	if (mode !== 'straight' && mode !== 'walk') throw new UsageError(`--mode must be straight or walk, got ${values.mode}`);
	const minutes = numberOption('minutes', values.minutes, 0.1, 600);
	const speedMPerMin = numberOption('speed', values.speed, 1, 500);
	const accessM = numberOption('access', values.access, 0, 1000);
	if (mode === 'straight') {
		if (minutes !== undefined || speedMPerMin !== undefined || accessM !== undefined)
			throw new UsageError('--minutes, --speed and --access apply to --mode walk');
		return queryInMode(query, 'straight');
	}
	const walk = {
		...(minutes !== undefined && { minutes }),
		...(speedMPerMin !== undefined && { speedMPerMin }),
		...(accessM !== undefined && { accessM })
	};
	if (query.mode === 'straight' && minutes === undefined && values.radius === undefined && !values.speed)
		// A straight rule walked: its radius becomes the budget at the default speed, unless minutes are given.
		return queryInMode(query, 'walk', { speedMPerMin: DEFAULT_WALK_SPEED_M_PER_MIN, accessM: accessM ?? DEFAULT_ACCESS_M });
	return queryInMode(query, 'walk', walk);
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

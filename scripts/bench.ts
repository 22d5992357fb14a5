/**
 * `npm run bench`: times the coverage engine on deterministic synthetic cities (scripts/bench/synthetic.ts:
 * town, city, big city) and prints, for each: full straight-line analysis, full walking analysis, one
 * proposed site moved (straight and walking), one 15-minute walking search, and the naive Turf 7
 * pipeline (union of all circles, then `difference` per area) on the town and the city, with the ratio.
 * Figures are medians of repeated runs after a warm-up, with min and max.
 *
 *   npm run bench [-- --only town,city] [-- --write <dir>]   (--write saves each city as a dataset folder)
 */
import * as turf from '@turf/turf';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { loadRuleSets, readDatasetFolder, writeDatasetFolder } from '../src/cli/files';
import { EvaluationContext } from '../src/lib/engine/compliance/context';
import { evaluateRuleSet } from '../src/lib/engine/compliance/evaluate';
import { validateDataset } from '../src/lib/engine/validate';
import { CoverageModel, facilitiesForQuery } from '../src/lib/engine/coverage';
import { NetworkSearch } from '../src/lib/engine/network';
import { queryInMode, type CoverageQuery } from '../src/lib/engine/rules';
import type { Dataset, Facility } from '../src/lib/engine/types';
import { CITIES, syntheticCity } from './bench/synthetic';

const { values } = parseArgs({ options: { only: { type: 'string' }, write: { type: 'string' }, 'no-turf': { type: 'boolean', default: false } } });
const only = values.only?.split(',').map((name) => name.trim());

interface Timing {
	median: number;
	min: number;
	max: number;
	runs: number;
}

/** Median of repeated runs after one warm-up; slow operations run fewer times (at least 3, or once past 10 s). */
function time(run: () => unknown, maxRepeats = 15): Timing {
	const first = performance.now();
	run();
	const warmup = performance.now() - first;
	if (warmup > 10_000) return { median: warmup, min: warmup, max: warmup, runs: 1 };
	const repeats = Math.max(3, Math.min(maxRepeats, Math.floor(8_000 / Math.max(warmup, 0.01))));
	const samples: number[] = [];
	for (let i = 0; i < repeats; i++) {
		const started = performance.now();
		run();
		samples.push(performance.now() - started);
	}
	samples.sort((a, b) => a - b);
	return { median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples[samples.length - 1], runs: repeats };
}

function naiveTurf(dataset: Dataset, query: CoverageQuery): number {
	const circles = facilitiesForQuery(dataset.facilities, query).map((facility) =>
		turf.circle(facility.geometry.coordinates, query.radiusM / 1000, { steps: 64, units: 'kilometers' })
	);
	const union = circles.length > 1 ? turf.union(turf.featureCollection(circles)) : circles[0];
	let uncovered = 0;
	for (const area of dataset.residential) {
		try {
			const rest = union ? turf.difference(turf.featureCollection([area as Feature<Polygon | MultiPolygon>, union])) : area;
			if (rest) uncovered += turf.area(rest);
		} catch {
			// polyclip-ts throws on some rings (shared/PERFORMANCE.md); the naive pipeline skips them.
		}
	}
	return uncovered;
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const row = (label: string, t: Timing | undefined, note = '') =>
	console.log(`| ${label.padEnd(34)} | ${t ? `${ms(t.median)} ms`.padStart(11) : '—'.padStart(11)} | ${t ? `${ms(t.min)}–${ms(t.max)}`.padStart(15) : ''.padStart(15)} | ${String(t?.runs ?? '').padStart(4)} | ${note}`);

const straightQuery: CoverageQuery = { ruleId: 'bench', categories: ['kindergarten'], radiusM: 300, includePlanned: false, mode: 'straight' };
// A 15-minute walk at the GB 50180 default 66.7 m/min (≈ 1000 m) with 100 m access off the network.
const walkQuery = queryInMode({ ...straightQuery, radiusM: 1000.5 }, 'walk', { minutes: 15, speedMPerMin: 66.7, accessM: 100 });

for (const spec of CITIES) {
	if (only && !only.includes(spec.name) && !only.includes(spec.name.replace(' ', '-'))) continue;
	const generated = performance.now();
	const dataset = syntheticCity(spec);
	const generateMs = performance.now() - generated;
	if (values.write) writeDatasetFolder(join(values.write, spec.name.replace(' ', '-')), dataset);

	const prepared = performance.now();
	const model = new CoverageModel(dataset);
	const prepareMs = performance.now() - prepared;
	const built = performance.now();
	const network = model.walkingNetwork()!;
	const networkMs = performance.now() - built;
	console.log(
		`\n### ${spec.name}: ${dataset.residential.length} areas, ${dataset.facilities.length} facilities, ${network.segmentCount} path segments (${network.nodeCount} nodes)`
	);
	console.log(`generated in ${ms(generateMs)} ms; areas projected and indexed in ${ms(prepareMs)} ms; walking graph built in ${ms(networkMs)} ms\n`);
	console.log(`| ${'operation'.padEnd(34)} | ${'median'.padStart(11)} | ${'min–max (ms)'.padStart(15)} | runs | note`);
	console.log(`|${'-'.repeat(36)}|${'-'.repeat(13)}|${'-'.repeat(17)}|------|-----`);

	const straight = time(() => {
		model.clearCaches();
		return model.baseline(straightQuery);
	});
	row('full straight-line analysis (300 m)', straight, 'circles + coverage of every area, circle cache cleared');
	const walk = time(() => {
		model.clearCaches();
		return model.baseline(walkQuery);
	}, 5);
	row('full walking analysis (15 min)', walk, 'multi-source search + walking area + coverage');

	const [lon, lat] = dataset.meta.center;
	const site = (step: number): Facility => ({
		type: 'Feature',
		geometry: { type: 'Point', coordinates: [lon + 1e-5 * step, lat] }, // a new position every step: nothing cached
		properties: { id: 'P-1', name: 'p', category: 'kindergarten', capacity: 0, operator: 'public', affordable: true, status: 'planned' }
	});
	const straightBaseline = model.baseline(straightQuery);
	let step = 0;
	row('one site moved, straight-line', time(() => model.withProposals(straightBaseline, [site(++step)]), 200), 're-clips only the areas it reaches');
	const walkBaseline = model.baseline(walkQuery);
	row('one site moved, walking', time(() => model.withProposals(walkBaseline, [site(++step)]), 50), 'search + its walking area + re-clip');

	const search = new NetworkSearch(network);
	const sources = facilitiesForQuery(dataset.facilities, straightQuery).map((facility) => model.walkSource(facility)!);
	let next = 0;
	let reached = 0;
	const oneSearch = time(() => {
		const reach = search.search([sources[next++ % sources.length]], 1000.5);
		reached += reach.reachedCount;
	}, 500);
	row('one 15-minute walking search', oneSearch, `Dijkstra, cutoff 1000 m; ${Math.round(reached / (oneSearch.runs + 1))} nodes reached on average`);

	if (spec.name !== 'big city' && !values['no-turf']) {
		const naive = time(() => naiveTurf(dataset, straightQuery), 3);
		row('naive Turf 7 pipeline (300 m)', naive, `ratio naive / engine: ${(naive.median / straight.median).toFixed(0)}×`);
	}
	const state = model.baseline(straightQuery);
	const walkState = model.baseline(walkQuery);
	const covered = (s: typeof state) => s.areas.reduce((sum, area) => sum + area.areaM2 - area.uncoveredAreaM2, 0);
	console.log(`\ncovered residential area: straight ${covered(state).toFixed(1)} m², walking ${covered(walkState).toFixed(1)} m²`);
	console.log(`memory: heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
}


// The compliance worker's work per request, on the embedded demo: a whole plan with one proposed site,
// the placement and coverage model reused as in the worker.
const demo = validateDataset(readDatasetFolder('geodata/xichang-demo'));
console.log('\n### compliance report per plan (demo, one proposed site, context reused as in the worker)\n');
console.log(`| ${'operation'.padEnd(34)} | ${'median'.padStart(11)} | ${'min–max (ms)'.padStart(15)} | runs | note`);
console.log(`|${'-'.repeat(36)}|${'-'.repeat(13)}|${'-'.repeat(17)}|------|-----`);
const context = new EvaluationContext(demo);
const [centerLon, centerLat] = demo.meta.center;
const proposal: Facility = {
	type: 'Feature',
	geometry: { type: 'Point', coordinates: [centerLon, centerLat] },
	properties: { id: 'P-1', name: 'p', category: 'kindergarten', capacity: 90, operator: 'public', affordable: true, status: 'planned' }
};
for (const set of loadRuleSets()) {
	const options = { proposals: [proposal] };
	row(`report ${set.id}`, time(() => evaluateRuleSet(set, demo, options, context.withOptions(options)), 10), `${set.rules.length} rules`);
}

/**
 * `npm run bench`: times the coverage engine on a dataset (default: the embedded demo) against the
 * naive Turf 7 pipeline (union of all circles, then `difference` per residential area) measured in
 * the same run. Medians of repeated runs after a warm-up, with min and max.
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { loadRuleSets, loadSeedRules, readDatasetFolder } from '../src/cli/files';
import { EvaluationContext } from '../src/lib/engine/compliance/context';
import { evaluateRuleSet } from '../src/lib/engine/compliance/evaluate';
import { analyze } from '../src/lib/engine/analyze';
import { CoverageModel, facilitiesForQuery } from '../src/lib/engine/coverage';
import { queryForRule, type CoverageQuery } from '../src/lib/engine/rules';
import { validateDataset } from '../src/lib/engine/validate';
import type { Facility } from '../src/lib/engine/types';

const directory = process.argv[2] ?? 'geodata/xichang-demo';
const dataset = validateDataset(readDatasetFolder(directory));

interface Timing {
	median: number;
	min: number;
	max: number;
}

function time(run: () => unknown, repeats: number, warmup = 1): Timing {
	for (let i = 0; i < warmup; i++) run();
	const samples: number[] = [];
	for (let i = 0; i < repeats; i++) {
		const started = performance.now();
		run();
		samples.push(performance.now() - started);
	}
	samples.sort((a, b) => a - b);
	return { median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples[samples.length - 1] };
}

function naiveTurf(query: CoverageQuery): number {
	const circles = facilitiesForQuery(dataset.facilities, query).map((facility) =>
		turf.circle(facility.geometry.coordinates, query.radiusM / 1000, { steps: 64, units: 'kilometers' })
	);
	const union = circles.length > 1 ? turf.union(turf.featureCollection(circles)) : circles[0];
	let uncovered = 0;
	for (const area of dataset.residential) {
		const rest = union ? turf.difference(turf.featureCollection([area as Feature<Polygon | MultiPolygon>, union])) : area;
		if (rest) uncovered += turf.area(rest);
	}
	return uncovered;
}

const format = (t: Timing) => `${t.median.toFixed(2).padStart(9)} ms  (min ${t.min.toFixed(2)}, max ${t.max.toFixed(2)})`;

console.log(`dataset ${directory}: ${dataset.residential.length} residential areas, ${dataset.facilities.length} facilities`);
for (const rule of loadSeedRules()) {
	const query = queryForRule(rule);
	const engine = time(() => analyze(dataset, query), 15);
	const turfNaive = time(() => naiveTurf(query), 3);
	const model = new CoverageModel(dataset);
	const baseline = model.baseline(query);
	const [lon, lat] = dataset.meta.center;
	let step = 0;
	const moved = time(() => {
		step++;
		const site: Facility = {
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [lon + 1e-5 * step, lat] }, // a new position every step: no cached circle
			properties: { id: 'P-1', name: 'p', category: query.categories[0], capacity: 0, operator: 'public', affordable: true, status: 'planned' }
		};
		return model.withProposals(baseline, [site]);
	}, 200, 20);
	console.log(`\n${rule.id} (${Math.round(query.radiusM)} m, ${facilitiesForQuery(dataset.facilities, query).length} facilities counted)`);
	console.log(`  engine, full analysis   ${format(engine)}`);
	console.log(`  engine, one site moved  ${format(moved)}`);
	console.log(`  naive Turf 7 pipeline   ${format(turfNaive)}`);
	console.log(`  ratio naive / engine    ${(turfNaive.median / engine.median).toFixed(1)}×`);
}

// The compliance worker's work per request: a whole plan with one proposed site, the context reused.
console.log('\ncompliance report per plan (one proposed site; placement and coverage model reused, as in the worker)');
const context = new EvaluationContext(dataset);
const [centerLon, centerLat] = dataset.meta.center;
const proposal: Facility = {
	type: 'Feature',
	geometry: { type: 'Point', coordinates: [centerLon, centerLat] },
	properties: { id: 'P-1', name: 'p', category: 'kindergarten', capacity: 90, operator: 'public', affordable: true, status: 'planned' }
};
for (const set of loadRuleSets()) {
	const options = { proposals: [proposal] };
	const timing = time(() => evaluateRuleSet(set, dataset, options, context.withOptions(options)), 10);
	console.log(`  ${set.id.padEnd(16)} ${set.rules.length.toString().padStart(2)} rules ${format(timing)}`);
}

/**
 * Compares the engine's coverage of the bench cities with the independent GEOS results:
 *   npx tsx scripts/bench/write-cities.ts <dir>
 *   /usr/bin/python3 scripts/independent/coverage_shapely.py --data <dir>/<city> --categories kindergarten --radius 300 --out <dir>/<city>-straight.json
 *   /usr/bin/python3 scripts/independent/walk_networkx.py <dir>/<city> --categories kindergarten --budget 1000.5 --access 100 --union-only > <dir>/<city>-walk.json
 *   npx tsx scripts/bench/compare-geos.ts <dir>
 * Prints covered residential area (m²) by both and the relative difference, per city and mode.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoverageModel } from '../../src/lib/engine/coverage';
import { queryInMode, type CoverageQuery } from '../../src/lib/engine/rules';
import { CITIES, syntheticCity } from './synthetic';

const directory = process.argv[2];
if (!directory) throw new Error('usage: compare-geos.ts <dir>');
const straight: CoverageQuery = { ruleId: 'bench', categories: ['kindergarten'], radiusM: 300, includePlanned: false, mode: 'straight' };
const walk = queryInMode({ ...straight, radiusM: 1000.5 }, 'walk', { minutes: 15, speedMPerMin: 66.7, accessM: 100 });
for (const spec of CITIES) {
	const name = spec.name.replace(' ', '-');
	const model = new CoverageModel(syntheticCity(spec));
	const covered = (query: CoverageQuery) => model.baseline(query).areas.reduce((sum, area) => sum + area.areaM2 - area.uncoveredAreaM2, 0);
	const straightFile = join(directory, `${name}-straight.json`);
	if (existsSync(straightFile)) {
		const reference = JSON.parse(readFileSync(straightFile, 'utf8')) as { areas: { areaM2: number; uncoveredAreaM2: number }[] };
		const geos = reference.areas.reduce((sum, area) => sum + area.areaM2 - area.uncoveredAreaM2, 0);
		const engine = covered(straight);
		console.log(`${name} straight 300 m: engine ${engine.toFixed(1)} m², GEOS ${geos.toFixed(1)} m², difference ${((100 * (engine - geos)) / geos).toFixed(4)} %`);
	}
	const walkFile = join(directory, `${name}-walk.json`);
	if (existsSync(walkFile) && readFileSync(walkFile, 'utf8').trim()) {
		const geos = (JSON.parse(readFileSync(walkFile, 'utf8')) as { coveredResidentialM2: number }).coveredResidentialM2;
		const engine = covered(walk);
		console.log(`${name} walk 15 min: engine ${engine.toFixed(1)} m², GEOS ${geos.toFixed(1)} m², difference ${((100 * (engine - geos)) / geos).toFixed(4)} %`);
	}
}

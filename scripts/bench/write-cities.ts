/**
 * Writes the bench's synthetic cities as dataset folders, for the independent (shapely/networkx) checks:
 *   npx tsx scripts/bench/write-cities.ts <dir> [town,city,big-city]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CITIES, syntheticCity } from './synthetic';

const [directory, only] = process.argv.slice(2);
if (!directory) throw new Error('usage: write-cities.ts <dir> [names]');
for (const spec of CITIES) {
	const name = spec.name.replace(' ', '-');
	if (only && !only.split(',').includes(name)) continue;
	const dataset = syntheticCity(spec);
	const folder = join(directory, name);
	mkdirSync(folder, { recursive: true });
	const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
	writeFileSync(join(folder, 'dataset.json'), JSON.stringify(dataset.meta));
	writeFileSync(join(folder, 'residential.geojson'), collection(dataset.residential));
	writeFileSync(join(folder, 'facilities.geojson'), collection(dataset.facilities));
	writeFileSync(join(folder, 'units.geojson'), collection(dataset.units));
	writeFileSync(join(folder, 'paths.geojson'), collection(dataset.paths));
	console.log(`${folder}: ${dataset.residential.length} areas, ${dataset.facilities.length} facilities, ${dataset.paths.length} path lines`);
}

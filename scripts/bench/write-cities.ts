/**
 * Writes the bench's synthetic cities as dataset folders, for the independent (shapely/networkx) checks:
 *   npx tsx scripts/bench/write-cities.ts <dir> [town,city,big-city]
 */
import { writeDatasetFolder } from '../../src/cli/files';
import { join } from 'node:path';
import { CITIES, syntheticCity } from './synthetic';

const [directory, only] = process.argv.slice(2);
if (!directory) throw new Error('usage: write-cities.ts <dir> [names]');
for (const spec of CITIES) {
	const name = spec.name.replace(' ', '-');
	if (only && !only.split(',').includes(name)) continue;
	const dataset = syntheticCity(spec);
	const folder = join(directory, name);
	writeDatasetFolder(folder, dataset);
	console.log(`${folder}: ${dataset.residential.length} areas, ${dataset.facilities.length} facilities, ${dataset.paths.length} path lines`);
}

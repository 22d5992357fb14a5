// The uncovered-areas export as a planner receives it: a valid RFC 7946 file that matches the map
// and is byte-for-byte what the CLI writes for the same rule.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, openApp, sourceData, useApp, waitForAnalysis } from './harness.mjs';

const app = useApp();

let scratch;
let cliExport;
before(() => {
	scratch = mkdtempSync(join(tmpdir(), 'e2e-export-'));
	const out = join(scratch, 'cli-HH-1.geojson');
	execFileSync('npm', ['run', '-s', 'cli', '--', 'analyze', '--data', 'geodata/xichang-demo', '--rule', 'HH-1', '--out', out], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	cliExport = readFileSync(out);
});
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Twice the signed area of a lon/lat ring (shoelace); positive when counter-clockwise. */
function signedArea(ring) {
	let sum = 0;
	for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
	return sum;
}

test('exporting uncovered areas downloads RFC 7946 GeoJSON identical to the CLI output', async () => {
	const { page } = await openApp(app);
	await waitForAnalysis(page);

	const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByRole('button', { name: '导出未覆盖区域' }).click()]);
	assert.equal(download.suggestedFilename(), 'uncovered-HH-1-300m.geojson');
	const bytes = readFileSync(await download.path());
	const text = bytes.toString('utf8');
	const collection = JSON.parse(text);

	assert.equal(collection.type, 'FeatureCollection');
	assert.ok(Array.isArray(collection.features) && collection.features.length > 0, 'some uncovered parts');
	const onMap = await sourceData(page, 'uncovered');
	assert.equal(collection.features.length, onMap.features.length, 'one exported feature per uncovered part on the map');

	for (const [index, feature] of collection.features.entries()) {
		const where = `feature ${index} (${feature.properties?.residentialId})`;
		assert.equal(feature.type, 'Feature', where);
		assert.equal(feature.geometry.type, 'Polygon', where);
		feature.geometry.coordinates.forEach((ring, ringIndex) => {
			assert.ok(ring.length >= 4, `${where}: ring ${ringIndex} has ${ring.length} positions`);
			assert.deepEqual(ring[ring.length - 1], ring[0], `${where}: ring ${ringIndex} is closed`);
			for (const position of ring) {
				assert.equal(position.length, 2, `${where}: positions are [lon, lat]`);
				for (const value of position) assert.equal(Math.round(value * 1e6) / 1e6, value, `${where}: ${value} has more than 6 decimals`);
			}
			const area = signedArea(ring);
			if (ringIndex === 0) assert.ok(area > 0, `${where}: exterior ring is counter-clockwise`);
			else assert.ok(area < 0, `${where}: hole ${ringIndex} is clockwise`);
		});
		const properties = feature.properties;
		assert.equal(typeof properties.residentialId, 'string', where);
		assert.equal(typeof properties.residentialName, 'string', where);
		assert.equal(properties.rule, 'HH-1', where);
		// Figures are rounded (0.1 m², 0.1 person, 4 decimals): a sliver part can show 0 m² or a share of 1.
		assert.ok(properties.uncoveredAreaM2 >= 0, `${where}: uncoveredAreaM2 ${properties.uncoveredAreaM2}`);
		assert.ok(properties.uncoveredPopulation >= 0, `${where}: uncoveredPopulation ${properties.uncoveredPopulation}`);
		assert.ok(properties.coveredShare >= 0 && properties.coveredShare <= 1, `${where}: coveredShare ${properties.coveredShare}`);
	}
	assert.doesNotMatch(text, /\d\.\d{7,}[,\]]/, 'no coordinate with more than 6 decimals in the text');

	assert.ok(bytes.equals(cliExport), `the download (${bytes.length} bytes) is byte-identical to the CLI's export (${cliExport.length} bytes)`);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyLayer } from '../../src/lib/engine/import/applyLayer';
import { facilitiesFromTable } from '../../src/lib/engine/import/facilitiesFromTable';
import { suggestMapping } from '../../src/lib/engine/import/fieldMapping';
import { layerFromTable } from '../../src/lib/engine/import/layerFromTable';
import { readImportFile } from '../../src/lib/engine/import/readImportFile';
import { InputError } from '../../src/lib/engine/messages';
import { demoDataset, utf8 } from './helpers';

const demo = demoDataset();

/** Runs an import step; anything but success or an InputError (a message for the planner) is a crash. */
async function onlyInputErrors(step: () => unknown) {
	try {
		await step();
	} catch (error) {
		if (!(error instanceof InputError)) throw error;
		expect(error.problems.length).toBeGreaterThan(0);
		for (const problem of error.problems) expect(problem.message.zh.length && problem.message.en.length).toBeTruthy();
	}
}

const coordinate = fc.oneof(fc.double(), fc.integer({ min: -1e8, max: 1e8 }), fc.constant(Number.NaN), fc.string(), fc.constant(null));
const position = fc.array(coordinate, { maxLength: 3 });
const geometry = fc.oneof(
	fc.constant(null),
	fc.record({ type: fc.constantFrom('Point', 'LineString', 'Polygon', 'MultiPolygon', 'MultiLineString', 'GeometryCollection', 'Nonsense'), coordinates: fc.oneof(position, fc.array(position, { maxLength: 6 }), fc.array(fc.array(position, { maxLength: 6 }), { maxLength: 3 }), fc.array(fc.array(fc.array(position, { maxLength: 5 }), { maxLength: 2 }), { maxLength: 2 })) })
);
const feature = fc.record({ type: fc.constantFrom('Feature', 'Feature', 'feature'), properties: fc.oneof(fc.constant(null), fc.dictionary(fc.constantFrom('id', 'name', '名称', '类型', 'capacity', 'population', 'community'), fc.oneof(fc.string(), fc.double(), fc.constant(null)))), geometry });

describe('import never crashes on random input (fast-check)', () => {
	it('random GeoJSON-like files: only InputErrors, for every layer', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(feature, { maxLength: 8 }), fc.constantFrom('facilities', 'residential', 'units', 'paths') as fc.Arbitrary<'facilities' | 'residential' | 'units' | 'paths'>, async (features, layer) => {
				await onlyInputErrors(async () => {
					const { table } = await readImportFile(utf8(JSON.stringify({ type: 'FeatureCollection', features })), 'random.geojson', layer);
					const built =
						layer === 'facilities'
							? facilitiesFromTable(table, { mapping: { ...suggestMapping(table.headers), name: 'name', category: '类型', capacity: 'capacity' }, categories: {}, crs: { kind: 'wgs84' }, defaultStatus: 'existing', skipBadRecords: true }).facilities
							: layerFromTable(table, layer, { kind: 'wgs84' }).features;
					applyLayer(demo, layer, built, 'random.geojson');
				});
			}),
			{ numRuns: 300, seed: 4 }
		);
	});

	it('random bytes and random CSV text: only InputErrors', async () => {
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('x.csv', 'x.geojson', 'x.zip', 'x.xlsx', 'x.osm', 'x.osm.pbf'), async (bytes, name) => {
				await onlyInputErrors(() => readImportFile(bytes, name));
			}),
			{ numRuns: 300, seed: 5 }
		);
		await fc.assert(
			fc.asyncProperty(fc.array(fc.array(fc.oneof(fc.string(), fc.double().map(String)), { maxLength: 6 }), { minLength: 1, maxLength: 8 }), async (rows) => {
				const csv = ['名称,类型,床位,经度,纬度', ...rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(','))].join('\n');
				await onlyInputErrors(async () => {
					const { table } = await readImportFile(utf8(csv), 'x.csv');
					facilitiesFromTable(table, { mapping: suggestMapping(table.headers), categories: { 养老院: 'care_home' }, crs: { kind: 'gcj02' }, defaultStatus: 'existing', skipBadRecords: false });
				});
			}),
			{ numRuns: 300, seed: 6 }
		);
	});
});

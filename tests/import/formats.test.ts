import { Geodesic } from 'geographiclib-geodesic';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyLayer } from '../../src/lib/engine/import/applyLayer';
import { facilitiesFromTable, rawPositions } from '../../src/lib/engine/import/facilitiesFromTable';
import { detectCoordinateIssues } from '../../src/lib/engine/import/detectCoordinates';
import { categoryValues, suggestCategory, suggestMapping } from '../../src/lib/engine/import/fieldMapping';
import { layerFromTable } from '../../src/lib/engine/import/layerFromTable';
import { readImportFile } from '../../src/lib/engine/import/readImportFile';
import { isProjected } from '../../src/lib/engine/import/crs';
import { DEMO, FIXTURES, demoDataset, fixture, utf8 } from './helpers';

const distanceM = (a: number[], b: number[]) => Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0]).s12 as number;

describe('GBK CSV with GCJ-02 points (tests/fixtures/import/build-fixtures.py)', () => {
	const truth = JSON.parse(readFileSync(join(FIXTURES, 'facilities-gbk-gcj02.truth.json'), 'utf8')) as { id: string; category: string; capacity: number; wgs84: number[] }[];

	it('detects the undeclared GBK encoding, says so, and reads the Chinese text', async () => {
		const { table } = await readImportFile(fixture('facilities-gbk-gcj02.csv'), 'facilities-gbk-gcj02.csv');
		expect(table.headers).toEqual(['序号', '机构名称', '类型', '床位/托位', '经度', '纬度', '性质']);
		expect(table.records[0].values['机构名称']).toBe('西昌市托育综合服务中心');
		expect(table.notices[0].zh).toBe('文件未声明编码且不是 UTF-8，已按 GBK/GB18030 读取，请核对中文是否正确');
	});

	it('suggests the mapping from the Chinese headers and the categories from Chinese terms', async () => {
		const { table } = await readImportFile(fixture('facilities-gbk-gcj02.csv'), 'facilities-gbk-gcj02.csv');
		const mapping = suggestMapping(table.headers);
		expect(mapping).toEqual({ id: '序号', name: '机构名称', category: '类型', capacity: '床位/托位', longitude: '经度', latitude: '纬度', operator: '性质' });
		const values = categoryValues(table.records.map((record) => record.values['类型']));
		expect(Object.fromEntries(values.map((entry) => [entry.value, entry.suggestion]))).toEqual({
			托育中心: 'childcare_center',
			幼儿园: 'kindergarten',
			社区托育点: 'community_childcare',
			日间照料中心: 'elderly_daycare',
			养老服务中心: 'elderly_service_center',
			敬老院: 'care_home'
		});
	});

	it('converts the GCJ-02 points to WGS84 within 1 m of the source points', async () => {
		const { table } = await readImportFile(fixture('facilities-gbk-gcj02.csv'), 'facilities-gbk-gcj02.csv');
		const mapping = suggestMapping(table.headers);
		const categories = Object.fromEntries(categoryValues(table.records.map((record) => record.values['类型'])).map((entry) => [entry.value, entry.suggestion]));
		expect(detectCoordinateIssues(rawPositions(table, mapping), false, 2)).toEqual([]);
		const { facilities, skipped } = facilitiesFromTable(table, { mapping, categories, crs: { kind: 'gcj02' }, defaultStatus: 'existing', skipBadRecords: false });
		expect(skipped).toEqual([]);
		expect(facilities).toHaveLength(truth.length);
		facilities.forEach((facility, index) => {
			expect(facility.properties.id).toBe(truth[index].id);
			expect(facility.properties.category).toBe(truth[index].category);
			expect(facility.properties.capacity).toBe(truth[index].capacity);
			// 6 decimals round to ≤ 0.06 m; the GCJ-02 inverse is well under that.
			expect(distanceM(facility.geometry.coordinates, truth[index].wgs84)).toBeLessThan(1);
		});
		expect(facilities.map((facility) => facility.properties.operator)).toEqual(['public', 'public_private', 'public', 'private', 'public_private', 'private']);
		// Read as WGS84 instead, the points would be ~300–600 m off: the choice matters.
		const wrong = facilitiesFromTable(table, { mapping, categories, crs: { kind: 'wgs84' }, defaultStatus: 'existing', skipBadRecords: false });
		expect(distanceM(wrong.facilities[0].geometry.coordinates, truth[0].wgs84)).toBeGreaterThan(100);
	});

	it('replaces the facilities of the dataset as a whole, validated by the data contract', async () => {
		const { table } = await readImportFile(fixture('facilities-gbk-gcj02.csv'), 'facilities-gbk-gcj02.csv');
		const mapping = suggestMapping(table.headers);
		const categories = Object.fromEntries(categoryValues(table.records.map((record) => record.values['类型'])).map((entry) => [entry.value, entry.suggestion]));
		const { facilities } = facilitiesFromTable(table, { mapping, categories, crs: { kind: 'gcj02' }, defaultStatus: 'existing', skipBadRecords: false });
		const demo = demoDataset();
		const next = applyLayer(demo, 'facilities', facilities, table.file);
		expect(next.facilities).toHaveLength(6);
		expect(next.residential).toBe(next.residential);
		expect(demo.facilities.length).toBeGreaterThan(6);
	});
});

describe('zipped Shapefile in CGCS2000 / 3-degree Gauss-Krüger CM 102E (EPSG:4543), written by GDAL', () => {
	it('reads the .prj, converts to WGS84 within 1 m of the demo geometry it was made from, and keeps the UTF-8 names', async () => {
		const { table, declaredCrs } = await readImportFile(fixture('residential-4543.zip'), 'residential-4543.zip');
		expect(declaredCrs?.kind).toBe('wkt');
		expect(isProjected(declaredCrs!)).toBe(true);
		expect(detectCoordinateIssues(rawPositions(table, {}), true, 1)).toEqual([]);
		const { features } = layerFromTable(table, 'residential', declaredCrs!);
		const source = JSON.parse(readFileSync(join(DEMO, 'residential.geojson'), 'utf8')).features.slice(0, 20);
		expect(features).toHaveLength(20);
		let worst = 0;
		features.forEach((feature, index) => {
			// The contract's required attributes; optional ones (e.g. `resettlement`) are not in the fixture.
			const required = ['id', 'name', 'population', 'elderly', 'infants', 'households', 'built', 'community'];
			const pick = (properties: Record<string, unknown> | null) => Object.fromEntries(required.map((key) => [key, properties?.[key]]));
			expect(pick(feature.properties)).toEqual(pick(source[index].properties));
			const ring = (feature.geometry as GeoJSON.Polygon).coordinates[0];
			const expected = source[index].geometry.coordinates[0];
			expect(ring).toHaveLength(expected.length);
			// Shapefiles store outer rings clockwise, GeoJSON counter-clockwise: match each vertex to its nearest.
			for (const position of ring) worst = Math.max(worst, Math.min(...expected.map((other: number[]) => distanceM(position, other))));
		});
		expect(worst).toBeLessThan(1);
	});

	it('read as if it were lon/lat, the numbers are flagged as projected', async () => {
		const { table } = await readImportFile(fixture('residential-4543.zip'), 'residential-4543.zip');
		expect(detectCoordinateIssues(rawPositions(table, {}), false, 1)[0].kind).toBe('projected');
	});
});

describe('GeoJSON and CSV variants', () => {
	it('reads UTF-8 with BOM, English headers, quoted fields and "1,200"-style numbers', async () => {
		const csv = '\uFEFFname,type,beds,lng,lat\n"Sunrise, Home",养老院,"1,200",102.26,27.89\n';
		const { table } = await readImportFile(utf8(csv), 'homes.csv');
		expect(table.notices).toEqual([]);
		const mapping = suggestMapping(table.headers);
		expect(mapping).toEqual({ name: 'name', category: 'type', capacity: 'beds', longitude: 'lng', latitude: 'lat' });
		const { facilities } = facilitiesFromTable(table, { mapping, categories: { 养老院: 'care_home' }, crs: { kind: 'wgs84' }, defaultStatus: 'existing', skipBadRecords: false });
		expect(facilities[0].properties).toMatchObject({ name: 'Sunrise, Home', category: 'care_home', capacity: 1200, id: 'homes-1' });
	});

	it('maps Chinese category terms, most specific first, and leaves unknown ones for the planner', () => {
		expect(suggestCategory('XX幼儿园托班')).toBe('kindergarten');
		expect(suggestCategory('托儿所')).toBe('childcare_center');
		expect(suggestCategory('社区托育点')).toBe('community_childcare');
		expect(suggestCategory('医养结合养老院')).toBe('medical_care_home');
		expect(suggestCategory('老年食堂')).toBe('elderly_canteen');
		expect(suggestCategory('care_home')).toBe('care_home');
		expect(suggestCategory('卫生院')).toBeUndefined();
		expect(categoryValues(['卫生院', '敬老院', '卫生院'])).toEqual([
			{ value: '卫生院', count: 2, suggestion: undefined },
			{ value: '敬老院', count: 1, suggestion: 'care_home' }
		]);
	});

	it('takes points from GeoJSON geometry and an old-style EPSG crs member', async () => {
		const text = JSON.stringify({
			type: 'FeatureCollection',
			crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4543' } },
			features: [{ type: 'Feature', properties: { 名称: '甲', 类型: '幼儿园', 托位: 90 }, geometry: { type: 'Point', coordinates: [525600.0581, 3086278.8759] } }]
		});
		const { table, declaredCrs } = await readImportFile(utf8(text), 'a.geojson');
		expect(declaredCrs).toEqual({ kind: 'epsg', code: 4543 });
		const { facilities } = facilitiesFromTable(table, { mapping: suggestMapping(table.headers), categories: { 幼儿园: 'kindergarten' }, crs: declaredCrs!, defaultStatus: 'existing', skipBadRecords: false });
		// pyproj: EPSG:4543 (525600.0581, 3086278.8759) is (102.26, 27.89); see coordinates.test.ts.
		expect(facilities[0].geometry.coordinates).toEqual([102.26, 27.89]);
	});
});

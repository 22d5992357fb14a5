import { describe, expect, it } from 'vitest';
import { applyLayer } from '../../src/lib/engine/import/applyLayer';
import { facilitiesFromTable, type FacilityImportOptions } from '../../src/lib/engine/import/facilitiesFromTable';
import { suggestMapping } from '../../src/lib/engine/import/fieldMapping';
import { layerFromTable } from '../../src/lib/engine/import/layerFromTable';
import { MAX_IMPORT_BYTES, readImportFile } from '../../src/lib/engine/import/readImportFile';
import { formatProblem, InputError } from '../../src/lib/engine/messages';
import { demoDataset, utf8 } from './helpers';

/** Every message of an import that must fail, in both languages, as the planner reads them. */
async function failure(action: () => unknown): Promise<{ zh: string[]; en: string[] }> {
	try {
		await action();
	} catch (error) {
		if (!(error instanceof InputError)) throw error;
		return { zh: error.problems.map((problem) => formatProblem(problem, 'zh')), en: error.problems.map((problem) => formatProblem(problem, 'en')) };
	}
	throw new Error('expected the import to fail');
}

const read = (text: string | Uint8Array, file: string) => readImportFile(typeof text === 'string' ? utf8(text) : text, file);

const FACILITY_OPTIONS: Omit<FacilityImportOptions, 'mapping'> = {
	categories: { 幼儿园: 'kindergarten', 养老院: 'care_home' },
	crs: { kind: 'wgs84' },
	defaultStatus: 'existing',
	skipBadRecords: false
};

async function importCsv(csv: string, options: Partial<FacilityImportOptions> = {}) {
	const { table } = await read(csv, 'list.csv');
	return facilitiesFromTable(table, { ...FACILITY_OPTIONS, mapping: suggestMapping(table.headers), ...options });
}

const polygonFeature = (ring: number[][], properties: Record<string, unknown> = {}) => ({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } });
const residentialProps = (id: string) => ({ id, name: id, population: 100, elderly: 10, infants: 5, households: 40, built: 'existing', community: '513401-bc-01' });

describe('bad input: each file gets a message naming the file, the row or feature, and the problem', () => {
	it('invalid JSON', async () => {
		expect((await failure(() => read('{"type": "FeatureCollection", "features": [', 'bad.geojson'))).en[0]).toMatch(/^bad\.geojson: is not valid JSON \(/);
	});

	it('wrong GeoJSON types', async () => {
		expect((await failure(() => read('{"type": "Point", "coordinates": [1, 2]}', 'point.geojson'))).zh).toEqual(['point.geojson: 类型为 Point，应为 FeatureCollection 或 Feature']);
		const lines = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'x' }, geometry: { type: 'LineString', coordinates: [[102.26, 27.89], [102.27, 27.9]] } }] });
		const { table } = await read(lines, 'areas.geojson');
		expect((await failure(() => layerFromTable(table, 'residential', { kind: 'wgs84' }))).en).toEqual(['areas.geojson, feature 1 (id "x"): geometry is LineString; expected Polygon or MultiPolygon']);
	});

	it('empty files, in every format', async () => {
		for (const file of ['a.csv', 'a.geojson', 'a.zip']) expect((await failure(() => read(new Uint8Array(), file))).en).toEqual([`${file}: file is empty`]);
		expect((await failure(() => read('{"type":"FeatureCollection","features":[]}', 'none.geojson'))).en).toEqual(['none.geojson: has no features']);
		expect((await failure(() => read('名称,类型\n', 'header-only.csv'))).zh).toEqual(['header-only.csv: 只有表头，没有数据行']);
	});

	it('missing required fields: unmapped columns, and blank cells per row', async () => {
		expect((await failure(() => importCsv('名称,经度,纬度\n甲,102.26,27.89\n'))).zh).toEqual(['list.csv: 未指定“类型”列', 'list.csv: 未指定“规模（床位/托位）”列']);
		expect((await failure(() => importCsv('名称,类型,床位,经度,纬度\n,养老院,60,102.26,27.89\n甲,养老院,,102.26,27.89\n乙,养老院,60,,27.89\n'))).zh).toEqual([
			'list.csv: 第 2 行：缺少名称',
			'list.csv: 第 3 行：缺少规模（床位/托位）',
			'list.csv: 第 4 行：缺少经纬度'
		]);
	});

	it('non-numeric capacity', async () => {
		expect((await failure(() => importCsv('名称,类型,床位,经度,纬度\n甲,养老院,六十,102.26,27.89\n'))).en).toEqual(['list.csv: row 2: capacity “六十” is not a non-negative number']);
	});

	it('category values nobody mapped are named, never dropped', async () => {
		expect((await failure(() => importCsv('名称,类型,床位,经度,纬度\n甲,卫生院,60,102.26,27.89\n'))).zh).toEqual(['list.csv: 第 2 行：类型“卫生院”未对应到设施类别']);
	});

	it('duplicate ids, within a file', async () => {
		expect((await failure(() => importCsv('编号,名称,类型,床位,经度,纬度\nA1,甲,养老院,60,102.26,27.89\nA1,乙,养老院,60,102.27,27.89\n'))).en).toEqual([
			'list.csv: row 3: id “A1” is a duplicate (same as record 2)'
		]);
	});

	it('self-intersecting polygons are repaired with a notice; unclosed ones are rejected by the contract', async () => {
		// A 0.01° bow tie: its rings cross at (102.265, 27.895). Repaired, it is two triangles.
		const bowTie = [[102.26, 27.89], [102.27, 27.9], [102.27, 27.89], [102.26, 27.9], [102.26, 27.89]];
		const { table } = await read(JSON.stringify({ type: 'FeatureCollection', features: [polygonFeature(bowTie, residentialProps('R1'))] }), 'areas.geojson');
		const { features, notices } = layerFromTable(table, 'residential', { kind: 'wgs84' });
		expect(notices[0].zh).toBe('第 1 个要素多边形自相交，已按非零环绕规则修复');
		expect(features[0].geometry.type).toBe('MultiPolygon');
		expect((features[0].geometry as GeoJSON.MultiPolygon).coordinates).toHaveLength(2);

		const unclosed = [[102.26, 27.89], [102.27, 27.89], [102.27, 27.9], [102.26, 27.9]];
		const { table: open } = await read(JSON.stringify({ type: 'FeatureCollection', features: [polygonFeature(unclosed, residentialProps('R2'))] }), 'open.geojson');
		const layer = layerFromTable(open, 'residential', { kind: 'wgs84' });
		expect((await failure(() => applyLayer(demoDataset(), 'residential', layer.features, 'open.geojson'))).en).toEqual(['open.geojson, feature 1 (id "R2"): a polygon ring is not closed']);
	});

	it('empty geometries', async () => {
		const text = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'E' }, geometry: { type: 'Polygon', coordinates: [] } }, { type: 'Feature', properties: {}, geometry: null }] });
		const { table } = await read(text, 'empty.geojson');
		expect((await failure(() => layerFromTable(table, 'units', { kind: 'wgs84' }))).zh).toEqual([
			'empty.geojson，第 1 个要素 (id "E"): 几何为空（没有坐标）',
			'empty.geojson，第 2 个要素: 缺少几何（geometry 为空）'
		]);
	});

	it('coordinates out of range', async () => {
		expect((await failure(() => importCsv('名称,类型,床位,经度,纬度\n甲,养老院,60,525600,3086278\n'))).zh).toEqual([
			'list.csv: 第 2 行：坐标 [525600, 3086278] 超出经纬度范围：请选择正确的坐标系'
		]);
	});

	it('a 100 MB file gets a clear limit before anything is parsed', async () => {
		const huge = new Uint8Array(100 * 1024 * 1024);
		expect(huge.length).toBeGreaterThan(MAX_IMPORT_BYTES);
		expect((await failure(() => read(huge, 'huge.csv'))).en).toEqual([
			'huge.csv: is too large (100 MB; the limit is 50 MB): split it by street or keep only the needed columns'
		]);
	});

	it('bytes in no known encoding, UTF-16, and unsupported file types', async () => {
		expect((await failure(() => read(new Uint8Array([0x41, 0x2c, 0xff, 0xff, 0x0a]), 'x.csv'))).en).toEqual(['x.csv: has an unknown encoding (neither UTF-8 nor GBK/GB18030)']);
		expect((await failure(() => read(new Uint8Array([0xff, 0xfe, 0x41, 0x00]), 'x.csv'))).en).toEqual(['x.csv: is UTF-16; save it as UTF-8 or GBK']);
		expect((await failure(() => read('abc', 'x.xls'))).en[0]).toBe('x.xls: has an unsupported type “.xls”: import CSV, Excel (.xlsx), GeoJSON, a zipped Shapefile (.zip) or OSM (.osm, .osm.pbf)');
		expect((await failure(() => read('not a zip', 'x.zip'))).en[0]).toBe('x.zip: is not a ZIP archive (zip the Shapefile’s files)');
	});

	it('HTML or script in names stays plain text in the data (the UI renders it with text nodes)', async () => {
		const name = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
		const { facilities } = await importCsv(`名称,类型,床位,经度,纬度\n"${name.replace(/"/g, '""')}",养老院,60,102.26,27.89\n`);
		expect(facilities[0].properties.name).toBe(name);
	});

	it('skipping bad rows is the planner’s choice, and every skipped row is named', async () => {
		const csv = '名称,类型,床位,经度,纬度\n甲,养老院,60,102.26,27.89\n乙,养老院,很多,102.26,27.89\n丙,幼儿园,90,102.27,27.9\n';
		await expect(importCsv(csv)).rejects.toThrow(InputError);
		const { facilities, skipped } = await importCsv(csv, { skipBadRecords: true });
		expect(facilities.map((facility) => facility.properties.name)).toEqual(['甲', '丙']);
		expect(skipped.map((problem) => formatProblem(problem, 'zh'))).toEqual(['list.csv: 第 3 行：规模“很多”不是非负数']);
	});

	it('an import that breaks the dataset (areas pointing at no unit) leaves the current dataset untouched', async () => {
		const demo = demoDataset();
		const before = JSON.stringify(demo.residential);
		const square = [[102.26, 27.89], [102.261, 27.89], [102.261, 27.891], [102.26, 27.891], [102.26, 27.89]];
		const { table } = await read(JSON.stringify({ type: 'FeatureCollection', features: [polygonFeature(square, { ...residentialProps('R1'), community: 'nowhere' })] }), 'areas.geojson');
		const { features } = layerFromTable(table, 'residential', { kind: 'wgs84' });
		const { en } = await failure(() => applyLayer(demo, 'residential', features, 'areas.geojson'));
		expect(en[0]).toContain('areas.geojson, feature 1 (id "R1")');
		expect(en[0]).toContain('nowhere');
		expect(JSON.stringify(demo.residential)).toBe(before);
	});
});

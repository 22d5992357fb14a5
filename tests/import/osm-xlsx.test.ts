import { Geodesic } from 'geographiclib-geodesic';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyLayer } from '../../src/lib/engine/import/applyLayer';
import { assignCommunities } from '../../src/lib/engine/import/assignCommunities';
import { facilitiesFromTable } from '../../src/lib/engine/import/facilitiesFromTable';
import { categoryValues, suggestCrsFromHeaders, suggestMapping } from '../../src/lib/engine/import/fieldMapping';
import { layerFromTable } from '../../src/lib/engine/import/layerFromTable';
import { readImportFile } from '../../src/lib/engine/import/readImportFile';
import { formatProblem, InputError } from '../../src/lib/engine/messages';
import { FIXTURES, demoDataset, fixture, utf8 } from './helpers';

const distanceM = (a: number[], b: number[]) => Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0]).s12 as number;
const MONACO = join(import.meta.dirname, '../../../shared/geodata-raw/fallback_demo/monaco_2021-12-03.osm.pbf');

describe('Excel (.xlsx, written by GDAL) with BD-09 coordinates', () => {
	const truth = JSON.parse(readFileSync(join(FIXTURES, 'facilities-bd09.truth.json'), 'utf8')) as { name: string; capacity: number; wgs84: number[] }[];

	it('suggests 百度经度/百度纬度 as coordinates and BD-09 as the system, and converts within 1 m', async () => {
		const { table } = await readImportFile(fixture('facilities-bd09.xlsx'), 'facilities-bd09.xlsx');
		expect(table.headers).toEqual(['名称', '机构类型', '床位数', '百度经度', '百度纬度']);
		const mapping = suggestMapping(table.headers);
		expect(mapping).toEqual({ name: '名称', category: '机构类型', capacity: '床位数', longitude: '百度经度', latitude: '百度纬度' });
		expect(suggestCrsFromHeaders(table.headers)).toBe('bd09');
		const categories = Object.fromEntries(categoryValues(table.records.map((record) => record.values['机构类型'])).map((entry) => [entry.value, entry.suggestion]));
		expect(categories).toEqual({ 敬老院: 'care_home' });
		const { facilities } = facilitiesFromTable(table, { mapping, categories, crs: { kind: 'bd09' }, defaultStatus: 'existing', skipBadRecords: false });
		expect(facilities.map((facility) => facility.properties.name)).toEqual(truth.map((entry) => entry.name));
		facilities.forEach((facility, index) => {
			expect(facility.properties.capacity).toBe(truth[index].capacity);
			expect(distanceM(facility.geometry.coordinates, truth[index].wgs84)).toBeLessThan(1);
		});
	});

	it('refuses a file that is not a workbook', async () => {
		await expect(readImportFile(utf8('名称,类型\n'), 'list.xlsx')).rejects.toThrow(/cannot be read as an Excel workbook/);
	});
});

describe('OpenStreetMap: the real Monaco extract (.osm.pbf, read by tiny-osmpbf)', () => {
	const bytes = new Uint8Array(readFileSync(MONACO));

	// Expected counts from GDAL's OSM driver (Debian python3-gdal, an independent reader) on the same file:
	// 'lines' (GDAL puts area=yes ways among polygons) with a walkable highway and neither foot=no nor access=no: 2350; 'multipolygons' from ways with
	// landuse=residential or a residential building: 71 (plus 1 relation); 'points' with amenity=kindergarten: 1.
	it('paths from walkable highways: as many as GDAL finds', async () => {
		const { table } = await readImportFile(bytes, 'monaco.osm.pbf', 'paths');
		expect(table.records).toHaveLength(2350);
		const { features } = layerFromTable(table, 'paths', { kind: 'wgs84' });
		for (const feature of features) {
			const [lon, lat] = (feature.geometry as GeoJSON.LineString).coordinates[0];
			expect(lon).toBeGreaterThan(7.3);
			expect(lon).toBeLessThan(7.5);
			expect(lat).toBeGreaterThan(43.7);
			expect(lat).toBeLessThan(43.8);
		}
		const dataset = applyLayer(demoDataset(), 'paths', features, 'monaco.osm.pbf');
		expect(dataset.paths).toHaveLength(2350);
	});

	it('residential areas from landuse and buildings, with the relation counted in a notice', async () => {
		const { table } = await readImportFile(bytes, 'monaco.osm.pbf', 'residential');
		expect(table.records).toHaveLength(71);
		expect(table.notices.map((notice) => notice.en)).toEqual([
			'1 multipolygon relations were not imported',
			'OSM has no population: residential areas get population 0; add it before analysing covered residents'
		]);
		// Monaco lies in no unit of the demo: the contract names the areas rather than inventing a community.
		const { features } = layerFromTable(table, 'residential', { kind: 'wgs84' });
		const { assigned } = assignCommunities(features, demoDataset().units);
		expect(assigned).toBe(0);
		try {
			applyLayer(demoDataset(), 'residential', features, 'monaco.osm.pbf');
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(InputError);
			expect(formatProblem((error as InputError).problems[0], 'en')).toMatch(/^monaco\.osm\.pbf, feature 1 \(id "osm-way-\d+"\): /);
		}
	});

	it('facilities from amenity tags, with the category suggested', async () => {
		const { table } = await readImportFile(bytes, 'monaco.osm.pbf', 'facilities');
		expect(table.records).toHaveLength(1);
		expect(table.records[0].values.name).toBe('Croix rouge monégasque, crèche et garderie Rosine Sanmori');
		const mapping = suggestMapping(table.headers);
		expect(mapping).toMatchObject({ id: 'id', name: 'name', category: 'category', capacity: 'capacity' });
		expect(categoryValues(table.records.map((record) => record.values.category))[0].suggestion).toBe('kindergarten');
		expect(table.notices[0].en).toBe('facilities without an OSM capacity tag get capacity 0');
	});
});

describe('OpenStreetMap XML (.osm)', () => {
	const xml = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
 <node id="1" lat="27.890" lon="102.260"/>
 <node id="2" lat="27.890" lon="102.262"/>
 <node id="3" lat="27.892" lon="102.262"/>
 <node id="4" lat="27.892" lon="102.260"/>
 <node id="5" lat="27.891" lon="102.261"><tag k="amenity" v="social_facility"/><tag k="social_facility" v="nursing_home"/><tag k="name" v="福寿敬老院"/><tag k="capacity" v="80"/></node>
 <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/><tag k="landuse" v="residential"/><tag k="name" v="航天小区"/></way>
 <way id="11"><nd ref="1"/><nd ref="3"/><tag k="highway" v="footway"/></way>
 <way id="12"><nd ref="2"/><nd ref="4"/><tag k="highway" v="motorway"/></way>
</osm>`;

	it('reads facilities, residential areas (assigned to the demo community containing them) and walkable paths', async () => {
		const facilities = (await readImportFile(utf8(xml), 'town.osm', 'facilities')).table;
		expect(facilities.records.map((record) => [record.values.name, record.values.category, record.values.capacity])).toEqual([['福寿敬老院', 'nursing_home', '80']]);
		const paths = (await readImportFile(utf8(xml), 'town.osm', 'paths')).table;
		expect(paths.records.map((record) => record.values.id)).toEqual(['osm-way-11']);
		const residential = (await readImportFile(utf8(xml), 'town.osm', 'residential')).table;
		const { features } = layerFromTable(residential, 'residential', { kind: 'wgs84' });
		const demo = demoDataset();
		const { features: assigned } = assignCommunities(features, demo.units);
		const community = assigned[0].properties?.community;
		expect(demo.units.find((unit) => unit.properties.id === community)?.properties.level).toBe('community');
		expect(applyLayer(demo, 'residential', assigned, 'town.osm').residential[0].properties.name).toBe('航天小区');
	});

	it('refuses XML that is not OSM, and OSM with nothing for the layer', async () => {
		await expect(readImportFile(utf8('<html><body>hi</body></html>'), 'page.osm')).rejects.toThrow('page.osm: is not OSM XML (no <osm> root element)');
		await expect(readImportFile(utf8('<osm version="0.6"></osm>'), 'empty.osm', 'paths')).rejects.toThrow('empty.osm: has no OSM features for this layer');
	});
});

import { describe, expect, it } from 'vitest';
import { formatProblem, InputError } from '../../src/lib/engine/messages';
import type { DatasetFiles } from '../../src/lib/engine/types';
import { validateDataset, validateProposals } from '../../src/lib/engine/validate';
import { dataset, facility, residential, square } from './fixtures';

const collection = (features: unknown[]) => ({ type: 'FeatureCollection', features });

function files(overrides: Partial<DatasetFiles> = {}): DatasetFiles {
	const data = dataset([residential('r1', square(0, 0, 100), 100)], [facility('f1', [0, 0])]);
	return {
		'dataset.json': data.meta,
		'residential.geojson': collection(data.residential),
		'facilities.geojson': collection(data.facilities),
		'units.geojson': collection(data.units),
		'paths.geojson': collection([]),
		...overrides
	};
}

/** The first problem as the planner reads it, in both languages. */
function firstProblem(input: DatasetFiles): { zh: string; en: string } {
	try {
		validateDataset(input);
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		const problem = (error as InputError).problems[0];
		return { zh: formatProblem(problem, 'zh'), en: formatProblem(problem, 'en') };
	}
	throw new Error('expected the dataset to be rejected');
}

const facilityWith = (properties: Record<string, unknown>, geometry: unknown = { type: 'Point', coordinates: [102.26, 27.89] }) =>
	collection([{ type: 'Feature', geometry, properties: { ...facility('f1', [0, 0]).properties, ...properties } }]);

describe('dataset validation', () => {
	it('accepts a well-formed dataset', () => {
		const result = validateDataset(files());
		expect(result.residential).toHaveLength(1);
		expect(result.facilities[0].properties.category).toBe('kindergarten');
	});

	it('names the file, the feature and the unknown category', () => {
		const problem = firstProblem(files({ 'facilities.geojson': facilityWith({ category: 'school' }) }));
		expect(problem.en).toBe('facilities.geojson, feature 1 (id "f1"): property category has unknown value "school"; allowed: childcare_center, kindergarten, community_childcare, elderly_daycare, elderly_service_center, care_home, medical_care_home, elderly_canteen, senior_school');
		expect(problem.zh).toContain('facilities.geojson，第 1 个要素');
		expect(problem.zh).toContain('无效');
	});

	it('rejects a missing id, a non-numeric capacity and a duplicate id', () => {
		expect(firstProblem(files({ 'facilities.geojson': facilityWith({ id: undefined }) })).en).toContain('missing property id');
		expect(firstProblem(files({ 'facilities.geojson': facilityWith({ capacity: '三十' }) })).en).toContain('property capacity must be a non-negative number, got "三十"');
		const twice = collection([facility('same', [0, 0]), facility('same', [10, 10])]);
		expect(firstProblem(files({ 'facilities.geojson': twice })).en).toBe('facilities.geojson, feature 2 (id "same"): duplicate id (same as feature 1)');
	});

	it('recognises projected coordinates as not WGS84', () => {
		const projected = facilityWith({}, { type: 'Point', coordinates: [35_512_345.1, 3_086_420.7] });
		const problem = firstProblem(files({ 'facilities.geojson': projected }));
		expect(problem.en).toContain('outside longitude/latitude range: the data looks projected, not WGS84');
		expect(problem.zh).toContain('投影坐标');
		const named = { ...collection([]), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } } };
		expect(firstProblem(files({ 'units.geojson': named })).en).toContain('coordinate system is urn:ogc:def:crs:EPSG::4547');
	});

	it('rejects wrong geometry types, unclosed rings and empty geometries', () => {
		const point = collection([{ ...residential('r1', square(0, 0, 100), 1), geometry: { type: 'Point', coordinates: [102.26, 27.89] } }]);
		expect(firstProblem(files({ 'residential.geojson': point })).en).toContain('geometry is Point; expected Polygon or MultiPolygon');
		const ring = square(0, 0, 100).slice(0, -1);
		const open = collection([{ ...residential('r1', square(0, 0, 100), 1), geometry: { type: 'Polygon', coordinates: [[...ring, ring[1]]] } }]);
		expect(firstProblem(files({ 'residential.geojson': open })).en).toContain('a polygon ring is not closed');
		const empty = collection([{ ...residential('r1', square(0, 0, 100), 1), geometry: { type: 'Polygon', coordinates: [] } }]);
		expect(firstProblem(files({ 'residential.geojson': empty })).en).toContain('geometry is empty');
		const none = collection([{ ...residential('r1', square(0, 0, 100), 1), geometry: null }]);
		expect(firstProblem(files({ 'residential.geojson': none })).en).toContain('has no geometry');
	});

	it('rejects something that is not a FeatureCollection, and a bad dataset.json', () => {
		expect(firstProblem(files({ 'paths.geojson': [1, 2, 3] })).en).toBe('paths.geojson: must be a GeoJSON FeatureCollection');
		expect(firstProblem(files({ 'dataset.json': { name: { zh: 'x', en: 'x' }, synthetic: 'yes', attribution: '', center: [0, 0] } })).en).toContain('synthetic must be true or false');
	});

	it('requires every residential area to name an existing community', () => {
		const orphan = collection([residential('r1', square(0, 0, 100), 100, 'nowhere')]);
		expect(firstProblem(files({ 'residential.geojson': orphan })).en).toBe('residential.geojson, feature 1 (id "r1"): community nowhere is not in units.geojson');
	});

	it('keeps names with markup as plain data (escaping is the display layer’s job, the value is untouched)', () => {
		const name = '<img src=x onerror="alert(1)">';
		const result = validateDataset(files({ 'facilities.geojson': facilityWith({ name }) }));
		expect(result.facilities[0].properties.name).toBe(name);
	});
});

describe('proposals validation', () => {
	it('fills in the defaults of a proposed site and generates ids', () => {
		const [proposal] = validateProposals(collection([{ type: 'Feature', geometry: { type: 'Point', coordinates: [102.26, 27.89] }, properties: { category: 'kindergarten' } }]), 'p.geojson');
		expect(proposal.properties).toMatchObject({ id: 'proposal-1', category: 'kindergarten', status: 'planned', operator: 'public', affordable: true, capacity: 0 });
	});

	it('rejects a proposal without a category', () => {
		expect(() => validateProposals(collection([{ type: 'Feature', geometry: { type: 'Point', coordinates: [102.26, 27.89] }, properties: {} }]), 'p.geojson')).toThrow(/p.geojson, feature 1: missing property category; allowed: childcare_center/);
	});
});

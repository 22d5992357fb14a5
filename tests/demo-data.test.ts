import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildDemo, DEMO_DIR, DEMO_FILES } from '../scripts/build-demo';
import { DEFAULT_RAW_DIR, OSM_CENTRES_FILE } from '../scripts/demo/inputs';
import { FACILITY_CATEGORIES, type FacilityProperties, type ResidentialProperties, type UnitProperties } from '../src/lib/engine/types';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dir = join(root, DEMO_DIR);
const text = (name: string) => readFileSync(join(dir, name), 'utf8');
const read = <T>(name: string): T => JSON.parse(text(name)) as T;

type Area = Feature<Polygon | MultiPolygon, ResidentialProperties>;
type Unit = Feature<Polygon | MultiPolygon, UnitProperties>;
const residential = read<FeatureCollection<Polygon | MultiPolygon, ResidentialProperties>>('residential.geojson').features;
const facilities = read<FeatureCollection<Point, FacilityProperties>>('facilities.geojson').features;
const units = read<FeatureCollection<Polygon | MultiPolygon, UnitProperties>>('units.geojson').features;
const paths = read<FeatureCollection<LineString, { id: string; kind: string; bridge?: boolean }>>('paths.geojson').features;
const water = read<FeatureCollection<Polygon | MultiPolygon>>('water.geojson').features;
const meta = read<{ name: { zh: string; en: string }; synthetic: boolean; attribution: string; center: [number, number] }>('dataset.json');

const polygonsOf = (geometry: Polygon | MultiPolygon): Position[][][] => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);
const key = (p: Position) => `${p[0]},${p[1]}`;
const segmentCount = paths.reduce((sum, path) => sum + path.geometry.coordinates.length - 1, 0);

/** Proper or touching intersection of segments ab and cd. */
function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
	const orient = (p: Position, q: Position, r: Position) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
	const o1 = orient(a, b, c);
	const o2 = orient(a, b, d);
	const o3 = orient(c, d, a);
	const o4 = orient(c, d, b);
	if (o1 !== o2 && o3 !== o4) return true;
	const within = (p: Position, q: Position, r: Position) =>
		Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
	return (o1 === 0 && within(a, b, c)) || (o2 === 0 && within(a, b, d)) || (o3 === 0 && within(c, d, a)) || (o4 === 0 && within(c, d, b));
}

function edges(rings: Position[][]): [Position, Position][] {
	return rings.flatMap((ring) => ring.slice(1).map((p, k): [Position, Position] => [ring[k], p]));
}

/** True if two (multi)polygons share any area or boundary point: vertex inside, or edges meeting. */
function polygonsMeet(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): boolean {
	const [aw, as, ae, an] = turf.bbox(a);
	const [bw, bs, be, bn] = turf.bbox(b);
	if (ae < bw || be < aw || an < bs || bn < as) return false;
	if (turf.booleanPointInPolygon(polygonsOf(a)[0][0][0], b) || turf.booleanPointInPolygon(polygonsOf(b)[0][0][0], a)) return true;
	const ea = edges(polygonsOf(a).flat());
	const eb = edges(polygonsOf(b).flat());
	return ea.some(([p, q]) => eb.some(([r, s]) => segmentsMeet(p, q, r, s)));
}

function lineMeetsPolygon(line: Position[], polygon: Polygon | MultiPolygon): boolean {
	const [w, s, e, n] = turf.bbox(polygon);
	if (!line.some(([x, y]) => x >= w && x <= e && y >= s && y <= n) && !edges([line]).some(([p, q]) => Math.max(p[0], q[0]) >= w && Math.min(p[0], q[0]) <= e && Math.max(p[1], q[1]) >= s && Math.min(p[1], q[1]) <= n)) return false;
	if (line.some((p) => turf.booleanPointInPolygon(p, polygon))) return true;
	const polygonEdges = edges(polygonsOf(polygon).flat());
	return edges([line]).some(([p, q]) => polygonEdges.some(([r, t]) => segmentsMeet(p, q, r, t)));
}

describe('demo dataset geodata/xichang-demo', () => {
	it('is exactly what the generator makes (deterministic)', () => {
		const built = buildDemo();
		for (const name of DEMO_FILES) expect(built[name], name).toBe(text(name));
	});

	it('describes itself as synthetic, with OSM and census attribution', () => {
		expect(meta.synthetic).toBe(true);
		expect(meta.name.zh).toBe('西昌市中心城区（示意数据）');
		expect(meta.attribution).toContain('© OpenStreetMap contributors');
		expect(meta.attribution).toContain('ODbL');
		expect(meta.attribution).toContain('tudigong');
		expect(meta.attribution).toMatch(/synthetic/i);
		const county = units.find((u) => u.properties.level === 'county') as Unit;
		expect(turf.booleanPointInPolygon(meta.center, county)).toBe(true);
	});

	it('has the counts the demo promises', () => {
		const levels = (level: string) => units.filter((u) => u.properties.level === level).length;
		expect(levels('county')).toBe(1);
		expect(levels('street')).toBe(5);
		expect(levels('community')).toBeGreaterThanOrEqual(25);
		expect(levels('community')).toBeLessThanOrEqual(40);
		expect(residential.length).toBeGreaterThanOrEqual(250);
		expect(residential.length).toBeLessThanOrEqual(400);
		expect(facilities.length).toBeGreaterThanOrEqual(50);
		expect(facilities.length).toBeLessThanOrEqual(90);
		expect(segmentCount).toBeGreaterThanOrEqual(4000);
		expect(segmentCount).toBeLessThanOrEqual(8000);
		expect(new Set(facilities.map((f) => f.properties.category))).toEqual(new Set(FACILITY_CATEGORIES));
		const statuses = facilities.map((f) => f.properties.status);
		expect(statuses.filter((s) => s === 'existing').length / statuses.length).toBeGreaterThan(0.8);
		expect(statuses).toContain('under_construction');
		expect(statuses).toContain('planned');
		expect(residential.some((r) => r.geometry.type === 'MultiPolygon')).toBe(true);
		expect(new Set(residential.map((r) => r.properties.built))).toEqual(new Set(['new', 'existing']));
	});

	it('has unique ids and names, and every reference resolves', () => {
		for (const features of [residential, facilities, units, paths]) {
			const ids = features.map((f) => f.properties.id);
			expect(new Set(ids).size).toBe(ids.length);
		}
		expect(new Set(residential.map((r) => r.properties.name)).size).toBe(residential.length);
		expect(new Set(facilities.map((f) => f.properties.name)).size).toBe(facilities.length);
		const byId = new Map(units.map((u) => [u.properties.id, u]));
		for (const unit of units) {
			const { parent, level } = unit.properties;
			if (level === 'county') expect(parent).toBeNull();
			else expect(byId.get(parent as string)?.properties.level, unit.properties.id).toBe(level === 'street' ? 'county' : 'street');
		}
		for (const area of residential) expect(byId.get(area.properties.community)?.properties.level, area.properties.id).toBe('community');
	});

	it('has believable residents: integers, census shares, households by household size', () => {
		let population = 0;
		let elderly = 0;
		let infants = 0;
		let households = 0;
		for (const { properties: p } of residential) {
			for (const value of [p.population, p.elderly, p.infants, p.households]) {
				expect(Number.isInteger(value)).toBe(true);
				expect(value).toBeGreaterThanOrEqual(0);
			}
			expect(p.elderly + p.infants).toBeLessThanOrEqual(p.population);
			expect(p.population / p.households).toBeGreaterThan(2.3);
			expect(p.population / p.households).toBeLessThan(3.4);
			population += p.population;
			elderly += p.elderly;
			infants += p.infants;
			households += p.households;
		}
		expect(population).toBeGreaterThanOrEqual(300_000);
		expect(population).toBeLessThanOrEqual(450_000);
		// 西昌市, census 2020: 140,582 of 955,041 aged 60+, 36,148 under 3, 2.83 persons per household.
		expect(elderly / population).toBeCloseTo(140_582 / 955_041, 3);
		expect(infants / population).toBeCloseTo(36_148 / 955_041, 3);
		expect(population / households).toBeCloseTo(2.83, 2);
	});

	it('has facilities with consistent attributes', () => {
		for (const { properties: f } of facilities) {
			expect(Number.isInteger(f.capacity) && f.capacity >= 0).toBe(true);
			if (f.nursingBeds !== undefined) expect(f.nursingBeds).toBeLessThanOrEqual(f.capacity);
			if (f.floorArea !== undefined) expect(f.floorArea).toBeGreaterThan(0);
			expect(['public', 'private', 'public_private']).toContain(f.operator);
			expect(typeof f.affordable).toBe('boolean');
		}
	});

	it('puts every street around its real OSM centre', () => {
		const centres = JSON.parse(readFileSync(join(DEFAULT_RAW_DIR, OSM_CENTRES_FILE), 'utf8')) as FeatureCollection<Point, Record<string, string>>;
		for (const street of units.filter((u) => u.properties.level === 'street')) {
			const centre = centres.features.find((f) => f.properties.addr_3 === '西昌市' && f.properties.addr_4 === street.properties.name);
			expect(centre, street.properties.name).toBeDefined();
			expect(turf.booleanPointInPolygon(centre as Feature<Point>, street), street.properties.name).toBe(true);
		}
	});

	it('partitions the county into streets and streets into communities', () => {
		const area = (u: Unit) => turf.area(u);
		const county = units.find((u) => u.properties.level === 'county') as Unit;
		const streets = units.filter((u) => u.properties.level === 'street');
		expect(streets.reduce((sum, s) => sum + area(s), 0) / area(county)).toBeCloseTo(1, 6);
		for (const street of streets) {
			const communities = units.filter((u) => u.properties.parent === street.properties.id);
			expect(communities.reduce((sum, c) => sum + area(c), 0) / area(street), street.properties.id).toBeCloseTo(1, 6);
		}
		for (let i = 0; i < streets.length; i++)
			for (let j = i + 1; j < streets.length; j++) {
				// Neighbours share boundary vertices exactly; no interior vertex of one lies inside the other.
				const inner = polygonsOf(streets[i].geometry).flat(2).filter((p) => turf.booleanPointInPolygon(p, streets[j], { ignoreBoundary: true }));
				expect(inner, `${streets[i].properties.id} / ${streets[j].properties.id}`).toEqual([]);
			}
	});

	it('has valid polygons: closed, ≥ 4 positions, no repeats, no kinks, right-hand wound', () => {
		const all: Feature<Polygon | MultiPolygon, { id: string }>[] = [...residential, ...units, ...(water as Feature<Polygon | MultiPolygon, { id: string }>[])];
		for (const feature of all) {
			for (const polygon of polygonsOf(feature.geometry)) {
				polygon.forEach((ring, index) => {
					const id = feature.properties.id;
					expect(ring.length, id).toBeGreaterThanOrEqual(4);
					expect(key(ring[0]), id).toBe(key(ring[ring.length - 1]));
					for (let k = 1; k < ring.length; k++) expect(key(ring[k]) === key(ring[k - 1]), id).toBe(false);
					expect(turf.booleanClockwise(ring), `${id} ring ${index}`).toBe(index > 0);
				});
				expect(turf.kinks(turf.polygon(polygon)).features, feature.properties.id).toEqual([]);
			}
		}
	});

	it('keeps residential areas apart, inside their community, off the river, 0.5–8 ha', () => {
		const byId = new Map(units.map((u) => [u.properties.id, u]));
		for (const area of residential) {
			const community = byId.get(area.properties.community) as Unit;
			for (const p of polygonsOf(area.geometry).flat(2)) expect(turf.booleanPointInPolygon(p, community, { ignoreBoundary: true }), area.properties.id).toBe(true);
			const hectares = turf.area(area) / 10_000;
			expect(hectares, area.properties.id).toBeGreaterThanOrEqual(0.49);
			expect(hectares, area.properties.id).toBeLessThanOrEqual(8.1);
			for (const river of water) expect(polygonsMeet(area.geometry, river.geometry), area.properties.id).toBe(false);
		}
		const boxes = residential.map((r: Area) => turf.bbox(r));
		for (let i = 0; i < residential.length; i++)
			for (let j = i + 1; j < residential.length; j++) {
				const [a, b] = [boxes[i], boxes[j]];
				if (a[2] < b[0] || b[2] < a[0] || a[3] < b[1] || b[3] < a[1]) continue;
				expect(polygonsMeet(residential[i].geometry, residential[j].geometry), `${residential[i].properties.id} / ${residential[j].properties.id}`).toBe(false);
			}
	});

	it('has a connected walking network that crosses the river only on 3–4 bridges', () => {
		const parent = new Map<string, string>();
		const find = (k: string): string => {
			while (parent.get(k) !== k) {
				const up = parent.get(parent.get(k) as string) as string;
				parent.set(k, up);
				k = up;
			}
			return k;
		};
		for (const path of paths) for (const p of path.geometry.coordinates) if (!parent.has(key(p))) parent.set(key(p), key(p));
		for (const path of paths) {
			const coordinates = path.geometry.coordinates;
			expect(coordinates.length).toBeGreaterThanOrEqual(2);
			for (let k = 1; k < coordinates.length; k++) {
				expect(key(coordinates[k]) === key(coordinates[k - 1]), path.properties.id).toBe(false);
				parent.set(find(key(coordinates[k - 1])), find(key(coordinates[k])));
			}
		}
		const roots = new Set([...parent.keys()].map(find));
		expect(roots.size).toBe(1);

		const crossing = paths.filter((path) => water.some((river) => lineMeetsPolygon(path.geometry.coordinates, river.geometry)));
		expect(crossing.every((path) => path.properties.bridge === true), crossing.map((p) => p.properties.id).join(' ')).toBe(true);
		expect(crossing.length).toBeGreaterThanOrEqual(3);
		expect(crossing.length).toBeLessThanOrEqual(4);
	});

	it('is noded like OSM: paths meet only at shared vertices', () => {
		const segments = paths.flatMap((path) => edges([path.geometry.coordinates]).map(([a, b]) => ({ a, b, id: path.properties.id })));
		const cell = 0.002;
		const buckets = new Map<string, number[]>();
		segments.forEach(({ a, b }, index) => {
			for (let i = Math.floor(Math.min(a[0], b[0]) / cell); i <= Math.floor(Math.max(a[0], b[0]) / cell); i++)
				for (let j = Math.floor(Math.min(a[1], b[1]) / cell); j <= Math.floor(Math.max(a[1], b[1]) / cell); j++) {
					const bucket = buckets.get(`${i},${j}`) ?? [];
					bucket.push(index);
					buckets.set(`${i},${j}`, bucket);
				}
		});
		const seen = new Set<number>();
		const unnoded: string[] = [];
		for (const bucket of buckets.values())
			for (let x = 0; x < bucket.length; x++)
				for (let y = x + 1; y < bucket.length; y++) {
					const [s, t] = bucket[x] < bucket[y] ? [bucket[x], bucket[y]] : [bucket[y], bucket[x]];
					const pair = s * segments.length + t;
					if (seen.has(pair)) continue;
					seen.add(pair);
					const { a, b } = segments[s];
					const { a: c, b: d } = segments[t];
					if ([a, b].some((p) => key(p) === key(c) || key(p) === key(d))) continue;
					if (segmentsMeet(a, b, c, d)) unnoded.push(`${segments[s].id} × ${segments[t].id}`);
				}
		expect(unnoded).toEqual([]);
	});

	it('rounds every coordinate to at most 6 decimals', () => {
		for (const name of DEMO_FILES.filter((n) => n.endsWith('.geojson'))) {
			const numbers = text(name).match(/-?\d+\.\d+/g) ?? [];
			expect(numbers.length, name).toBeGreaterThan(0);
			for (const n of numbers) expect(n.split('.')[1].length, `${name}: ${n}`).toBeLessThanOrEqual(6);
		}
	});
});

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/engine/analyze';
import { serializeUncovered } from '../../src/lib/engine/exportUncovered';
import type { CoverageQuery } from '../../src/lib/engine/rules';
import { dataset, facility, residential, ringFromMetres, square } from './fixtures';

const query: CoverageQuery = { ruleId: 'HH-1', categories: ['kindergarten'], radiusM: 300, includePlanned: false, mode: 'straight' };

/** Twice the signed area of a lon/lat ring (shoelace); positive means counter-clockwise. */
function signedArea(ring: number[][]): number {
	let sum = 0;
	for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
	return sum;
}

describe('export of uncovered areas', () => {
	const areas = [residential('a', square(0, 0, 400), 1000), residential('big', square(-1000, -3000, 2000), 4000), residential('inside', square(-50, -50, 100), 10)];
	const facilities = [facility('k1', [0, 0]), facility('k2', [0, -2000])];

	it('writes one RFC 7946 Polygon per uncovered part: closed, right-hand wound, 6 decimals', () => {
		const { uncovered } = analyze(dataset(areas, facilities), query);
		// a: the square minus a quarter disc; big: a square with a circular hole; inside: covered, absent.
		expect(uncovered.features.map((f) => f.properties.residentialId)).toEqual(['a', 'big']);
		const big = uncovered.features[1];
		expect(big.geometry.coordinates).toHaveLength(2);
		for (const feature of uncovered.features) {
			feature.geometry.coordinates.forEach((ring, index) => {
				expect(ring[0]).toEqual(ring[ring.length - 1]);
				expect(ring.length).toBeGreaterThanOrEqual(4);
				expect(Math.sign(signedArea(ring))).toBe(index === 0 ? 1 : -1);
				for (const [lon, lat] of ring) {
					expect(Math.round(lon * 1e6) / 1e6).toBe(lon);
					expect(Math.round(lat * 1e6) / 1e6).toBe(lat);
				}
			});
		}
	});

	it('carries the properties planners and the CLI rely on, with hand-checked figures', () => {
		const { uncovered } = analyze(dataset(areas, facilities), query);
		const a = uncovered.features[0].properties;
		// 160,000 − π·300²/4 = 89,314.2 m²; 1000 × 89,314.2 / 160,000 = 558.2 residents.
		expect(a).toMatchObject({ residentialId: 'a', residentialName: 'a 小区', rule: 'HH-1', mode: 'straight', reachM: 300, includePlanned: false });
		expect(a.uncoveredAreaM2 / 89_314.2).toBeCloseTo(1, 3);
		expect(a.uncoveredPopulation).toBeCloseTo(558.2, 0);
		expect(a.coveredShare).toBeCloseTo(0.4418, 3);
		const big = uncovered.features[1].properties;
		expect(big.uncoveredAreaM2 / (4_000_000 - Math.PI * 300 ** 2)).toBeCloseTo(1, 4);
	});

	it('splits an area into one feature per uncovered part', () => {
		// A 1000 × 100 m strip with a 300 m circle at its middle (500, 50). Per side, uncovered =
		// 100·500 − ∫₋₅₀⁵⁰ √(300² − t²) dt = 50,000 − (50·√87,500 + 300²·asin(1/6)) = 50,000 − 29,860.5 = 20,139.5 m².
		const strip = residential('strip', ringFromMetres([[0, 0], [1000, 0], [1000, 100], [0, 100]]), 100);
		const { uncovered } = analyze(dataset([strip], [facility('k', [500, 50])]), query);
		expect(uncovered.features).toHaveLength(2);
		for (const part of uncovered.features) expect(part.properties.uncoveredAreaM2 / 20_139.5).toBeCloseTo(1, 2);
		const people = uncovered.features.reduce((sum, f) => sum + f.properties.uncoveredPopulation, 0);
		expect(people).toBeCloseTo((100 * 2 * 20_139.5) / 100_000, 0); // 40.3 of 100 residents
	});

	it('serializes to the same bytes every time, one feature per line, and does not mutate its input', () => {
		const data = dataset(areas, facilities);
		const before = JSON.stringify(data);
		const first = serializeUncovered(analyze(data, query).uncovered);
		const second = serializeUncovered(analyze(data, query).uncovered);
		expect(second).toBe(first);
		expect(JSON.stringify(data)).toBe(before);
		const parsed = JSON.parse(first);
		expect(parsed.type).toBe('FeatureCollection');
		expect(first.split('\n').filter((line) => line.startsWith('{"type":"Feature"'))).toHaveLength(parsed.features.length);
	});

	it('writes an empty collection when everything is covered', () => {
		const text = serializeUncovered(analyze(dataset([residential('inside', square(-50, -50, 100), 10)], [facility('k', [0, 0])]), query).uncovered);
		expect(JSON.parse(text)).toEqual({ type: 'FeatureCollection', features: [] });
	});
});


import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { booleanOp, orientPolygon, polygonsArea, polygonsToRings, unite } from '../../src/lib/engine/clip';
import { CoverageModel, SLIVER_M2 } from '../../src/lib/engine/coverage';
import type { CoverageQuery } from '../../src/lib/engine/rules';
import type { ResidentialArea } from '../../src/lib/engine/types';
import { dataset, facility, residential, ringFromMetres } from './fixtures';

const QUERY: CoverageQuery = { ruleId: 'test', categories: ['kindergarten'], radiusM: 300, includePlanned: false, mode: 'straight' };

/** Vertices in metres around the fixture centre, in any order: most random rings cross themselves. */
const vertex = fc.tuple(fc.double({ min: -1500, max: 1500, noNaN: true }), fc.double({ min: -1500, max: 1500, noNaN: true }));

/** Random rings and the degenerate ones real files contain: repeated points, collinear, slivers, spikes, tiny. */
const ring = fc.oneof(
	{ weight: 5, arbitrary: fc.array(vertex, { minLength: 3, maxLength: 12 }) },
	{ weight: 1, arbitrary: vertex.map(([x, y]) => [[x, y], [x, y], [x, y]] as [number, number][]) },
	{ weight: 1, arbitrary: fc.tuple(vertex, fc.double({ min: 1, max: 500, noNaN: true })).map(([[x, y], d]) => [[x, y], [x + d, y + d], [x + 2 * d, y + 2 * d]] as [number, number][]) },
	{ weight: 1, arbitrary: fc.tuple(vertex, fc.double({ min: 1e-4, max: 0.5, noNaN: true })).map(([[x, y], w]) => [[x, y], [x + 800, y], [x + 800, y + w], [x, y + w]] as [number, number][]) },
	{ weight: 1, arbitrary: vertex.map(([x, y]) => [[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01]] as [number, number][]) },
	{ weight: 1, arbitrary: fc.tuple(vertex, vertex).map(([[x, y], [a, b]]) => [[x, y], [a, b], [x, y], [a + 100, b]] as [number, number][]) }
);

const area = fc.array(ring, { minLength: 1, maxLength: 3 }).map((rings) => rings.map((corners) => ringFromMetres(corners)));

const scenario = fc.record({
	areas: fc.array(area, { minLength: 1, maxLength: 6 }),
	facilities: fc.array(vertex, { maxLength: 6 }),
	proposals: fc.array(vertex, { maxLength: 3 }),
	radiusM: fc.double({ min: 10, max: 2500, noNaN: true })
});

/**
 * Covered area computed independently of the model's difference: the intersection of the area with
 * the union of every circle. The model drops uncovered parts under SLIVER_M2 by design, so their total
 * is allowed on top of the 0.1 %.
 */
function check(model: CoverageModel, circles: ReturnType<CoverageModel['serviceArea']>[], state: ReturnType<CoverageModel['baseline']>) {
	const circleRings = polygonsToRings(unite(circles.flatMap((circle) => circle.planar)));
	model.areas.forEach((prepared, index) => {
		const coverage = state.areas[index];
		const areaRings = polygonsToRings(prepared.polygons);
		const covered = circleRings.length ? polygonsArea(booleanOp('intersection', areaRings, circleRings)) : 0;
		const differenceParts = circleRings.length ? booleanOp('difference', areaRings, circleRings) : prepared.polygons.map((polygon) => polygon);
		const slivers = differenceParts.map((part) => polygonsArea([part])).filter((value) => value < SLIVER_M2).reduce((sum, value) => sum + value, 0);
		// Clipper works on a 1 mm grid: snapping moves each edge by up to 0.5 mm, so a millimetre-wide sliver's
		// area can change by up to perimeter × 0.5 mm in each operation (two here). That absolute term only matters for such slivers.
		const tolerance = 0.001 * prepared.areaM2 + slivers + perimeterM(prepared.polygons) * 1e-3;
		expect(Math.abs(covered + coverage.uncoveredAreaM2 - prepared.areaM2)).toBeLessThanOrEqual(tolerance);
		expect(coverage.coveredShare).toBeGreaterThanOrEqual(0);
		expect(coverage.coveredShare).toBeLessThanOrEqual(1);
		expect(Number.isFinite(coverage.coveredPopulation)).toBe(true);
	});
}

const perimeterM = (polygons: { x: number; y: number }[][][]) =>
	polygons.flat().reduce((sum, ring) => sum + ring.reduce((length, point, index) => length + Math.hypot(point.x - ring[(index + 1) % ring.length].x, point.y - ring[(index + 1) % ring.length].y), 0), 0);

describe('CoverageModel on thousands of random and degenerate geometries (fast-check)', () => {
	it('never throws, and covered + uncovered area equals the area within 0.1 % (baseline and with proposals)', () => {
		let geometries = 0;
		fc.assert(
			fc.property(scenario, ({ areas, facilities, proposals, radiusM }) => {
				const features: ResidentialArea[] = areas.map((rings, index) => {
					const feature = residential(`r${index}`, rings[0], 1000);
					feature.geometry.coordinates = rings;
					return feature;
				});
				geometries += areas.reduce((sum, rings) => sum + rings.length, 0);
				const sites = facilities.map((xy, index) => facility(`f${index}`, xy));
				const proposed = proposals.map((xy, index) => facility(`p${index}`, xy));
				const model = new CoverageModel(dataset(features, sites));
				const query = { ...QUERY, radiusM };
				const baseline = model.baseline(query);
				check(model, baseline.serviceAreas, baseline);
				const withProposals = model.withProposals(baseline, proposed);
				check(model, withProposals.serviceAreas, withProposals);
				// The incremental path agrees with computing everything at once.
				const all = new CoverageModel(dataset(features, [...sites, ...proposed])).baseline(query);
				all.areas.forEach((coverage, index) =>
					expect(Math.abs(coverage.uncoveredAreaM2 - withProposals.areas[index].uncoveredAreaM2)).toBeLessThanOrEqual(0.001 * coverage.areaM2 + 2 * SLIVER_M2)
				);
			}),
			{ numRuns: 400, seed: 20261123 }
		);
		expect(geometries).toBeGreaterThan(1000);
	});

	it('measures a self-intersecting bow tie as its two triangles (non-zero union), not as zero', () => {
		// The diagonals of a 200 m square cross at (100, 100); each lobe is a triangle with base 200 m and
		// height 100 m: 2 × 200 × 100 / 2 = 20 000 m² (the signed shoelace area would be 0).
		const bowTie = ringFromMetres([[0, 0], [200, 200], [200, 0], [0, 200]]);
		const model = new CoverageModel(dataset([residential('bow', bowTie, 100)], []));
		expect(Math.abs(model.areas[0].areaM2 - 20000)).toBeLessThan(20);
		expect(polygonsArea(unite(orientPolygon([[[0, 0], [200, 200], [200, 0], [0, 200]]])))).toBeCloseTo(20000, 6);
	});
});

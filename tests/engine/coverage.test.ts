import { describe, expect, it } from 'vitest';
import { CoverageModel } from '../../src/lib/engine/coverage';
import type { CoverageQuery } from '../../src/lib/engine/rules';
import { summarizeCoverage } from '../../src/lib/engine/summary';
import { dataset, facility, residential, square, unit } from './fixtures';

const query = (radiusM = 300, includePlanned = false): CoverageQuery => ({
	ruleId: 'HH-1',
	categories: ['kindergarten', 'childcare_center', 'community_childcare'],
	radiusM,
	includePlanned,
	mode: 'straight'
});

/** π·300²/4: a quarter of the (area-preserving) 64-gon, whose vertices fall on both axes. */
const QUARTER_DISC = (Math.PI * 300 ** 2) / 4; // 70,685.83 m²

describe('coverage of residential areas', () => {
	it('covers a quarter disc of a 400 m square from a kindergarten at its corner', () => {
		const data = dataset([residential('a', square(0, 0, 400), 1000)], [facility('k', [0, 0])]);
		const [area] = new CoverageModel(data).baseline(query()).areas;
		// Hand computation: 400² = 160,000 m²; uncovered = 160,000 − 70,685.83 = 89,314.17 m².
		expect(area.areaM2).toBeCloseTo(160_000, -1);
		expect(area.uncoveredAreaM2 / 89_314.17).toBeCloseTo(1, 3);
		expect(area.coveredShare).toBeCloseTo(QUARTER_DISC / 160_000, 3); // 0.4418
		expect(area.uncoveredPopulation).toBeCloseTo(1000 * (89_314.17 / 160_000), 0); // 558.2 people
		expect(area.coveredPopulation + area.uncoveredPopulation).toBeCloseTo(1000, 6);
	});

	it('counts overlapping circles once and disjoint ones twice', () => {
		const ring = square(0, 0, 600);
		// Corners 848 m apart: the two quarter discs do not meet. Covered = 2 × 70,685.83 of 360,000 m².
		const disjoint = dataset([residential('a', ring, 360)], [facility('k1', [0, 0]), facility('k2', [600, 600])]);
		const [twoCorners] = new CoverageModel(disjoint).baseline(query()).areas;
		expect(twoCorners.areaM2 - twoCorners.uncoveredAreaM2).toBeCloseTo(2 * QUARTER_DISC, -1);
		// The same kindergarten twice covers the same quarter disc, not two.
		const doubled = dataset([residential('a', ring, 360)], [facility('k1', [0, 0]), facility('k1b', [0, 0])]);
		const [twice] = new CoverageModel(doubled).baseline(query()).areas;
		expect(twice.areaM2 - twice.uncoveredAreaM2).toBeCloseTo(QUARTER_DISC, -1);
	});

	it('reports an area wholly inside a circle as covered and one out of reach as wholly uncovered', () => {
		const data = dataset(
			[residential('inside', square(-50, -50, 100), 200), residential('far', square(2000, 2000, 100), 300)],
			[facility('k', [0, 0])]
		);
		const [inside, far] = new CoverageModel(data).baseline(query()).areas;
		expect(inside.coveredShare).toBe(1);
		expect(inside.uncovered).toEqual([]);
		expect(far.coveredShare).toBe(0);
		expect(far.uncoveredPopulation).toBe(300);
		expect(far.uncoveredAreaM2).toBeCloseTo(10_000, -1);
	});

	it('keeps a hole when a circle sits inside a large area', () => {
		const data = dataset([residential('big', square(-1000, -1000, 2000), 4000)], [facility('k', [0, 0])]);
		const [big] = new CoverageModel(data).baseline(query()).areas;
		expect(big.uncovered).toHaveLength(1);
		expect(big.uncovered[0]).toHaveLength(2); // outer ring and the circle's hole
		expect(big.uncoveredAreaM2).toBeCloseTo(4_000_000 - Math.PI * 300 ** 2, -1);
	});

	it('counts planned and under-construction facilities only when asked', () => {
		const data = dataset([residential('a', square(0, 0, 400), 1000)], [facility('p', [0, 0], 'kindergarten', 'planned')]);
		const model = new CoverageModel(data);
		expect(model.baseline(query()).areas[0].coveredShare).toBe(0);
		expect(model.baseline(query(300, true)).areas[0].coveredShare).toBeCloseTo(QUARTER_DISC / 160_000, 3);
	});

	it('ignores facilities of other categories', () => {
		const data = dataset([residential('a', square(0, 0, 400), 1000)], [facility('d', [0, 0], 'elderly_daycare')]);
		expect(new CoverageModel(data).baseline(query()).areas[0].coveredShare).toBe(0);
	});

	it('treats an area with zero population as having no one uncovered', () => {
		const data = dataset([residential('empty', square(0, 0, 400), 0)], [facility('k', [0, 0])]);
		const [area] = new CoverageModel(data).baseline(query()).areas;
		expect(area.uncoveredPopulation).toBe(0);
		expect(area.coveredShare).toBeGreaterThan(0.44);
	});
});

describe('proposed sites', () => {
	const areas = [residential('a', square(0, 0, 400), 1000), residential('b', square(3000, 0, 400), 500)];

	it('re-clips only what a proposal reaches, and agrees with computing it as an existing facility', () => {
		const model = new CoverageModel(dataset(areas, []));
		const baseline = model.baseline(query());
		expect(baseline.areas.map((a) => a.coveredShare)).toEqual([0, 0]);
		const proposed = facility('new', [0, 0]);
		const scenario = model.withProposals(baseline, [proposed]);
		expect(scenario.areas[1]).toBe(baseline.areas[1]); // out of reach: the very same object, not recomputed
		const reference = new CoverageModel(dataset(areas, [proposed])).baseline(query());
		expect(scenario.areas[0].uncoveredAreaM2).toBeCloseTo(reference.areas[0].uncoveredAreaM2, 3);
		expect(scenario.serviceAreas.filter((s) => s.proposed)).toHaveLength(1);
	});

	it('follows a moved site', () => {
		const model = new CoverageModel(dataset(areas, []));
		const baseline = model.baseline(query());
		const before = model.withProposals(baseline, [facility('new', [0, 0])]);
		const after = model.withProposals(baseline, [facility('new', [3200, 200])]);
		expect(before.areas[0].coveredShare).toBeGreaterThan(0.44);
		expect(after.areas[0].coveredShare).toBe(0);
		expect(after.areas[1].coveredShare).toBe(1); // a 400 m square centred on the site: corners 283 m away
	});

	it('leaves the baseline untouched and ignores proposals of other categories', () => {
		const model = new CoverageModel(dataset(areas, []));
		const baseline = model.baseline(query());
		const snapshot = JSON.stringify(baseline.areas);
		const scenario = model.withProposals(baseline, [facility('d', [0, 0], 'care_home')]);
		expect(scenario).toBe(baseline);
		model.withProposals(baseline, [facility('k', [0, 0])]);
		expect(JSON.stringify(baseline.areas)).toBe(snapshot);
	});
});

describe('coverage summary per unit', () => {
	it('rolls areas up from communities to streets and the county', () => {
		const units = [unit('county', 'county', null), unit('s1', 'street', 'county'), unit('c1', 'community', 's1'), unit('c2', 'community', 's1'), unit('lonely', 'community', 's1')];
		const data = dataset(
			[residential('a', square(-50, -50, 100), 200, 'c1'), residential('b', square(2000, 2000, 100), 300, 'c2')],
			[facility('k', [0, 0])],
			units
		);
		const model = new CoverageModel(data);
		const summary = summarizeCoverage(data, model.baseline(query()));
		expect(summary.total).toMatchObject({ population: 500, coveredPopulation: 200, uncoveredPopulation: 300, residentialAreas: 2, uncoveredAreas: 1, partlyCoveredAreas: 0 });
		const byId = Object.fromEntries(summary.units.map((u) => [u.unitId, u]));
		expect(byId.c1).toMatchObject({ population: 200, uncoveredPopulation: 0, uncoveredAreas: 0 });
		expect(byId.c2).toMatchObject({ population: 300, uncoveredPopulation: 300, uncoveredAreas: 1 });
		expect(byId.s1).toMatchObject({ population: 500, uncoveredPopulation: 300, residentialAreas: 2 });
		expect(byId.county).toMatchObject({ population: 500, uncoveredPopulation: 300 });
		// A community with no residential areas: zeros, not missing.
		expect(byId.lonely).toMatchObject({ population: 0, residentialAreas: 0, uncoveredAreas: 0 });
	});
});

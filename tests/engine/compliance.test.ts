import { describe, expect, it } from 'vitest';
import { EvaluationContext } from '../../src/lib/engine/compliance/context';
import { evaluateRule } from '../../src/lib/engine/compliance/evaluate';
import type { EvaluationOptions } from '../../src/lib/engine/compliance/types';
import { ruleSchema } from '../../src/lib/engine/ruleSchema';
import type { Dataset, Facility, FacilityProperties, ResidentialArea, ResidentialProperties, Unit } from '../../src/lib/engine/types';
import { dataset as makeDataset, facility as makeFacility, ringFromMetres, square } from './fixtures';

/*
 * One hand-built town (metres east/north of the fixtures' centre):
 *   county k (-2000..2000 × -2000..2000); streets s1 (x < 0) and s2 (x > 0), sharing the line x = 0;
 *   communities c1 = s1; c2 = s2's south half (y < 0), c3 = s2's north half (no residential areas).
 *   Residential (200 m squares):     population  elderly  infants  households  built
 *     a1 (-1500..-1300, -500..-300)     1000       200      30        400      new       in c1
 *     a2 (-800..-600, 500..700)         3000       500      90       1000      existing  in c1
 *     a3 (500..700, -1500..-1300)       2000       300      60        600      existing  in c2
 *   Facilities:
 *     f1 kindergarten (-1400, -400), inside a1, 10 places, 普惠
 *     f2 childcare_center (0, -1000) ON the c1/c2 and s1/s2 boundary, 8 places, not 普惠
 *     f3 care_home (-1000, 0) in c1: 100 beds, 60 nursing, public, clinic, 2000 m²
 *     f4 care_home (1000, -1000) in c2: 60 beds, 20 nursing, public, clinic unknown, floor area unknown
 *     f5 elderly_daycare (1000, 1000) in c3: 30 places, 400 m²
 * Boundary rule: a point on a shared edge belongs to the unit whose id sorts first (c1 before c2, s1 before s2).
 */
const rect = (x0: number, y0: number, x1: number, y1: number) => ringFromMetres([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]);
const unitOf = (id: string, level: Unit['properties']['level'], parent: string | null, ring: [number, number][]): Unit => ({
	type: 'Feature',
	geometry: { type: 'Polygon', coordinates: [ring] },
	properties: { id, name: id, level, parent }
});
const area = (id: string, x: number, y: number, props: Partial<ResidentialProperties>): ResidentialArea => ({
	type: 'Feature',
	geometry: { type: 'Polygon', coordinates: [square(x, y, 200)] },
	properties: { id, name: id, population: 0, elderly: 0, infants: 0, households: 0, built: 'existing', community: 'c1', ...props }
});
const place = (id: string, xy: [number, number], props: Partial<FacilityProperties>): Facility => {
	const base = makeFacility(id, xy, props.category ?? 'kindergarten');
	return { ...base, properties: { ...base.properties, ...props } };
};

function town(change: { areas?: (areas: ResidentialArea[]) => void; facilities?: (facilities: Facility[]) => void } = {}): Dataset {
	const units = [
		unitOf('k', 'county', null, rect(-2000, -2000, 2000, 2000)),
		unitOf('s1', 'street', 'k', rect(-2000, -2000, 0, 2000)),
		unitOf('s2', 'street', 'k', rect(0, -2000, 2000, 2000)),
		unitOf('c1', 'community', 's1', rect(-2000, -2000, 0, 2000)),
		unitOf('c2', 'community', 's2', rect(0, -2000, 2000, 0)),
		unitOf('c3', 'community', 's2', rect(0, 0, 2000, 2000))
	];
	const areas = [
		area('a1', -1500, -500, { population: 1000, elderly: 200, infants: 30, households: 400, built: 'new', community: 'c1' }),
		area('a2', -800, 500, { population: 3000, elderly: 500, infants: 90, households: 1000, built: 'existing', community: 'c1' }),
		area('a3', 500, -1500, { population: 2000, elderly: 300, infants: 60, households: 600, built: 'existing', community: 'c2' })
	];
	const facilities = [
		place('f1', [-1400, -400], { category: 'kindergarten', capacity: 10, affordable: true }),
		place('f2', [0, -1000], { category: 'childcare_center', capacity: 8, affordable: false }),
		place('f3', [-1000, 0], { category: 'care_home', capacity: 100, nursingBeds: 60, operator: 'public', clinic: true, floorArea: 2000 }),
		place('f4', [1000, -1000], { category: 'care_home', capacity: 60, nursingBeds: 20, operator: 'public' }),
		place('f5', [1000, 1000], { category: 'elderly_daycare', capacity: 30, floorArea: 400 })
	];
	change.areas?.(areas);
	change.facilities?.(facilities);
	return makeDataset(areas, facilities, units);
}

const source = { plan: 'test', section: '§', quote: '条文' };
const common = { group: 'childcare', title: { zh: '测试', en: 'test' }, source };
const rule = (fields: Record<string, unknown>) => ruleSchema.parse({ ...common, ...fields });
const evaluate = (data: Dataset, fields: Record<string, unknown>, options: EvaluationOptions = {}) => evaluateRule(rule(fields), new EvaluationContext(data, options));
const row = (result: ReturnType<typeof evaluate>, unitId: string) => result.rows.find((candidate) => candidate.unitId === unitId)!;
const CHILDCARE = ['childcare_center', 'kindergarten', 'community_childcare'];

describe('capacity ratio per 1000', () => {
	const places = { id: 'TT-1', catalogueId: 'TT-1', kind: 'capacity_ratio', categories: CHILDCARE, per: 'population', scope: 'units', target: 4.5, phases: [{ year: 2023, target: 3 }, { year: 2025, target: 4.5 }] };

	it('whole area and per unit, with places missing', () => {
		const result = evaluate(town(), places);
		// Whole area: (10 + 8) places / 6000 residents × 1000 = 3; missing ⌈4.5 × 6 − 18⌉ = 9 places.
		expect(result).toMatchObject({ status: 'fail', value: 3, target: 4.5, unit: 'per_1000_population', shortfall: 9, shortfallUnit: 'places' });
		// c1 holds f1 and the boundary facility f2: 18 / 4000 × 1000 = 4.5, exactly the target → pass.
		expect(row(result, 'c1')).toMatchObject({ value: 4.5, status: 'pass', shortfall: 0 });
		// c2: 0 places for 2000 residents; missing 4.5 × 2 = 9.
		expect(row(result, 'c2')).toMatchObject({ value: 0, status: 'fail', shortfall: 9 });
		// c3 has no residential areas: not checkable, not zero.
		expect(row(result, 'c3')).toMatchObject({ value: null, status: 'not_checkable', shortfall: null });
		expect(row(result, 'c3').reason?.en).toMatch(/no residential areas/);
		expect(row(result, 's1')).toMatchObject({ value: 4.5, status: 'pass' });
		expect(row(result, 'k')).toMatchObject({ value: 3, status: 'fail', shortfall: 9 });
	});

	it('uses the phased target of the year asked (2023: 3 per 1000 → 18 / 6000 passes)', () => {
		expect(evaluate(town(), places, { year: 2023 })).toMatchObject({ status: 'pass', target: 3, shortfall: 0 });
		// 2024 is between phases: the 2023 target still applies; from 2025, 4.5.
		expect(evaluate(town(), places, { year: 2024 })).toMatchObject({ status: 'pass', target: 3 });
		expect(evaluate(town(), places, { year: 2025 })).toMatchObject({ status: 'fail', target: 4.5, shortfall: 9 });
	});

	it('counts proposed sites: 9 more places in c2 close both gaps', () => {
		const proposal = place('p1', [1000, -1500], { category: 'childcare_center', capacity: 9, status: 'planned' });
		const result = evaluate(town(), places, { proposals: [proposal] });
		// (18 + 9) / 6000 × 1000 = 4.5; c2: 9 / 2000 × 1000 = 4.5.
		expect(result).toMatchObject({ status: 'pass', value: 4.5, shortfall: 0 });
		expect(row(result, 'c2')).toMatchObject({ value: 4.5, status: 'pass' });
		expect(result.facilityIds).toContain('p1');
	});

	it('is not checkable with zero population (a ratio per nobody has no value)', () => {
		const empty = town({ areas: (areas) => areas.forEach((a) => (a.properties.population = 0)) });
		const result = evaluate(empty, places);
		expect(result).toMatchObject({ status: 'not_checkable', value: null, shortfall: null });
		expect(result.rows.every((r) => r.status === 'not_checkable')).toBe(true);
	});

	it('counts beds per 1000 elderly over the categories named (care homes: 160 beds / 1000 elderly = 160)', () => {
		const result = evaluate(town(), { ...places, group: 'elderly', categories: ['care_home'], per: 'elderly', target: 200, phases: undefined });
		// Missing ⌈200 × 1000 / 1000 − 160⌉ = 40 beds.
		expect(result).toMatchObject({ status: 'fail', value: 160, unit: 'per_1000_elderly', shortfall: 40, shortfallUnit: 'beds' });
	});

	it('per residential area by two-step floating catchment (凉山 LS-2)', () => {
		// b1 (0..100, 0..100) 100 residents, new; b2 (200..300, 0..100) 300 residents, existing;
		// b3 (150..200 × 150..200, 0 residents); g at (150, 50), 2 places, 50 m from b1 and b2, 100 m from b3; h far away.
		const areas = [
			{ ...area('b1', 0, 0, { population: 100, built: 'new' }), geometry: { type: 'Polygon' as const, coordinates: [square(0, 0, 100)] } },
			{ ...area('b2', 0, 0, { population: 300, built: 'existing' }), geometry: { type: 'Polygon' as const, coordinates: [square(200, 0, 100)] } },
			{ ...area('b3', 0, 0, { population: 0 }), geometry: { type: 'Polygon' as const, coordinates: [square(150, 150, 50)] } }
		];
		const data = makeDataset(areas, [place('g', [150, 50], { category: 'kindergarten', capacity: 2 }), place('h', [1500, 1500], { category: 'kindergarten', capacity: 50 })], [unitOf('c1', 'community', null, rect(-2000, -2000, 2000, 2000))]);
		const result = evaluate(data, { id: 'TT-2', catalogueId: 'TT-2', kind: 'capacity_ratio', categories: CHILDCARE, per: 'population', scope: 'residential', target: 10, builtTargets: { new: 10, existing: 8 }, reachM: 300 });
		// g's 2 places over the 400 residents within 300 m: 0.005 per person → 5 per 1000 in b1 and b2.
		expect(row(result, 'b1').value).toBeCloseTo(5, 12);
		expect(row(result, 'b2').value).toBeCloseTo(5, 12);
		// b1: needs 10 × 0.1 = 1 place, has 0.5 → 0.5 short; b2: needs 8 × 0.3 = 2.4, has 1.5 → 0.9 short; total ⌈1.4⌉ = 2.
		expect(row(result, 'b1')).toMatchObject({ target: 10, status: 'fail', shortfall: 1 });
		expect(row(result, 'b2')).toMatchObject({ target: 8, status: 'fail', shortfall: 1 });
		expect(row(result, 'b3')).toMatchObject({ status: 'not_checkable', value: null });
		expect(result).toMatchObject({ status: 'fail', value: 0, unit: 'share_of_areas', shortfall: 2 });
	});
});

describe('floor area per 100 households', () => {
	const both = { id: 'TT-3', catalogueId: 'TT-3', kind: 'floor_area', group: 'elderly', categories: ['care_home', 'elderly_daycare'], level: 'community', ratesPer100Households: { new: 20, existing: 15 } };

	it('per community; a site without floorArea makes its community not checkable, not zero', () => {
		const result = evaluate(town(), both);
		// c1: required 400/100 × 20 + 1000/100 × 15 = 230 m² over 1400 households → target 230 × 100 / 1400;
		// supplied: f3's 2000 m² → 2000 × 100 / 1400 per 100 households.
		expect(row(result, 'c1')).toMatchObject({ status: 'pass', shortfall: 0 });
		expect(row(result, 'c1').value).toBeCloseTo(200000 / 1400, 9);
		expect(row(result, 'c1').target).toBeCloseTo(23000 / 1400, 9);
		expect(row(result, 'c2')).toMatchObject({ status: 'not_checkable', value: null });
		expect(row(result, 'c2').reason?.en).toMatch(/f4/);
		// c3 has f5 but no households: nothing to check.
		expect(row(result, 'c3')).toMatchObject({ status: 'not_checkable', target: null });
		// One checkable unit passes, one is unknown: the rule's outcome is open.
		expect(result.status).toBe('not_checkable');
	});

	it('sites under the minimum size do not count; the shortfall is in m²', () => {
		const data = town({ facilities: (list) => (list[3].properties.floorArea = 250) });
		const result = evaluate(data, { ...both, minSiteM2: 300 });
		// c2: 600 existing households → 90 m² required; f4's 250 m² is under 300 m² → 0 supplied, 90 m² short.
		expect(row(result, 'c2')).toMatchObject({ value: 0, target: 15, status: 'fail', shortfall: 90 });
		expect(result).toMatchObject({ status: 'fail', value: 0.5, unit: 'share_of_units', shortfall: 90, shortfallUnit: 'm2' });
	});

	it('applies only to the built kind it names (new areas only: c2 has none)', () => {
		const result = evaluate(town(), { ...both, ratesPer100Households: { new: 20 } });
		// c1: 400 new households → 80 m²; 2000 m² supplied → 500 m² per 100 households vs 20.
		expect(row(result, 'c1')).toMatchObject({ value: 500, target: 20, status: 'pass' });
		expect(row(result, 'c2').status).toBe('not_checkable');
		expect(result).toMatchObject({ status: 'pass', value: 1 });
	});
});

describe('unit has facility', () => {
	const base = { id: 'TT-4', catalogueId: 'TT-4', kind: 'unit_has_facility', group: 'elderly', levels: ['community'] };

	it('share of units with a facility, and how many units lack one', () => {
		expect(evaluate(town(), { ...base, categories: ['care_home', 'elderly_daycare'], target: 1 })).toMatchObject({ status: 'pass', value: 1, shortfall: 0 });
		// Day care only in c3: 1 of 3 = 0.333 < 0.6; ⌈0.6 × 3⌉ = 2 units needed → 1 more.
		const result = evaluate(town(), { ...base, categories: ['elderly_daycare'], target: 0.6 });
		expect(result.value).toBeCloseTo(1 / 3, 12);
		expect(result).toMatchObject({ status: 'fail', shortfall: 1, unit: 'share_of_units' });
		expect(result.rows.map((r) => [r.unitId, r.status])).toEqual([['c1', 'fail'], ['c2', 'fail'], ['c3', 'pass']]);
	});

	it('a facility on the boundary of two units counts in the one whose id sorts first, only', () => {
		const result = evaluate(town(), { ...base, group: 'childcare', categories: ['childcare_center'], levels: ['street'], target: 1 });
		expect(result.rows.map((r) => [r.unitId, r.status])).toEqual([['s1', 'pass'], ['s2', 'fail']]);
		expect(result).toMatchObject({ status: 'fail', value: 0.5, shortfall: 1 });
	});

	it('a required optional attribute that is missing is not checkable; false is a failure', () => {
		const demo = { ...base, group: 'childcare', categories: ['childcare_center'], levels: ['street'], requires: ['demonstration'] };
		// s1's only candidate (f2) has no `demonstration`: unknown. s2 has none: fail.
		const unknown = evaluate(town(), { ...demo, target: 0.5 });
		expect(unknown.rows.map((r) => r.status)).toEqual(['not_checkable', 'fail']);
		expect(unknown).toMatchObject({ status: 'not_checkable', shortfall: null });
		// Even if s1 qualified, 1 of 2 < 1: fails regardless.
		expect(evaluate(town(), { ...demo, target: 1 })).toMatchObject({ status: 'fail', value: 0 });
		const marked = town({ facilities: (list) => (list[1].properties.demonstration = true) });
		expect(evaluate(marked, { ...demo, target: 0.5 })).toMatchObject({ status: 'pass', value: 0.5 });
		const unmarked = town({ facilities: (list) => (list[1].properties.demonstration = false) });
		expect(evaluate(unmarked, { ...demo, target: 0.5 })).toMatchObject({ status: 'fail', value: 0 });
	});

	it('residential areas of one built kind, with a reach; no units of a level → not checkable', () => {
		const newAreas = evaluate(town(), { ...base, group: 'childcare', categories: ['kindergarten'], levels: ['residential'], built: 'new', reachM: 300, target: 1 });
		expect(newAreas.rows.map((r) => [r.unitId, r.status])).toEqual([['a1', 'pass']]);
		const villages = evaluate(town(), { ...base, categories: ['care_home'], levels: ['village'], target: 0.7 });
		expect(villages).toMatchObject({ status: 'not_checkable', value: null, rows: [] });
		expect(villages.reason?.en).toMatch(/no village units/);
	});

	it('counts proposed sites', () => {
		const proposal = place('p2', [-1500, 1500], { category: 'elderly_daycare', status: 'planned' });
		const result = evaluate(town(), { ...base, categories: ['elderly_daycare'], target: 0.6 }, { proposals: [proposal] });
		expect(result).toMatchObject({ status: 'pass', shortfall: 0 });
		expect(result.value).toBeCloseTo(2 / 3, 12);
	});
});

describe('threshold obligation', () => {
	const lsSix = { id: 'TT-5', catalogueId: 'TT-5', kind: 'threshold_obligation', group: 'elderly', categories: ['elderly_daycare'], place: 'resettlement', minPopulation: 800, reachM: 300, target: 1 };
	const sites = (a3: boolean | undefined) => (areas: ResidentialArea[]) => {
		areas[0].properties.resettlement = true; // a1: 1000 ≥ 800
		areas[1].properties.resettlement = false;
		if (a3 !== undefined) areas[2].properties.resettlement = a3;
	};

	it('sites over the threshold without a facility within reach fail, and count as sites missing one', () => {
		// A day-care 100 m south of a1 (a1's south edge is y = -500).
		const data = town({ areas: sites(true), facilities: (list) => list.push(place('d1', [-1400, -600], { category: 'elderly_daycare' })) });
		const result = evaluate(data, lsSix);
		// a1 served, a3 (2000 ≥ 800) not: 1 of 2, one site short.
		expect(result.rows.map((r) => [r.unitId, r.status])).toEqual([['a1', 'pass'], ['a3', 'fail']]);
		expect(result).toMatchObject({ status: 'fail', value: 0.5, shortfall: 1, unit: 'share_of_sites' });
	});

	it('is not checkable when no area carries the attribute, or an area over the size lacks it', () => {
		const none = evaluate(town(), lsSix);
		expect(none).toMatchObject({ status: 'not_checkable', value: null });
		expect(none.reason?.en).toMatch(/resettlement/);
		const data = town({ areas: sites(undefined), facilities: (list) => list.push(place('d1', [-1400, -600], { category: 'elderly_daycare' })) });
		const partial = evaluate(data, lsSix);
		expect(partial.rows.map((r) => [r.unitId, r.status])).toEqual([['a1', 'pass'], ['a3', 'not_checkable']]);
		expect(partial.status).toBe('not_checkable');
	});

	it('passes with no duty when no marked site reaches the size', () => {
		const data = town({ areas: (areas) => areas.forEach((a) => (a.properties.resettlement = a.properties.id === 'a1')) });
		expect(evaluate(data, { ...lsSix, minPopulation: 5000 })).toMatchObject({ status: 'pass', value: null, shortfall: 0, rows: [] });
	});
});

describe('facility attribute', () => {
	const nursing = { id: 'TT-6', catalogueId: 'TT-6', kind: 'facility_attribute', group: 'elderly', categories: ['care_home'], check: { measure: 'share_of_capacity', numerator: 'nursingBeds' }, target: 0.55 };

	it('nursing-bed share: (60 + 20) / (100 + 60) = 0.5; ⌈0.55 × 160 − 80⌉ = 8 nursing beds short', () => {
		const result = evaluate(town(), nursing);
		expect(result).toMatchObject({ status: 'fail', value: 0.5, shortfall: 8, unit: 'share_of_capacity', shortfallUnit: 'nursing_beds' });
		// Per unit: c1 has f3 only (60 / 100 = 0.6 pass); c3 has no care home → not checkable.
		expect(row(result, 'c1')).toMatchObject({ value: 0.6, status: 'pass' });
		expect(row(result, 'c3').status).toBe('not_checkable');
	});

	it('a facility without nursingBeds makes the share not checkable (not zero)', () => {
		const data = town({ facilities: (list) => delete list[3].properties.nursingBeds });
		const result = evaluate(data, nursing);
		expect(result).toMatchObject({ status: 'not_checkable', value: null, shortfall: null });
		expect(result.reason?.en).toMatch(/f4/);
	});

	it('普惠 share of places: 10 of 18 places', () => {
		const result = evaluate(town(), { ...nursing, group: 'childcare', categories: CHILDCARE, check: { measure: 'share_of_capacity', numerator: 'affordable' }, target: 0.5 });
		expect(result.value).toBeCloseTo(10 / 18, 12);
		expect(result).toMatchObject({ status: 'pass', shortfall: 0, shortfallUnit: 'affordable_places' });
	});

	it('conditional clinic duty (HH-7): public ≥50 beds; a missing clinic attribute is not checkable, false fails', () => {
		const clinic = { ...nursing, check: { measure: 'conditional_attribute', attribute: 'clinic', when: [{ operators: ['public'], minCapacity: 50 }, { operators: ['private'], minCapacity: 150 }] }, target: 1 };
		// f3 (public, 100) has one; f4 (public, 60) is bound and its clinic is unknown.
		expect(evaluate(town(), clinic)).toMatchObject({ status: 'not_checkable', shortfall: null });
		const without = town({ facilities: (list) => (list[3].properties.clinic = false) });
		expect(evaluate(without, clinic)).toMatchObject({ status: 'fail', value: 0.5, shortfall: 1 });
		// A private home of 60 beds is under the 150-bed threshold: no duty.
		const privateHome = town({ facilities: (list) => (list[3].properties.operator = 'private') });
		expect(evaluate(privateHome, clinic)).toMatchObject({ status: 'pass', value: 1 });
	});

	it('size range (GB 50180): share of facilities with capacity in [100, 500] is 1 of 2', () => {
		const result = evaluate(town(), { ...nursing, check: { measure: 'in_range', attribute: 'capacity', min: 100, max: 500 }, target: 1 });
		expect(result).toMatchObject({ status: 'fail', value: 0.5, shortfall: 1, shortfallUnit: 'facilities' });
	});
});

describe('proximity', () => {
	const radius = { id: 'TT-7', catalogueId: 'TT-7', kind: 'proximity', categories: ['kindergarten'], reach: { mode: 'straight', radiusM: 300 }, target: 1 };

	it('share of residents within reach, residents short, per unit; proposals count', () => {
		// f1 sits at a1's centre; a1's corners are 141 m away → a1 wholly covered. a2 and a3 are > 300 m from it.
		const result = evaluate(town(), radius);
		expect(result.value).toBeCloseTo(1000 / 6000, 9);
		expect(result).toMatchObject({ status: 'fail', shortfall: 5000, unit: 'share_of_residents' });
		expect(row(result, 'c1').value).toBeCloseTo(0.25, 9);
		expect(row(result, 'c3').status).toBe('not_checkable');
		// A proposed kindergarten at a3's centre covers its 2000 residents: 3000 / 6000.
		const proposal = place('p3', [600, -1400], { category: 'kindergarten', status: 'planned' });
		const withProposal = evaluate(town(), radius, { proposals: [proposal] });
		expect(withProposal.value).toBeCloseTo(0.5, 9);
		expect(withProposal.shortfall).toBe(3000);
		expect(row(withProposal, 'c2')).toMatchObject({ status: 'pass' });
	});

	it('a walking reach without a path network says it was evaluated straight-line', () => {
		const result = evaluate(town(), { ...radius, reach: { mode: 'walk', minutes: 5, speedMPerMin: 60 } });
		expect(result.notes[0].en).toBe('no walking network in the data: the 5-minute walk is evaluated as a straight-line 300 m');
		expect(result.value).toBeCloseTo(1000 / 6000, 9);
	});

	it('a context reused across scenarios (as the worker does) answers like a fresh one', () => {
		// The baseline is cached per query; each scenario only adds its proposals on top of it.
		const shared = new EvaluationContext(town());
		const proposal = place('p3', [600, -1400], { category: 'kindergarten', status: 'planned' });
		const scenarios: EvaluationOptions[] = [{}, { proposals: [proposal] }, {}, { proposals: [proposal], includePlanned: true }];
		for (const options of scenarios) {
			const reused = evaluateRule(rule(radius), shared.withOptions(options));
			const fresh = evaluateRule(rule(radius), new EvaluationContext(town(), options));
			expect(reused.value).toBeCloseTo(fresh.value!, 12);
		}
		expect(evaluateRule(rule(radius), shared.withOptions({})).value).toBeCloseTo(1000 / 6000, 9);
	});
});

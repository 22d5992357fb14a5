import type { Point } from './geometry';
import type { OutputFeature } from './output';

/** A facility as placed: its properties and its design-frame point (metres). */
interface PlacedFacility {
	properties: OutputFeature['properties'];
	point: Point;
}

/** A residential area in output order: its properties and its anchor (design-frame metres). */
interface PlacedArea {
	properties: OutputFeature['properties'];
	anchor: Point;
}

/** Minimum population of a resettlement site that owes a day-care centre (凉山 LS-6). */
const RESETTLEMENT_THRESHOLD = 800;

/**
 * The optional attributes the rule sets need (README, "Data contract"), added without drawing random
 * numbers, so every other value and all geometry stay as they were:
 * - `demonstration` on childcare facilities: the prefecture's 托育综合服务中心 is the demonstration one.
 * - `clinic` on care homes and medical-care homes: medical-care homes have one; public care homes of 50
 *   beds or more have one, except the last such home listed, so 红河 HH-7 has a failure to show.
 * - `resettlement` on residential areas: two existing areas of ≥800 residents are resettlement sites —
 *   the one nearest a day-care or service centre (served) and the one farthest from any (not served),
 *   so 凉山 LS-6 shows both; every other area is explicitly not a site.
 */
export function addRuleAttributes(facilities: PlacedFacility[], areas: PlacedArea[]): void {
	for (const { properties } of facilities) {
		if (['childcare_center', 'kindergarten', 'community_childcare'].includes(properties.category as string))
			properties.demonstration = String(properties.name).startsWith('西昌市托育综合服务中心');
	}
	const boundPublicHomes = facilities.filter(({ properties: p }) => p.category === 'care_home' && p.operator !== 'private' && (p.capacity as number) >= 50);
	for (const { properties } of facilities) {
		if (properties.category === 'medical_care_home') properties.clinic = true;
		if (properties.category === 'care_home') properties.clinic = boundPublicHomes.some((home) => home.properties === properties);
	}
	if (boundPublicHomes.length) boundPublicHomes[boundPublicHomes.length - 1].properties.clinic = false;

	const dayCare = facilities.filter(({ properties: p }) => p.status === 'existing' && (p.category === 'elderly_daycare' || p.category === 'elderly_service_center'));
	const nearest = (anchor: Point) => Math.min(...dayCare.map(({ point }) => Math.hypot(point.x - anchor.x, point.y - anchor.y)));
	const candidates = areas
		.filter(({ properties: p }) => p.built === 'existing' && (p.population as number) >= RESETTLEMENT_THRESHOLD)
		.map((area) => ({ area, distance: nearest(area.anchor) }))
		.sort((a, b) => a.distance - b.distance);
	for (const { properties } of areas) properties.resettlement = false;
	if (candidates.length >= 2) {
		candidates[0].area.properties.resettlement = true;
		candidates[candidates.length - 1].area.properties.resettlement = true;
	}
}

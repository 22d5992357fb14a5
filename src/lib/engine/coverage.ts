import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { orientPolygon, polygonsArea, polygonsToRings, subtract, unite, type PlanarPolygon } from './clip';
import { CIRCLE_RADIUS_FACTOR, CIRCLE_VERTICES, geodesicCircleRing } from './geodesic';
import { createLocalProjection, type LocalProjection } from './projection';
import type { CoverageQuery } from './rules';
import type { Dataset, Facility, ResidentialArea } from './types';

/**
 * Uncovered parts smaller than this (m²) are left out: slivers where a circle's edge runs along an
 * area's edge, far below what a planner can act on (a residential area is thousands of m²).
 */
export const SLIVER_M2 = 1;

type BBox = [number, number, number, number];

/** A residential area projected to local metres, unified (overlapping parts merged), ready to clip. */
interface PreparedArea {
	feature: ResidentialArea;
	polygons: PlanarPolygon[];
	areaM2: number;
	bbox: BBox;
}

/** A geodesic service circle around one facility, in lon/lat (for the map) and local metres (for clipping). */
export interface ServiceArea {
	facilityId: string;
	proposed: boolean;
	center: Position;
	radiusM: number;
	ringLonLat: [number, number][];
	planar: PlanarPolygon;
	bbox: BBox;
	/** Distance from the centre within which every point is inside the polygon (its apothem). */
	innerRadiusM: number;
	centerXY: [number, number];
}

export interface AreaCoverage {
	id: string;
	areaM2: number;
	uncoveredAreaM2: number;
	/** Covered part of the area, 0–1. */
	coveredShare: number;
	/** Population spread evenly over the area. */
	coveredPopulation: number;
	uncoveredPopulation: number;
	/** Uncovered parts in local metres (empty when wholly covered). */
	uncovered: PlanarPolygon[];
}

/** Coverage of every residential area under one query and one set of facilities. */
export interface CoverageState {
	query: CoverageQuery;
	areas: AreaCoverage[];
	serviceAreas: ServiceArea[];
}

/** Facilities a query counts: the categories it names, `existing` ones unless planned ones are included. */
export function facilitiesForQuery(facilities: Facility[], query: CoverageQuery): Facility[] {
	return facilities.filter(
		(facility) =>
			query.categories.includes(facility.properties.category) &&
			(query.includePlanned || facility.properties.status === 'existing')
	);
}

/**
 * The coverage engine for one dataset. Residential areas are projected, unified and indexed once;
 * a baseline is computed for the dataset's own facilities; proposed sites then re-clip only the
 * areas they can reach, starting from each area's cached baseline remainder.
 */
export class CoverageModel {
	readonly projection: LocalProjection;
	readonly areas: PreparedArea[];
	private readonly index: Flatbush | undefined;
	private readonly circleCache = new Map<string, ServiceArea>();

	constructor(readonly dataset: Dataset) {
		this.projection = createLocalProjection(dataset.meta.center);
		this.areas = dataset.residential.map((feature) => this.prepareArea(feature));
		if (this.areas.length > 0) {
			const index = new Flatbush(this.areas.length);
			for (const area of this.areas) index.add(...area.bbox);
			index.finish();
			this.index = index;
		}
	}

	/** The service circle of a facility, cached by position and radius so dragging one site recomputes one circle. */
	serviceArea(facility: Facility, radiusM: number, proposed = false): ServiceArea {
		const center = facility.geometry.coordinates;
		const key = `${facility.properties.id}|${center[0]}|${center[1]}|${radiusM}|${proposed}`;
		const cached = this.circleCache.get(key);
		if (cached) return cached;
		const ringLonLat = geodesicCircleRing(center, radiusM);
		const ring = ringLonLat.map((position) => this.projection.forward(position));
		const planar = orientPolygon([ring]);
		const centerXY = this.projection.forward(center);
		const vertexRadius = radiusM * CIRCLE_RADIUS_FACTOR;
		const serviceArea: ServiceArea = {
			facilityId: facility.properties.id,
			proposed,
			center,
			radiusM,
			ringLonLat,
			planar,
			bbox: boundsOf(planar),
			// Small allowance (1 mm) for the projection's scale differing from 1 near the edges of a city.
			innerRadiusM: vertexRadius * Math.cos(Math.PI / CIRCLE_VERTICES) - 0.001,
			centerXY
		};
		if (this.circleCache.size > 50_000) this.circleCache.clear();
		this.circleCache.set(key, serviceArea);
		return serviceArea;
	}

	/** Coverage of every area by the dataset's facilities that the query counts. */
	baseline(query: CoverageQuery): CoverageState {
		const serviceAreas = facilitiesForQuery(this.dataset.facilities, query).map((facility) =>
			this.serviceArea(facility, query.radiusM)
		);
		const reaching = this.serviceAreasByArea(serviceAreas);
		const areas = this.areas.map((area, index) => this.coverArea(area, area.polygons, reaching[index] ?? []));
		return { query, areas, serviceAreas };
	}

	/**
	 * Adds proposed sites to a baseline: only areas a proposal's circle reaches are clipped again,
	 * from their baseline remainder. Proposals outside the query's categories are ignored.
	 */
	withProposals(baseline: CoverageState, proposals: Facility[]): CoverageState {
		const counted = proposals.filter((proposal) => baseline.query.categories.includes(proposal.properties.category));
		const proposalAreas = counted.map((proposal) => this.serviceArea(proposal, baseline.query.radiusM, true));
		if (proposalAreas.length === 0) return baseline;
		const reaching = this.serviceAreasByArea(proposalAreas);
		const areas = baseline.areas.map((coverage, index) => {
			const circles = reaching[index];
			if (!circles || coverage.uncovered.length === 0) return coverage;
			return this.coverArea(this.areas[index], coverage.uncovered, circles);
		});
		return { query: baseline.query, areas, serviceAreas: [...baseline.serviceAreas, ...proposalAreas] };
	}

	/** For each area index, the service areas whose bounding boxes meet the area's. */
	private serviceAreasByArea(serviceAreas: ServiceArea[]): ServiceArea[][] {
		const byArea: ServiceArea[][] = [];
		if (!this.index) return byArea;
		for (const serviceArea of serviceAreas) {
			for (const index of this.index.search(...serviceArea.bbox)) (byArea[index] ??= []).push(serviceArea);
		}
		return byArea;
	}

	/** Clips `remainder` (the part of `area` not yet covered) by `circles`, skipping the clipper where the answer is plain. */
	private coverArea(area: PreparedArea, remainder: PlanarPolygon[], circles: ServiceArea[]): AreaCoverage {
		let uncovered = remainder;
		if (circles.some((circle) => containsAll(circle, remainder))) {
			uncovered = [];
		} else if (circles.length > 0) {
			const rings = polygonsToRings(remainder);
			const clips = circles.flatMap((circle) => circle.planar);
			// An area smaller than a sliver keeps its parts: dropping them would call it covered by a circle that may not touch it.
			uncovered = subtract(rings, clips).filter((polygon) => area.areaM2 < SLIVER_M2 || polygonsArea([polygon]) >= SLIVER_M2);
		}
		return summarize(area, uncovered);
	}

	private prepareArea(feature: ResidentialArea): PreparedArea {
		const geometry = feature.geometry;
		const polygonCoordinates = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
		const rings = polygonCoordinates.flatMap((rings) =>
			orientPolygon(rings.map((ring) => ring.map((position) => this.projection.forward(position))))
		);
		// Union resolves overlapping parts of a MultiPolygon, so area and uncovered area are measured alike.
		const polygons = unite(rings);
		return { feature, polygons, areaM2: polygonsArea(polygons), bbox: boundsOf(polygons.flat()) };
	}
}

function summarize(area: PreparedArea, uncovered: PlanarPolygon[]): AreaCoverage {
	const { population } = area.feature.properties;
	const uncoveredAreaM2 = Math.min(area.areaM2, polygonsArea(uncovered));
	const uncoveredShare = area.areaM2 > 0 ? uncoveredAreaM2 / area.areaM2 : 0;
	return {
		id: area.feature.properties.id,
		areaM2: area.areaM2,
		uncoveredAreaM2,
		coveredShare: 1 - uncoveredShare,
		coveredPopulation: population * (1 - uncoveredShare),
		uncoveredPopulation: population * uncoveredShare,
		uncovered
	};
}

/** True when every vertex of the polygons lies within the circle's apothem: the circle then contains them whole. */
function containsAll(circle: ServiceArea, polygons: PlanarPolygon[]): boolean {
	const [cx, cy] = circle.centerXY;
	const limit = circle.innerRadiusM * circle.innerRadiusM;
	for (const polygon of polygons) {
		for (const point of polygon[0]) {
			const dx = point.x - cx;
			const dy = point.y - cy;
			if (dx * dx + dy * dy > limit) return false;
		}
	}
	return true;
}

function boundsOf(rings: { x: number; y: number }[][]): BBox {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const ring of rings) {
		for (const { x, y } of ring) {
			if (x < minX) minX = x;
			if (y < minY) minY = y;
			if (x > maxX) maxX = x;
			if (y > maxY) maxY = y;
		}
	}
	if (minX > maxX) return [0, 0, 0, 0];
	return [minX, minY, maxX, maxY];
}

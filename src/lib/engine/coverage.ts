import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { orientPolygon, polygonsArea, polygonsToRings, subtract, unite, type PlanarPolygon, type PlanarRing } from './clip';
import { CIRCLE_RADIUS_FACTOR, CIRCLE_VERTICES, localCircleRing } from './geodesic';
import { createLocalProjection, type LocalProjection } from './projection';
import { buildWalkingNetwork, NetworkSearch, snapToNetwork, type NetworkOptions, type SearchSource, type WalkingNetwork } from './network';
import { walkParameters, type CoverageQuery } from './rules';
import { CAPSULES_AT_MOST, capsuleRing, FEW_VERTICES, piecesNear, tiledWalkPolygons, walkGeometry, walkPieces, walkPolygons, type WalkGeometry, type WalkPieces } from './walkArea';
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

/** A clip shape in local metres: oriented rings (a union under NonZero fill) and their bounds. */
interface Clip {
	planar: PlanarPolygon;
	bbox: BBox;
	/** Distance from `centerXY` within which every point is inside the shape (a circle's apothem; negative: none). */
	innerRadiusM: number;
	centerXY: [number, number];
}

/**
 * The service area of one facility: a geodesic circle (`straight`) or its walking service area
 * (`walk`), in local metres for clipping and as lon/lat polygons for the map (`outline`, computed on
 * demand: city-wide walking coverage does not need every facility's own outline).
 */
export interface ServiceArea extends Clip {
	facilityId: string;
	proposed: boolean;
	mode: 'straight' | 'walk';
	center: Position;
	radiusM: number;
	outline(): Position[][][];
	/** For walks: the walking area as convex pieces, for clipping. */
	pieces?: WalkPieces;
}

/** Edge of the square tiles the united walking area is cut into, so a compound meets only the tiles near it (m). */
const WALK_TILE_M = 250;

/** Called with the share (0–1) of residential areas done. */
export type ProgressListener = (share: number) => void;

const PROGRESS_EVERY = 50;



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
	/** How the reach was measured: `walk` needs a walking network; without one, `walk` falls back to straight-line. */
	evaluatedAs: 'straight' | 'walk';
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
	private walking: { network: WalkingNetwork; search: NetworkSearch } | undefined;

	constructor(
		readonly dataset: Dataset,
		private readonly networkOptions: NetworkOptions = {}
	) {
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
		const centerXY = this.projection.forward(center);
		const planar = [localCircleRing(centerXY, radiusM)];
		let ringLonLat: Position[] | undefined;
		const vertexRadius = radiusM * CIRCLE_RADIUS_FACTOR;
		const serviceArea: ServiceArea = {
			facilityId: facility.properties.id,
			proposed,
			mode: 'straight',
			center,
			radiusM,
			outline: () => [[(ringLonLat ??= closedLonLatRing(planar[0], this.projection))]],
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

	/** Forgets cached service areas (circles, walks), e.g. to time a full analysis from scratch. */
	clearCaches() {
		this.circleCache.clear();
	}

	/** The walking network of the dataset, built on first use; undefined when the dataset has no paths. */
	walkingNetwork(): WalkingNetwork | undefined {
		if (!this.walking) {
			const network = buildWalkingNetwork(this.dataset.paths, this.projection, this.networkOptions);
			this.walking = { network, search: new NetworkSearch(network) };
		}
		return this.walking.network.segmentCount > 0 ? this.walking.network : undefined;
	}

	/** How a query is evaluated on this dataset. */
	evaluatedAs(query: CoverageQuery): 'straight' | 'walk' {
		return query.mode === 'walk' && this.walkingNetwork() ? 'walk' : 'straight';
	}

	/** Where a facility joins the walking network, with the access leg from its door as the starting cost. */
	walkSource(facility: Facility): SearchSource | undefined {
		const network = this.walkingNetwork();
		if (!network) return undefined;
		const [x, y] = this.projection.forward(facility.geometry.coordinates);
		const snap = snapToNetwork(network, x, y);
		return snap && { snap, costM: snap.distanceM };
	}

	/**
	 * One facility's walking service area (a single-source search with the query's budget): its pieces
	 * for clipping at once, its polygons (`planar`, `outline`) only when asked for.
	 */
	walkServiceArea(facility: Facility, query: CoverageQuery, proposed = false): ServiceArea {
		const { accessM } = walkParameters(query);
		const center = facility.geometry.coordinates;
		const key = `walk|${facility.properties.id}|${center[0]}|${center[1]}|${query.radiusM}|${accessM}|${proposed}`;
		const cached = this.circleCache.get(key);
		if (cached) return cached;
		const source = this.walkSource(facility);
		let geometry: WalkGeometry = { accessM, polylines: [], discs: [] };
		if (source && source.costM < query.radiusM && this.walking) {
			geometry = walkGeometry(this.walking.network, this.walking.search.search([source], query.radiusM), accessM);
		}
		const pieces = walkPieces(geometry);
		let polygons: PlanarPolygon[] | undefined;
		const planar = () => (polygons ??= walkPolygons(geometry));
		let outline: Position[][][] | undefined;
		let rings: PlanarPolygon | undefined;
		const projection = this.projection;
		const serviceArea: ServiceArea = {
			facilityId: facility.properties.id,
			proposed,
			mode: 'walk',
			center,
			radiusM: query.radiusM,
			outline: () => (outline ??= planar().map((polygon) => polygon.map((ring) => closedLonLatRing(ring, projection)))),
			get planar() {
				return (rings ??= planar().flat());
			},
			get bbox() {
				return boundsOf(this.planar);
			},
			innerRadiusM: -1,
			centerXY: this.projection.forward(center),
			pieces
		};
		if (this.circleCache.size > 50_000) this.circleCache.clear();
		this.circleCache.set(key, serviceArea);
		return serviceArea;
	}

	/** Coverage of every area by the dataset's facilities that the query counts. */
	baseline(query: CoverageQuery, onProgress?: ProgressListener): CoverageState {
		const facilities = facilitiesForQuery(this.dataset.facilities, query);
		if (this.evaluatedAs(query) === 'walk') return this.walkBaseline(query, facilities, onProgress);
		const serviceAreas = facilities.map((facility) => this.serviceArea(facility, query.radiusM));
		const areas = this.coverAll(this.clipsByArea(serviceAreas), onProgress);
		return { query, evaluatedAs: 'straight', areas, serviceAreas };
	}

	/**
	 * Walking coverage of all counted facilities at once: the union of their walking service areas is
	 * the service area of one multi-source search (each place keeps its nearest facility's distance),
	 * kept as convex pieces so each residential area is tested against the few near it. Each facility's
	 * own outline is computed only when asked for (the map).
	 */
	private walkBaseline(query: CoverageQuery, facilities: Facility[], onProgress?: ProgressListener): CoverageState {
		const walking = this.walking!;
		const { accessM } = walkParameters(query);
		const sources = facilities.map((facility) => this.walkSource(facility)).filter((source): source is SearchSource => !!source && source.costM < query.radiusM);
		const reach = walking.search.search(sources, query.radiusM);
		const geometry = walkGeometry(walking.network, reach, accessM);
		const pieces = walkPieces(geometry);
		// The united area in tiles, by residential area: built only if a large compound needs it.
		let tilesByArea: Clip[][] | undefined;
		const tiles = () =>
			(tilesByArea ??= this.clipsByArea(
				tiledWalkPolygons(geometry, WALK_TILE_M)
					.map((polygons) => polygons.flat())
					.filter((rings) => rings.length > 0)
					.map((rings) => ({ planar: rings, bbox: boundsOf(rings), innerRadiusM: -1, centerXY: [0, 0] }))
			));
		const areas = this.areas.map((area, index) => {
			if (onProgress && index % PROGRESS_EVERY === 0) onProgress(index / this.areas.length);
			return this.coverAreaByWalk(area, area.polygons, [{ pieces, united: () => (tiles()[index] ?? []).flatMap((clip) => clip.planar) }]);
		});
		const serviceAreas = facilities.map((facility) => this.lazyWalkServiceArea(facility, query));
		return { query, evaluatedAs: 'walk', areas, serviceAreas };
	}

	/** A baseline facility's walking service area whose geometry is computed when the map asks for it. */
	private lazyWalkServiceArea(facility: Facility, query: CoverageQuery): ServiceArea {
		let computed: ServiceArea | undefined;
		const get = () => (computed ??= this.walkServiceArea(facility, query));
		return {
			facilityId: facility.properties.id,
			proposed: false,
			mode: 'walk',
			center: facility.geometry.coordinates,
			radiusM: query.radiusM,
			outline: () => get().outline(),
			get planar() {
				return get().planar;
			},
			get bbox() {
				return get().bbox;
			},
			innerRadiusM: -1,
			centerXY: this.projection.forward(facility.geometry.coordinates),
			get pieces() {
				return get().pieces;
			}
		};
	}

	/**
	 * Adds proposed sites to a baseline: only areas a proposal's circle reaches are clipped again,
	 * from their baseline remainder. Proposals outside the query's categories are ignored.
	 */
	withProposals(baseline: CoverageState, proposals: Facility[]): CoverageState {
		const counted = proposals.filter((proposal) => baseline.query.categories.includes(proposal.properties.category));
		const proposalAreas = counted.map((proposal) =>
			baseline.evaluatedAs === 'walk'
				? this.walkServiceArea(proposal, baseline.query, true)
				: this.serviceArea(proposal, baseline.query.radiusM, true)
		);
		if (proposalAreas.length === 0) return baseline;
		if (baseline.evaluatedAs === 'walk') {
			const walks = proposalAreas
				.filter((serviceArea) => serviceArea.pieces!.count > 0)
				.map((serviceArea) => ({ pieces: serviceArea.pieces!, united: () => serviceArea.planar }));
			const touched = new Set<number>();
			for (const { pieces } of walks) {
				const bounds = boundsOfPieces(pieces);
				if (bounds && this.index) for (const index of this.index.search(...bounds)) touched.add(index);
			}
			const areas = baseline.areas.map((coverage, index) =>
				touched.has(index) && coverage.uncovered.length > 0 ? this.coverAreaByWalk(this.areas[index], coverage.uncovered, walks) : coverage
			);
			return { query: baseline.query, evaluatedAs: 'walk', areas, serviceAreas: [...baseline.serviceAreas, ...proposalAreas] };
		}
		const reaching = this.clipsByArea(proposalAreas);
		const areas = baseline.areas.map((coverage, index) => {
			const circles = reaching[index];
			if (!circles || coverage.uncovered.length === 0) return coverage;
			return this.coverArea(this.areas[index], coverage.uncovered, circles);
		});
		return { query: baseline.query, evaluatedAs: baseline.evaluatedAs, areas, serviceAreas: [...baseline.serviceAreas, ...proposalAreas] };
	}

	/** Every area clipped from scratch, reporting progress every `PROGRESS_EVERY` areas. */
	private coverAll(reaching: Clip[][], onProgress?: ProgressListener): AreaCoverage[] {
		return this.areas.map((area, index) => {
			if (onProgress && index % PROGRESS_EVERY === 0) onProgress(index / this.areas.length);
			return this.coverArea(area, area.polygons, reaching[index] ?? []);
		});
	}

	/** For each area index, the clip shapes whose bounding boxes meet the area's. */
	private clipsByArea(clips: Clip[]): Clip[][] {
		const byArea: Clip[][] = [];
		if (!this.index) return byArea;
		for (const clip of clips) {
			for (const index of this.index.search(...clip.bbox)) (byArea[index] ??= []).push(clip);
		}
		return byArea;
	}

	/** Clips `remainder` (the part of `area` not yet covered) by `circles`, skipping the clipper where the answer is plain. */
	private coverArea(area: PreparedArea, remainder: PlanarPolygon[], circles: Clip[]): AreaCoverage {
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

	/**
	 * Clips `remainder` by walking areas: skipped when one convex piece holds it whole or none is near;
	 * clipped by the few capsules near it, or, when many are near (large compounds), by the united
	 * walking area (`united`, computed only when first needed).
	 */
	private coverAreaByWalk(area: PreparedArea, remainder: PlanarPolygon[], walks: { pieces: WalkPieces; united: () => PlanarRing[] }[]): AreaCoverage {
		if (remainder.length === 0) return summarize(area, remainder);
		const outers = remainder.map((polygon) => polygon[0]);
		const bbox = boundsOf(outers);
		const vertexCount = outers.reduce((sum, ring) => sum + ring.length, 0);
		const clips: PlanarRing[] = [];
		for (const { pieces, united } of walks) {
			const { near, holdsAll } = piecesNear(pieces, bbox, outers);
			if (holdsAll) return summarize(area, []);
			if (near.length === 0) continue;
			if (near.length <= CAPSULES_AT_MOST || vertexCount <= FEW_VERTICES) for (const k of near) clips.push(capsuleRing(pieces, k));
			else for (const ring of united()) clips.push(ring);
		}
		if (clips.length === 0) return summarize(area, remainder);
		const uncovered = subtract(polygonsToRings(remainder), clips).filter((polygon) => polygonsArea([polygon]) >= SLIVER_M2);
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
function containsAll(circle: Clip, polygons: PlanarPolygon[]): boolean {
	if (circle.innerRadiusM <= 0) return false;
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

/** A planar ring back to a closed lon/lat ring (orientation carries over: the projection keeps it). */
function closedLonLatRing(ring: PlanarPolygon[number], projection: LocalProjection): Position[] {
	const positions: Position[] = ring.map((point) => projection.inverse([point.x, point.y]));
	if (positions.length > 0) positions.push(positions[0]);
	return positions;
}

/** Bounds of all walking pieces, or undefined when there are none. */
function boundsOfPieces(pieces: WalkPieces): BBox | undefined {
	if (pieces.count === 0) return undefined;
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (let k = 0; k < pieces.count; k++) {
		const r = pieces.radius[k];
		minX = Math.min(minX, pieces.ax[k] - r, pieces.bx[k] - r);
		minY = Math.min(minY, pieces.ay[k] - r, pieces.by[k] - r);
		maxX = Math.max(maxX, pieces.ax[k] + r, pieces.bx[k] + r);
		maxY = Math.max(maxY, pieces.ay[k] + r, pieces.by[k] + r);
	}
	return [minX, minY, maxX, maxY];
}

import geodesicModule from 'geographiclib-geodesic';
import type { Position } from 'geojson';

const { Geodesic } = geodesicModule;
const WGS84 = Geodesic.WGS84;

/** Vertices of a service-area circle; divisible by 4 so quarter circles are exact in tests. */
export const CIRCLE_VERTICES = 64;

/**
 * A polygon with `CIRCLE_VERTICES` vertices inscribed in a circle of radius R has area
 * (n/2)·R²·sin(2π/n), 0.16 % less than πR² for n = 64. Placing the vertices at R·f with this f makes
 * the polygon's area equal πR², so coverage statistics are not biased low.
 */
export const CIRCLE_RADIUS_FACTOR = Math.sqrt(
	(2 * Math.PI) / (CIRCLE_VERTICES * Math.sin((2 * Math.PI) / CIRCLE_VERTICES))
);

/** The point at `distanceM` along the WGS84 geodesic from `origin` in direction `azimuthDeg` (clockwise from north). */
export function geodesicDestination(origin: Position, azimuthDeg: number, distanceM: number): [number, number] {
	const result = WGS84.Direct(origin[1], origin[0], azimuthDeg, distanceM);
	return [result.lon2 as number, result.lat2 as number];
}

/** Ellipsoidal (WGS84) distance in metres between two [lon, lat] points (Karney's algorithm). */
export function geodesicDistance(a: Position, b: Position): number {
	return WGS84.Inverse(a[1], a[0], b[1], b[0]).s12 as number;
}

/**
 * The closed ring of a geodesic circle around `center`: every vertex lies at the same ellipsoidal
 * distance (radius × CIRCLE_RADIUS_FACTOR) from the centre. Counter-clockwise (RFC 7946 exterior).
 */
export function geodesicCircleRing(center: Position, radiusM: number): [number, number][] {
	const ring: [number, number][] = [];
	const vertexDistance = radiusM * CIRCLE_RADIUS_FACTOR;
	for (let i = 0; i < CIRCLE_VERTICES; i++) {
		// Azimuths run clockwise from north; walk them backwards for a counter-clockwise ring.
		ring.push(geodesicDestination(center, 360 - (i * 360) / CIRCLE_VERTICES, vertexDistance));
	}
	ring.push(ring[0]);
	return ring;
}

/**
 * The same circle built directly in the local equal-area projection (metres): vertices at
 * radius × CIRCLE_RADIUS_FACTOR from the projected centre, in the same order as `geodesicCircleRing`
 * (north first, counter-clockwise), not closed. Within a city the projection's scale differs from 1 by
 * ≈ 1e-5 (30 km from its centre), so every vertex lies at the geodesic circle's ellipsoidal distance to
 * within 2e-5 (6 mm at 300 m; grid north turns from true north, so they sit slightly rotated along it)
 * (checked in tests/engine/geodesy.test.ts), while costing no GeographicLib calls: 2,000 geodesic
 * circles took ≈ 230 ms, most of a big city's straight-line budget.
 */
export function localCircleRing(centerXY: [number, number], radiusM: number): { x: number; y: number }[] {
	const ring: { x: number; y: number }[] = [];
	const vertexDistance = radiusM * CIRCLE_RADIUS_FACTOR;
	for (let i = 0; i < CIRCLE_VERTICES; i++) {
		const azimuth = (2 * Math.PI * (CIRCLE_VERTICES - i)) / CIRCLE_VERTICES;
		ring.push({ x: centerXY[0] + vertexDistance * Math.sin(azimuth), y: centerXY[1] + vertexDistance * Math.cos(azimuth) });
	}
	return ring;
}

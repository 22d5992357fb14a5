import geodesicModule from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { orientPolygon, polygonsArea } from '../../src/lib/engine/clip';
import { CIRCLE_RADIUS_FACTOR, CIRCLE_VERTICES, geodesicCircleRing, geodesicDistance, localCircleRing } from '../../src/lib/engine/geodesic';
import { createLocalProjection } from '../../src/lib/engine/projection';
import { CENTER, ringFromMetres } from './fixtures';

const { Geodesic, PolygonArea } = geodesicModule;
const projection = createLocalProjection(CENTER);
const planarArea = (ring: number[][]) => polygonsArea([orientPolygon([ring.map((p) => projection.forward(p))])]);

/** Ellipsoidal area of a polygon with geodesic edges, by GeographicLib's PolygonArea (independent of proj4). */
function geographiclibArea(ring: number[][]): number {
	const polygon = new PolygonArea.PolygonArea(Geodesic.WGS84, false);
	for (const [lon, lat] of ring.slice(0, -1)) polygon.AddPoint(lat, lon);
	return Math.abs(polygon.Compute(false, true).area as number);
}

describe('geodesic service circles', () => {
	it('puts every vertex at the same ellipsoidal distance, scaled so the polygon area is πr²', () => {
		const center = [102.2668, 27.8945];
		const ring = geodesicCircleRing(center, 300);
		expect(ring).toHaveLength(CIRCLE_VERTICES + 1);
		expect(ring[0]).toEqual(ring[ring.length - 1]);
		// Hand computation: f = sqrt(2π / (64·sin(2π/64))) = sqrt(6.283185 / 6.273097) = 1.000804.
		expect(CIRCLE_RADIUS_FACTOR).toBeCloseTo(1.000804, 6);
		for (const vertex of ring) expect(geodesicDistance(center, vertex)).toBeCloseTo(300 * 1.000804, 1);
		// π · 300² = 282,743.3 m², both in the local projection and by GeographicLib on the ellipsoid.
		expect(planarArea(ring) / (Math.PI * 300 ** 2)).toBeCloseTo(1, 4);
		expect(geographiclibArea(ring) / (Math.PI * 300 ** 2)).toBeCloseTo(1, 4);
	});

	it('is counter-clockwise (RFC 7946 exterior) and does not flatten north–south as a spherical circle would', () => {
		const center = [102.26, 27.89];
		const ring = geodesicCircleRing(center, 1000);
		let signed = 0;
		for (let i = 0; i < ring.length - 1; i++) signed += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
		expect(signed).toBeGreaterThan(0);
		const north = ring[0];
		// One degree of latitude at 27.89° on WGS84 is 110,840 m (meridian arc); on Turf's sphere it is 111,195 m.
		expect((north[1] - center[1]) * 110_840).toBeCloseTo(1000 * CIRCLE_RADIUS_FACTOR, -1);
	});
});

describe('circles built in the local projection', () => {
	it('put every vertex at the geodesic circle’s ellipsoidal distance (relative error < 2e-5: 6 mm at 300 m) up to 30 km from the projection centre', () => {
		// Away from the central meridian grid north turns from true north (≈ 0.14° at 30 km west), so the vertices
		// sit rotated along the same circle: what must hold is their ellipsoidal distance from the centre, and the area.
		let worst = 0;
		for (const [dx, dy] of [[0, 0], [5000, 0], [0, -12_000], [20_000, 20_000], [-30_000, 0]] as [number, number][]) {
			const center = projection.inverse([dx, dy]);
			for (const radius of [300, 1000, 5000]) {
				const local = localCircleRing(projection.forward(center), radius);
				for (const point of local)
					worst = Math.max(worst, Math.abs(geodesicDistance(center, projection.inverse([point.x, point.y])) / (radius * CIRCLE_RADIUS_FACTOR) - 1));
				expect(polygonsArea([[local]]) / polygonsArea([orientPolygon([geodesicCircleRing(center, radius).map((p) => projection.forward(p))])])).toBeCloseTo(1, 6);
			}
		}
		// The projection's scale error grows as (distance / 2R)²: 1.1e-5 at 28–30 km (5 cm on a 5 km circle), far below the 0.1 % promised for areas.
		expect(worst).toBeLessThan(2e-5);
	});
});

describe('local equal-area projection', () => {
	it('measures a few hectares within 0.01 % of the ellipsoidal area', () => {
		const rings = [
			ringFromMetres([[0, 0], [200, 0], [200, 150], [0, 150]]),
			ringFromMetres([[3000, -2500], [3350, -2400], [3300, -2100], [3120, -2050], [2990, -2300]]),
			ringFromMetres([[-8000, 6000], [-7700, 6000], [-7700, 6400], [-7850, 6250], [-8000, 6400]])
		];
		for (const ring of rings) {
			const reference = geographiclibArea(ring);
			expect(Math.abs(planarArea(ring) - reference) / reference).toBeLessThan(1e-4);
		}
	});

	it('round-trips coordinates to about a centimetre (proj4 inverts the authalic latitude by series)', () => {
		const lonLat = [102.3011, 27.9123];
		const back = projection.inverse(projection.forward(lonLat));
		// 1e-7° is about 1 cm; exports are rounded to 1e-6° (~0.1 m).
		expect(Math.abs(back[0] - lonLat[0])).toBeLessThan(1e-7);
		expect(Math.abs(back[1] - lonLat[1])).toBeLessThan(1e-7);
	});
});

import type { MultiPolygon, Polygon, Position } from 'geojson';
import { kinks, polygon as turfPolygon } from '@turf/turf';
import { orientPolygon, unite } from '../clip';

/** Degrees scaled to micro-degrees so Clipper's fixed precision (1e-3) keeps 1e-9° (≈ 0.1 mm). */
const SCALE = 1e6;

/**
 * Whether a polygon's rings cross themselves or each other (a "bow tie"), which would make its area
 * and coverage meaningless.
 */
export function selfIntersects(geometry: Polygon | MultiPolygon): boolean {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	return polygons.some((rings) => {
		try {
			return kinks(turfPolygon(rings)).features.length > 0;
		} catch {
			return true;
		}
	});
}

/**
 * Repairs a self-intersecting polygon by a Clipper union with non-zero fill: a bow tie becomes its
 * two triangles, overlapping rings merge. Returns undefined when nothing with area is left.
 */
export function repairPolygon(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon | undefined {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	const rings = polygons.flatMap((rings) => orientPolygon(rings.map((ring) => ring.map(([x, y]) => [x * SCALE, y * SCALE]))));
	const united = unite(rings);
	const back = united.map((polygon) =>
		polygon.map((ring) => {
			const positions: Position[] = ring.map(({ x, y }) => [x / SCALE, y / SCALE]);
			return [...positions, positions[0]];
		})
	);
	if (back.length === 0) return undefined;
	return back.length === 1 ? { type: 'Polygon', coordinates: back[0] } : { type: 'MultiPolygon', coordinates: back };
}

import type { MultiPolygon, Polygon as GeoPolygon, Position } from 'geojson';
import type { Frame } from './frame';
import type { Point, Polygon } from './geometry';

/** Signed area of a lon/lat ring (shoelace, degrees²): positive = counter-clockwise. */
export function lonLatRingArea(ring: Position[]): number {
	let area = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) area += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
	return area / 2;
}

/**
 * A design-frame ring as an RFC 7946 ring: lon/lat rounded to 6 decimals, repeated vertices
 * dropped, closed, counter-clockwise if outer and clockwise if a hole. Null if it collapses.
 */
export function toLonLatRing(ring: Point[], frame: Frame, outer: boolean): Position[] | null {
	const out: Position[] = [];
	for (const p of ring) {
		const q = frame.toLonLat(p);
		const last = out[out.length - 1];
		if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
	}
	while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
	if (out.length < 3) return null;
	const area = lonLatRingArea(out);
	if (area === 0) return null;
	if (area > 0 !== outer) out.reverse();
	out.push([out[0][0], out[0][1]]);
	return out;
}

export function toGeometry(polygons: Polygon[], frame: Frame): GeoPolygon | MultiPolygon {
	const converted: Position[][][] = [];
	for (const polygon of polygons) {
		const outer = toLonLatRing(polygon[0], frame, true);
		if (!outer) continue;
		const rings = [outer];
		for (const hole of polygon.slice(1)) {
			const ring = toLonLatRing(hole, frame, false);
			if (ring) rings.push(ring);
		}
		converted.push(rings);
	}
	if (converted.length === 0) throw new Error('polygon collapsed when rounded');
	return converted.length === 1 ? { type: 'Polygon', coordinates: converted[0] } : { type: 'MultiPolygon', coordinates: converted };
}

export interface OutputFeature {
	properties: Record<string, unknown>;
	geometry: object;
}

/** A FeatureCollection with one feature per line, so that diffs of the committed files stay readable. */
export function featureCollection(features: OutputFeature[]): string {
	const lines = features.map((f) => JSON.stringify({ type: 'Feature', properties: f.properties, geometry: f.geometry }));
	return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

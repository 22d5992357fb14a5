import { Clipper, EndType, JoinType, type PathsD } from 'clipper2-ts';
import { booleanOp as engineBooleanOp, type BooleanOperation } from '../../src/lib/engine/clip';

/** A point in the generator's planar frame, metres (x east, y north). Same shape as Clipper's PointD. */
export interface Point {
	x: number;
	y: number;
}

/** A closed ring without the repeated last vertex. Outer rings counter-clockwise, holes clockwise. */
export type Ring = Point[];
/** Outer ring first, then holes. */
export type Polygon = Ring[];

export const pt = (x: number, y: number): Point => ({ x, y });
export const add = (a: Point, b: Point): Point => pt(a.x + b.x, a.y + b.y);
export const sub = (a: Point, b: Point): Point => pt(a.x - b.x, a.y - b.y);
export const scale = (a: Point, k: number): Point => pt(a.x * k, a.y * k);
export const dot = (a: Point, b: Point): number => a.x * b.x + a.y * b.y;
export const cross = (a: Point, b: Point): number => a.x * b.y - a.y * b.x;
export const length = (a: Point): number => Math.hypot(a.x, a.y);
export const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);
export const lerp = (a: Point, b: Point, t: number): Point => pt(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
/** Left-hand normal (rotated +90°). */
export const perp = (a: Point): Point => pt(-a.y, a.x);
export const rotate = (a: Point, angle: number): Point =>
	pt(a.x * Math.cos(angle) - a.y * Math.sin(angle), a.x * Math.sin(angle) + a.y * Math.cos(angle));

export function normalize(a: Point): Point {
	const l = length(a);
	return l === 0 ? pt(0, 0) : pt(a.x / l, a.y / l);
}

export function polylineLength(line: Point[]): number {
	let total = 0;
	for (let i = 1; i < line.length; i++) total += distance(line[i - 1], line[i]);
	return total;
}

/** Crossing of segments ab and cd: parameters along each and the point, or null if parallel. */
export function segmentIntersection(a: Point, b: Point, c: Point, d: Point): { t: number; u: number; point: Point } | null {
	const r = sub(b, a);
	const s = sub(d, c);
	const denominator = cross(r, s);
	if (Math.abs(denominator) < 1e-12 * (length(r) * length(s) + 1e-30)) return null;
	const ca = sub(c, a);
	const t = cross(ca, s) / denominator;
	const u = cross(ca, r) / denominator;
	return { t, u, point: lerp(a, b, t) };
}

/** Distance from p to segment ab, with the parameter of the closest point. */
export function pointSegmentDistance(p: Point, a: Point, b: Point): { distance: number; t: number } {
	const ab = sub(b, a);
	const l2 = dot(ab, ab);
	const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, dot(sub(p, a), ab) / l2));
	return { distance: distance(p, lerp(a, b, t)), t };
}

export function ringArea(ring: Ring): number {
	let area = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) area += ring[j].x * ring[i].y - ring[i].x * ring[j].y;
	return area / 2;
}

export function polygonArea(polygon: Polygon): number {
	return polygon.reduce((total, ring) => total + ringArea(ring), 0);
}

export function ringCentroid(ring: Ring): Point {
	let cx = 0;
	let cy = 0;
	let a = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const f = ring[j].x * ring[i].y - ring[i].x * ring[j].y;
		cx += (ring[j].x + ring[i].x) * f;
		cy += (ring[j].y + ring[i].y) * f;
		a += f;
	}
	return a === 0 ? ring[0] : pt(cx / (3 * a), cy / (3 * a));
}

export function pointInRing(p: Point, ring: Ring): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const a = ring[i];
		const b = ring[j];
		if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
	}
	return inside;
}

export function pointInPolygon(p: Point, polygon: Polygon): boolean {
	if (!pointInRing(p, polygon[0])) return false;
	for (let i = 1; i < polygon.length; i++) if (pointInRing(p, polygon[i])) return false;
	return true;
}

/** Smallest distance from p to any edge of the polygon. */
export function distanceToBoundary(p: Point, polygon: Polygon): number {
	let best = Infinity;
	for (const ring of polygon)
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) best = Math.min(best, pointSegmentDistance(p, ring[j], ring[i]).distance);
	return best;
}

/** Points strictly between a and b so that no piece is longer than maxLength (a and b not included). */
export function splitSegment(a: Point, b: Point, maxLength: number): Point[] {
	const n = Math.ceil(distance(a, b) / maxLength);
	const points: Point[] = [];
	for (let k = 1; k < n; k++) points.push(lerp(a, b, k / n));
	return points;
}

export function densifyLine(line: Point[], maxLength: number): Point[] {
	const out: Point[] = [line[0]];
	for (let i = 1; i < line.length; i++) {
		out.push(...splitSegment(line[i - 1], line[i], maxLength));
		out.push(line[i]);
	}
	return out;
}

export function densifyRing(ring: Ring, maxLength: number): Ring {
	const out: Ring = [];
	for (let i = 0; i < ring.length; i++) {
		const a = ring[i];
		const b = ring[(i + 1) % ring.length];
		out.push(a, ...splitSegment(a, b, maxLength));
	}
	return out;
}

/** Drops repeated and nearly repeated vertices and vertices on a straight line with their neighbours. */
export function cleanRing(ring: Ring, minEdge = 0.5, collinear = 0.05): Ring {
	let points = ring.filter((p, i) => distance(p, ring[(i + 1) % ring.length]) >= minEdge);
	let changed = true;
	while (changed && points.length > 3) {
		changed = false;
		for (let i = 0; i < points.length && points.length > 3; i++) {
			const a = points[(i + points.length - 1) % points.length];
			const b = points[i];
			const c = points[(i + 1) % points.length];
			if (pointSegmentDistance(b, a, c).distance < collinear || distance(a, b) < minEdge) {
				points = points.filter((_, k) => k !== i);
				changed = true;
			}
		}
	}
	return points;
}

/** Bounding box of points: [minX, minY, maxX, maxY]. */
export function bbox(points: Point[]): [number, number, number, number] {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const p of points) {
		if (p.x < minX) minX = p.x;
		if (p.y < minY) minY = p.y;
		if (p.x > maxX) maxX = p.x;
		if (p.y > maxY) maxY = p.y;
	}
	return [minX, minY, maxX, maxY];
}

/** Principal axis (unit vector) of a ring's vertices; the longer direction of the shape. */
export function principalAxis(ring: Ring): Point {
	const c = ringCentroid(ring);
	const dense = densifyRing(ring, 10);
	let sxx = 0;
	let syy = 0;
	let sxy = 0;
	for (const p of dense) {
		const dx = p.x - c.x;
		const dy = p.y - c.y;
		sxx += dx * dx;
		syy += dy * dy;
		sxy += dx * dy;
	}
	const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
	return pt(Math.cos(angle), Math.sin(angle));
}

/**
 * A point well inside the polygon (approximate pole of inaccessibility): the best of a grid of
 * candidates, refined once around the winner.
 */
export function interiorPoint(polygon: Polygon): Point {
	const [minX, minY, maxX, maxY] = bbox(polygon[0]);
	let best = ringCentroid(polygon[0]);
	let bestDistance = pointInPolygon(best, polygon) ? distanceToBoundary(best, polygon) : -1;
	let step = Math.max(maxX - minX, maxY - minY) / 12;
	let cx = (minX + maxX) / 2;
	let cy = (minY + maxY) / 2;
	let half = 6;
	for (let round = 0; round < 3; round++) {
		for (let i = -half; i <= half; i++)
			for (let j = -half; j <= half; j++) {
				const p = pt(cx + i * step, cy + j * step);
				if (!pointInPolygon(p, polygon)) continue;
				const d = distanceToBoundary(p, polygon);
				if (d > bestDistance) {
					bestDistance = d;
					best = p;
				}
			}
		cx = best.x;
		cy = best.y;
		step /= 4;
		half = 4;
	}
	return best;
}

// --- Clipper2 (planar metres; 3 decimals = millimetres): the engine's wrappers, plus offsetting ---

const PRECISION = 3;

const toPaths = (rings: Ring[]): PathsD => rings.map((ring) => ring.map((p) => ({ x: p.x, y: p.y })));

export function booleanOp(type: BooleanOperation, subject: Ring[], clip: Ring[] = []): Polygon[] {
	return engineBooleanOp(type, toPaths(subject), toPaths(clip)).map((polygon) => polygon.map((ring) => ring.map((p) => pt(p.x, p.y))));
}

/** Buffers open lines by `delta` (round ends and joins). */
export function bufferLines(lines: Point[][], delta: number): Ring[] {
	const paths = Clipper.inflatePathsD(toPaths(lines), delta, JoinType.Round, EndType.Round, 2, PRECISION, 0.5);
	return paths.map((path) => path.map((p) => pt(p.x, p.y)));
}

/** Grows (delta > 0) or shrinks (delta < 0) closed rings, mitred corners. */
export function offsetRings(rings: Ring[], delta: number, join: 'miter' | 'round' = 'miter'): Polygon[] {
	const paths = Clipper.inflatePathsD(toPaths(rings), delta, join === 'miter' ? JoinType.Miter : JoinType.Round, EndType.Polygon, 3, PRECISION, 0.5);
	return booleanOp('union', paths.map((path) => path.map((p) => pt(p.x, p.y))));
}

/** Douglas–Peucker simplification of a ring. */
export function simplifyRing(ring: Ring, tolerance: number): Ring {
	const path = Clipper.ramerDouglasPeuckerD([...ring, ring[0]].map((p) => ({ x: p.x, y: p.y })), tolerance);
	const out = path.map((p) => pt(p.x, p.y));
	if (out.length > 1 && distance(out[0], out[out.length - 1]) < 1e-9) out.pop();
	return out;
}

/** True if any two non-adjacent edges of the ring touch or cross. */
export function ringSelfIntersects(ring: Ring): boolean {
	const n = ring.length;
	for (let i = 0; i < n; i++) {
		const a = ring[i];
		const b = ring[(i + 1) % n];
		for (let j = i + 1; j < n; j++) {
			if (j === i || (j + 1) % n === i || j === (i + 1) % n) continue;
			const c = ring[j];
			const d = ring[(j + 1) % n];
			const hit = segmentIntersection(a, b, c, d);
			if (hit && hit.t >= -1e-9 && hit.t <= 1 + 1e-9 && hit.u >= -1e-9 && hit.u <= 1 + 1e-9) return true;
		}
	}
	return false;
}

import { Clipper, ClipType, FillRule, PolyTreeD, type PathD, type PathsD, type PolyPathD } from 'clipper2-ts';

/**
 * Planar polygon clipping in local metres, with Clipper2 (clipper2-ts). Turf 7's clipping
 * (polyclip-ts) is ~160× slower on this work and throws on some real-looking rings
 * (shared/PERFORMANCE.md); Clipper2 agrees with GEOS to 1e-6 of area there.
 *
 * Rings follow Clipper's convention in a y-up frame: outer rings counter-clockwise (positive
 * area), holes clockwise (negative), not closed (no repeated last vertex).
 */
export type PlanarRing = PathD;
/** One polygon: the outer ring first, then its holes. */
export type PlanarPolygon = PlanarRing[];

/** Clipper works on integers internally: 3 decimals keep millimetres. */
const PRECISION = 3;

export function ringArea(ring: PlanarRing): number {
	return Clipper.areaD(ring);
}

/** Net area of a set of oriented rings (holes subtract). */
export function ringsArea(rings: PathsD): number {
	return Clipper.areaPathsD(rings);
}

export function polygonsArea(polygons: PlanarPolygon[]): number {
	let total = 0;
	for (const polygon of polygons) total += ringsArea(polygon);
	return total;
}

/** Flattens polygons into one ring list for use as a Clipper subject or clip. */
export function polygonsToRings(polygons: PlanarPolygon[]): PathsD {
	return polygons.flat();
}

/**
 * Orients a GeoJSON polygon's rings (already projected, possibly closed) the Clipper way:
 * the first ring positive, the others negative, closing vertex and repeated vertices dropped.
 * Rings with fewer than three distinct vertices are left out.
 */
export function orientPolygon(rings: number[][][]): PlanarPolygon {
	const polygon: PlanarPolygon = [];
	rings.forEach((ring, index) => {
		const path: PathD = [];
		for (const [x, y] of ring) {
			const last = path[path.length - 1];
			if (last && last.x === x && last.y === y) continue;
			path.push({ x, y });
		}
		const first = path[0];
		const last = path[path.length - 1];
		if (path.length > 1 && first.x === last.x && first.y === last.y) path.pop();
		if (path.length < 3) return;
		const positive = Clipper.areaD(path) > 0;
		if ((index === 0) !== positive) path.reverse();
		polygon.push(path);
	});
	return polygon;
}

export type BooleanOperation = 'union' | 'difference' | 'intersection';

const CLIP_TYPES: Record<BooleanOperation, ClipType> = {
	union: ClipType.Union,
	difference: ClipType.Difference,
	intersection: ClipType.Intersection
};

/** A Clipper boolean operation with NonZero fill (overlapping rings union), as polygons with holes. */
export function booleanOp(operation: BooleanOperation, subject: PathsD, clip: PathsD | null = null): PlanarPolygon[] {
	const tree = new PolyTreeD();
	Clipper.booleanOpDWithPolyTree(CLIP_TYPES[operation], subject, clip && clip.length ? clip : null, tree, FillRule.NonZero, PRECISION);
	return treeToPolygons(tree);
}

/** Subject minus the union of the clips. */
export const subtract = (subject: PathsD, clips: PathsD) => booleanOp('difference', subject, clips);

/** Union of rings (resolves overlapping parts of a MultiPolygon and self-overlaps). */
export const unite = (rings: PathsD) => booleanOp('union', rings);

function treeToPolygons(tree: PolyTreeD): PlanarPolygon[] {
	const polygons: PlanarPolygon[] = [];
	const visitOuter = (outer: PolyPathD) => {
		const polygon: PlanarPolygon = [orient(outer.poly ?? [], true)];
		for (let i = 0; i < outer.count; i++) {
			const hole = outer.child(i);
			polygon.push(orient(hole.poly ?? [], false));
			for (let j = 0; j < hole.count; j++) visitOuter(hole.child(j));
		}
		polygons.push(polygon);
	};
	for (let i = 0; i < tree.count; i++) visitOuter(tree.child(i));
	return polygons;
}

function orient(path: PathD, positive: boolean): PathD {
	return Clipper.areaD(path) > 0 === positive ? path : [...path].reverse();
}

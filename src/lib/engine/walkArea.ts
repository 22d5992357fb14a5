import { Clipper, EndType, JoinType, type PathD, type PathsD } from 'clipper2-ts';
import Flatbush from 'flatbush';
import { unite, type PlanarPolygon } from './clip';
import { CIRCLE_RADIUS_FACTOR, CIRCLE_VERTICES } from './geodesic';
import type { Reach, WalkingNetwork } from './network';

/**
 * The walking service area of a network search, as geometry (README, "Walking service areas"):
 * a person walks from the door to the network (that leg is in the search's source cost), along the
 * network, then at most `accessM` straight off it, all within the budget `reach.cutoffM`.
 *
 * The set is the union over reached network points q of a disc of radius min(access, budget − d(q)).
 * Along a segment the radius shrinks as fast as d grows, and a disc of radius r − δ at distance δ
 * lies inside the disc of radius r, so the set equals:
 * - `polylines`: the network parts with at least `accessM` of budget left (partial segments up to
 *   that point), widened by `accessM` (round caps and joins), plus
 * - `discs`: a smaller disc at frontier points (nodes or sources) where less than `accessM` is left
 *   and no predecessor on the shortest path had `accessM` left (otherwise the widened part holds it).
 */
export interface WalkGeometry {
	accessM: number;
	polylines: PathsD;
	discs: { x: number; y: number; radiusM: number }[];
}

/** Chains are cut after this many vertices so tiles (see `tiledWalkPolygons`) stay local. */
const MAX_POLYLINE_VERTICES = 24;

/** Tolerance for "on the shortest path" comparisons of summed lengths (m). */
const EPSILON_M = 1e-6;

export function walkGeometry(network: WalkingNetwork, reach: Reach, accessM: number): WalkGeometry {
	const budget = reach.cutoffM;
	const widened = budget - accessM;
	const { distance } = reach;
	const { offsets, edgeSegments, neighbours, segmentFrom, segmentTo, segmentLength, segmentLine, nodeX, nodeY } = network;

	// Segments touched by the search: incident to a reached node, or holding a source.
	const touched = new Set<number>();
	for (let i = 0; i < reach.reachedCount; i++) {
		const node = reach.reached[i];
		for (let e = offsets[node]; e < offsets[node + 1]; e++) touched.add(edgeSegments[e]);
	}
	const sourcesBySegment = new Map<number, { position: number; costM: number }[]>();
	for (const { snap, costM } of reach.sources) {
		touched.add(snap.segment);
		const list = sourcesBySegment.get(snap.segment) ?? [];
		list.push({ position: snap.t * segmentLength[snap.segment], costM });
		sourcesBySegment.set(snap.segment, list);
	}
	const ordered = Int32Array.from(touched).sort();

	const polylines: PathsD = [];
	let open: PathD | undefined;
	let openSegment = -2;
	for (const segment of ordered) {
		const a = segmentFrom[segment];
		const b = segmentTo[segment];
		const length = segmentLength[segment];
		const intervals: [number, number][] = [];
		if (reach.isReached(a) && distance[a] <= widened) intervals.push([0, Math.min(length, widened - distance[a])]);
		if (reach.isReached(b) && distance[b] <= widened) intervals.push([Math.max(0, length - (widened - distance[b])), length]);
		for (const source of sourcesBySegment.get(segment) ?? []) {
			if (source.costM > widened) continue;
			const spare = widened - source.costM;
			intervals.push([Math.max(0, source.position - spare), Math.min(length, source.position + spare)]);
		}
		if (intervals.length === 0) continue;
		intervals.sort((p, q) => p[0] - q[0]);
		const merged: [number, number][] = [];
		for (const interval of intervals) {
			const last = merged[merged.length - 1];
			if (last && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
			else merged.push([interval[0], interval[1]]);
		}
		const ax = nodeX[a];
		const ay = nodeY[a];
		const dx = length > 0 ? (nodeX[b] - ax) / length : 0;
		const dy = length > 0 ? (nodeY[b] - ay) / length : 0;
		for (const [start, end] of merged) {
			const continues = open && open.length < MAX_POLYLINE_VERTICES && start === 0 && openSegment === segment - 1 && segmentLine[segment] === segmentLine[segment - 1];
			if (continues && open) {
				open.push({ x: ax + dx * end, y: ay + dy * end });
			} else {
				open = [
					{ x: ax + dx * start, y: ay + dy * start },
					{ x: ax + dx * end, y: ay + dy * end }
				];
				polylines.push(open);
			}
			openSegment = end >= length ? segment : -2;
			if (end < length) open = undefined;
		}
	}

	const discs: WalkGeometry['discs'] = [];
	for (let i = 0; i < reach.reachedCount; i++) {
		const node = reach.reached[i];
		const left = budget - distance[node];
		if (left <= 0 || distance[node] <= widened) continue;
		let covered = false;
		for (let e = offsets[node]; e < offsets[node + 1] && !covered; e++) {
			const other = neighbours[e];
			covered =
				reach.isReached(other) && distance[other] <= widened && distance[other] + segmentLength[edgeSegments[e]] <= distance[node] + EPSILON_M;
		}
		if (!covered) discs.push({ x: nodeX[node], y: nodeY[node], radiusM: left });
	}
	for (const { snap, costM } of reach.sources) {
		if (costM > widened && costM < budget) discs.push({ x: snap.x, y: snap.y, radiusM: budget - costM });
	}
	return { accessM, polylines, discs };
}

/**
 * Arc tolerance of the widened network (m): round caps and joins deviate from true arcs by at most
 * this (≈ 70 vertices per full turn at a 100 m access distance; only the round parts lose area, a few
 * hundredths of a percent of the whole). Finer tolerances cost Clipper's offsetting 2–3× the time
 * on the demo (0.02 m: 0.96 s against 0.47 s for the whole town's 15-minute reach, measured).
 */
export const WALK_ARC_TOLERANCE_M = 0.1;

/** A disc as a polygon with the same area as the true disc (the circles' area-preserving radius factor). */
export function discRing(x: number, y: number, radiusM: number): PathD {
	const ring: PathD = [];
	const vertexRadius = radiusM * CIRCLE_RADIUS_FACTOR;
	for (let i = 0; i < CIRCLE_VERTICES; i++) {
		const angle = (2 * Math.PI * i) / CIRCLE_VERTICES;
		ring.push({ x: x + vertexRadius * Math.cos(angle), y: y + vertexRadius * Math.sin(angle) });
	}
	return ring;
}

/** The walking service area as polygons in local metres (outer rings counter-clockwise, holes clockwise). */
export function walkPolygons(geometry: WalkGeometry): PlanarPolygon[] {
	const rings: PathsD = [];
	if (geometry.polylines.length > 0 && geometry.accessM > 0) {
		const widened = Clipper.inflatePathsD(geometry.polylines, geometry.accessM, JoinType.Round, EndType.Round, 2, 3, WALK_ARC_TOLERANCE_M);
		for (const ring of widened) rings.push(ring);
	}
	for (const disc of geometry.discs) rings.push(discRing(disc.x, disc.y, disc.radiusM));
	if (rings.length === 0) return [];
	return unite(rings);
}

/**
 * The same area cut into square tiles of `tileM` by where each piece starts, each tile united on its
 * own: a city-wide reach becomes many small clip polygons, so clipping one residential area only
 * meets the pieces near it. Pieces of neighbouring tiles overlap; clipping treats them as a union.
 */
export function tiledWalkPolygons(geometry: WalkGeometry, tileM: number): PlanarPolygon[][] {
	const tiles = new Map<string, WalkGeometry>();
	const tileOf = (x: number, y: number) => {
		const key = `${Math.floor(x / tileM)},${Math.floor(y / tileM)}`;
		let tile = tiles.get(key);
		if (!tile) tiles.set(key, (tile = { accessM: geometry.accessM, polylines: [], discs: [] }));
		return tile;
	};
	for (const polyline of geometry.polylines) tileOf(polyline[0].x, polyline[0].y).polylines.push(polyline);
	for (const disc of geometry.discs) tileOf(disc.x, disc.y).discs.push(disc);
	return [...tiles.values()].map(walkPolygons);
}

/** Vertices on each half-circle end of a capsule: inscribed arcs lose 0.07 % of the round parts' area. */
const CAPSULE_ARC_VERTICES = 48;

/**
 * The walking area as convex pieces for clipping: each widened segment is a capsule (the segment's
 * points within `radiusM`), each frontier disc a capsule of length 0. Their union is the walking area,
 * so a residential area can be tested against the few pieces near it (wholly inside one, or clipped by
 * those it meets) without building the city-wide union first.
 */
export interface WalkPieces {
	count: number;
	ax: Float64Array;
	ay: Float64Array;
	bx: Float64Array;
	by: Float64Array;
	radius: Float64Array;
	index: Flatbush | undefined;
}

export function walkPieces(geometry: WalkGeometry): WalkPieces {
	let count = geometry.discs.length;
	if (geometry.accessM > 0) for (const polyline of geometry.polylines) count += polyline.length - 1;
	const pieces: WalkPieces = {
		count,
		ax: new Float64Array(count),
		ay: new Float64Array(count),
		bx: new Float64Array(count),
		by: new Float64Array(count),
		radius: new Float64Array(count),
		index: count > 0 ? new Flatbush(count) : undefined
	};
	let k = 0;
	const add = (ax: number, ay: number, bx: number, by: number, radius: number) => {
		pieces.ax[k] = ax;
		pieces.ay[k] = ay;
		pieces.bx[k] = bx;
		pieces.by[k] = by;
		pieces.radius[k++] = radius;
		pieces.index!.add(Math.min(ax, bx) - radius, Math.min(ay, by) - radius, Math.max(ax, bx) + radius, Math.max(ay, by) + radius);
	};
	if (geometry.accessM > 0)
		for (const polyline of geometry.polylines)
			for (let i = 1; i < polyline.length; i++) add(polyline[i - 1].x, polyline[i - 1].y, polyline[i].x, polyline[i].y, geometry.accessM);
	for (const disc of geometry.discs) add(disc.x, disc.y, disc.x, disc.y, disc.radiusM);
	pieces.index?.finish();
	return pieces;
}

/** Squared distance from (x, y) to piece k's segment. */
function pieceDistanceSquared(pieces: WalkPieces, k: number, x: number, y: number): number {
	const ax = pieces.ax[k];
	const ay = pieces.ay[k];
	const dx = pieces.bx[k] - ax;
	const dy = pieces.by[k] - ay;
	const lengthSquared = dx * dx + dy * dy;
	const t = lengthSquared > 0 ? Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / lengthSquared)) : 0;
	const ex = ax + t * dx - x;
	const ey = ay + t * dy - y;
	return ex * ex + ey * ey;
}

/** Piece k as a counter-clockwise ring: half-circles around both ends joined by the straight sides. */
export function capsuleRing(pieces: WalkPieces, k: number): PathD {
	const ax = pieces.ax[k];
	const ay = pieces.ay[k];
	const bx = pieces.bx[k];
	const by = pieces.by[k];
	const radius = pieces.radius[k];
	if (ax === bx && ay === by) return discRing(ax, ay, radius);
	const heading = Math.atan2(by - ay, bx - ax);
	const ring: PathD = [];
	for (const [cx, cy, start] of [
		[bx, by, heading - Math.PI / 2],
		[ax, ay, heading + Math.PI / 2]
	]) {
		for (let i = 0; i <= CAPSULE_ARC_VERTICES; i++) {
			const angle = start + (Math.PI * i) / CAPSULE_ARC_VERTICES;
			ring.push({ x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle) });
		}
	}
	return ring;
}

/**
 * The pieces that can touch a box, and whether one of them holds every given vertex (then, being
 * convex, it holds the polygon whole: 1 mm allowance for rounding).
 */
export function piecesNear(pieces: WalkPieces, bbox: [number, number, number, number], vertices: PathD[]): { near: number[]; holdsAll: boolean } {
	if (!pieces.index) return { near: [], holdsAll: false };
	const near = pieces.index.search(...bbox);
	for (const k of near) {
		const limit = (pieces.radius[k] - 0.001) ** 2;
		if (limit <= 0) continue;
		let all = true;
		for (const ring of vertices) {
			for (const point of ring) {
				if (pieceDistanceSquared(pieces, k, point.x, point.y) > limit) {
					all = false;
					break;
				}
			}
			if (!all) break;
		}
		if (all) return { near, holdsAll: true };
	}
	return { near, holdsAll: false };
}

/**
 * Clipping a compound by many capsules one by one costs more than clipping it by the united walking
 * area once that exists, but uniting a city's walk costs seconds. Measured: the demo's large
 * compounds (≈ 25 vertices, 26 pieces near on average) take 2.3 s by capsules against 0.56 s by
 * tiles of the united area; the synthetic city's small ones (5 vertices) take 0.7 s by capsules
 * against 5 s once the united area is built. So a compound goes to the united area only when both
 * many pieces are near it and it has many vertices.
 */
export const CAPSULES_AT_MOST = 24;
export const FEW_VERTICES = 12;

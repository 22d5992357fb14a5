import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import type { LocalProjection } from './projection';
import type { PathFeature } from './types';

/**
 * The walking network as a compact routable graph in typed arrays, in local metres.
 *
 * Nodes are distinct vertices of `paths.geojson`: lines connect where they share a vertex (exact
 * coordinates), as in OSM, so a bridge drawn over a road without a shared node does not connect to it.
 * Every pair of consecutive vertices is one undirected segment; adjacency is stored as CSR
 * (compressed sparse rows: `offsets[n]..offsets[n+1]` index `neighbours`, `edgeSegments`).
 * Segments keep their drawing order, so consecutive segments of one line can be chained again.
 */
export interface WalkingNetwork {
	nodeCount: number;
	nodeX: Float64Array;
	nodeY: Float64Array;
	segmentCount: number;
	segmentFrom: Int32Array;
	segmentTo: Int32Array;
	segmentLength: Float64Array;
	/** Index of the source line of each segment (consecutive segments of one line continue each other). */
	segmentLine: Int32Array;
	offsets: Int32Array;
	neighbours: Int32Array;
	edgeSegments: Int32Array;
	/** Segments by bounding box, to snap points to the nearest one. */
	segmentIndex: Flatbush | undefined;
	/**
	 * Places where two segments cross without a shared vertex. In OSM these are bridges and tunnels and
	 * must stay apart; in hand-drawn data they are usually forgotten junctions (see `nodeCrossings`).
	 */
	crossings: number;
	/** Whether those crossings were made junctions on import. */
	noded: boolean;
}

export interface NetworkOptions {
	/** Join lines where they cross without a shared vertex (hand-drawn data); off for OSM-like data. */
	nodeCrossings?: boolean;
}

/** Where a point meets the network: the nearest point of the nearest segment, and the straight leg to it. */
export interface NetworkSnap {
	segment: number;
	/** Position along the segment from its `from` node, 0–1. */
	t: number;
	x: number;
	y: number;
	/** Straight distance from the point to the network (m): the access leg, which counts against the budget. */
	distanceM: number;
}

/** Builds the graph from the dataset's path lines, projected into the dataset's local frame. */
export function buildWalkingNetwork(paths: PathFeature[], projection: LocalProjection, options: NetworkOptions = {}): WalkingNetwork {
	const nodeIds = new Map<string, number>();
	const xs: number[] = [];
	const ys: number[] = [];
	const from: number[] = [];
	const to: number[] = [];
	const lineOf: number[] = [];
	let line = 0;
	const nodeOf = (position: Position): number => {
		const key = `${position[0]},${position[1]}`;
		let id = nodeIds.get(key);
		if (id === undefined) {
			id = xs.length;
			nodeIds.set(key, id);
			const [x, y] = projection.forward(position);
			xs.push(x);
			ys.push(y);
		}
		return id;
	};
	for (const feature of paths) {
		const geometry = feature.geometry;
		if (!geometry) continue;
		const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.type === 'MultiLineString' ? geometry.coordinates : [];
		for (const coordinates of lines) {
			let previous = -1;
			for (const position of coordinates) {
				const node = nodeOf(position);
				if (previous >= 0 && node !== previous) {
					from.push(previous);
					to.push(node);
					lineOf.push(line);
				}
				previous = node;
			}
			line++;
		}
	}
	const crossings = findCrossings(xs, ys, from, to);
	if (options.nodeCrossings && crossings.length > 0) splitAtCrossings(crossings, xs, ys, from, to, lineOf);
	const nodeCount = xs.length;
	const segmentCount = from.length;
	const nodeX = Float64Array.from(xs);
	const nodeY = Float64Array.from(ys);
	const segmentFrom = Int32Array.from(from);
	const segmentTo = Int32Array.from(to);
	const segmentLength = new Float64Array(segmentCount);
	const degree = new Int32Array(nodeCount + 1);
	for (let s = 0; s < segmentCount; s++) {
		segmentLength[s] = Math.hypot(nodeX[segmentTo[s]] - nodeX[segmentFrom[s]], nodeY[segmentTo[s]] - nodeY[segmentFrom[s]]);
		degree[segmentFrom[s] + 1]++;
		degree[segmentTo[s] + 1]++;
	}
	const offsets = new Int32Array(nodeCount + 1);
	for (let n = 0; n < nodeCount; n++) offsets[n + 1] = offsets[n] + degree[n + 1];
	const fill = offsets.slice(0, nodeCount);
	const neighbours = new Int32Array(2 * segmentCount);
	const edgeSegments = new Int32Array(2 * segmentCount);
	for (let s = 0; s < segmentCount; s++) {
		const a = segmentFrom[s];
		const b = segmentTo[s];
		neighbours[fill[a]] = b;
		edgeSegments[fill[a]++] = s;
		neighbours[fill[b]] = a;
		edgeSegments[fill[b]++] = s;
	}
	let segmentIndex: Flatbush | undefined;
	if (segmentCount > 0) {
		segmentIndex = new Flatbush(segmentCount);
		for (let s = 0; s < segmentCount; s++) {
			const ax = nodeX[segmentFrom[s]];
			const ay = nodeY[segmentFrom[s]];
			const bx = nodeX[segmentTo[s]];
			const by = nodeY[segmentTo[s]];
			segmentIndex.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
		}
		segmentIndex.finish();
	}
	return {
		nodeCount,
		nodeX,
		nodeY,
		segmentCount,
		segmentFrom,
		segmentTo,
		segmentLength,
		segmentLine: Int32Array.from(lineOf),
		offsets,
		neighbours,
		edgeSegments,
		segmentIndex,
		crossings: crossings.length,
		noded: !!options.nodeCrossings && crossings.length > 0
	};
}

/** A proper crossing of segments a and b at parameters ta, tb (both strictly inside). */
interface Crossing {
	a: number;
	b: number;
	ta: number;
	tb: number;
}

/** Pairs of segments that cross in their interiors (not at a shared or touching vertex). */
function findCrossings(xs: number[], ys: number[], from: number[], to: number[]): Crossing[] {
	const count = from.length;
	if (count < 2) return [];
	const index = new Flatbush(count);
	for (let s = 0; s < count; s++)
		index.add(Math.min(xs[from[s]], xs[to[s]]), Math.min(ys[from[s]], ys[to[s]]), Math.max(xs[from[s]], xs[to[s]]), Math.max(ys[from[s]], ys[to[s]]));
	index.finish();
	const crossings: Crossing[] = [];
	const EDGE = 1e-9;
	for (let a = 0; a < count; a++) {
		const ax = xs[from[a]];
		const ay = ys[from[a]];
		const rx = xs[to[a]] - ax;
		const ry = ys[to[a]] - ay;
		for (const b of index.search(Math.min(ax, ax + rx), Math.min(ay, ay + ry), Math.max(ax, ax + rx), Math.max(ay, ay + ry))) {
			if (b <= a || from[a] === from[b] || from[a] === to[b] || to[a] === from[b] || to[a] === to[b]) continue;
			const bx = xs[from[b]];
			const by = ys[from[b]];
			const sx = xs[to[b]] - bx;
			const sy = ys[to[b]] - by;
			const denominator = rx * sy - ry * sx;
			if (denominator === 0) continue; // parallel or collinear: no single crossing point
			const ta = ((bx - ax) * sy - (by - ay) * sx) / denominator;
			const tb = ((bx - ax) * ry - (by - ay) * rx) / denominator;
			if (ta > EDGE && ta < 1 - EDGE && tb > EDGE && tb < 1 - EDGE) crossings.push({ a, b, ta, tb });
		}
	}
	return crossings;
}

/** Splits crossing segments at new shared nodes (in place), keeping each piece on its line. */
function splitAtCrossings(crossings: Crossing[], xs: number[], ys: number[], from: number[], to: number[], lineOf: number[]) {
	const cuts = new Map<number, { t: number; node: number }[]>();
	for (const { a, b, ta, tb } of crossings) {
		const node = xs.length;
		xs.push(xs[from[a]] + ta * (xs[to[a]] - xs[from[a]]));
		ys.push(ys[from[a]] + ta * (ys[to[a]] - ys[from[a]]));
		(cuts.get(a) ?? cuts.set(a, []).get(a)!).push({ t: ta, node });
		(cuts.get(b) ?? cuts.set(b, []).get(b)!).push({ t: tb, node });
	}
	const newFrom: number[] = [];
	const newTo: number[] = [];
	const newLine: number[] = [];
	for (let s = 0; s < from.length; s++) {
		const list = cuts.get(s)?.sort((p, q) => p.t - q.t) ?? [];
		let start = from[s];
		for (const { node } of list) {
			newFrom.push(start);
			newTo.push(node);
			newLine.push(lineOf[s]);
			start = node;
		}
		newFrom.push(start);
		newTo.push(to[s]);
		newLine.push(lineOf[s]);
	}
	// Replace in place without spreading (argument lists this long overflow the stack).
	from.length = to.length = lineOf.length = 0;
	for (let i = 0; i < newFrom.length; i++) {
		from.push(newFrom[i]);
		to.push(newTo[i]);
		lineOf.push(newLine[i]);
	}
}

/**
 * The nearest point of the network to (x, y), or undefined for an empty network. Searches a growing
 * box: any segment closer than the box's half-width has a bounding box meeting it, so the answer is exact.
 */
export function snapToNetwork(network: WalkingNetwork, x: number, y: number): NetworkSnap | undefined {
	const index = network.segmentIndex;
	if (!index) return undefined;
	let best: NetworkSnap | undefined;
	for (let half = 64; ; half *= 4) {
		for (const segment of index.search(x - half, y - half, x + half, y + half)) {
			const candidate = nearestOnSegment(network, segment, x, y);
			if (!best || candidate.distanceM < best.distanceM) best = candidate;
		}
		if (best && best.distanceM <= half) return best;
		if (half > 1e7) return best ?? nearestOnSegment(network, 0, x, y);
	}
}

function nearestOnSegment(network: WalkingNetwork, segment: number, x: number, y: number): NetworkSnap {
	const ax = network.nodeX[network.segmentFrom[segment]];
	const ay = network.nodeY[network.segmentFrom[segment]];
	const dx = network.nodeX[network.segmentTo[segment]] - ax;
	const dy = network.nodeY[network.segmentTo[segment]] - ay;
	const lengthSquared = dx * dx + dy * dy;
	const t = lengthSquared > 0 ? Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / lengthSquared)) : 0;
	const px = ax + t * dx;
	const py = ay + t * dy;
	return { segment, t, x: px, y: py, distanceM: Math.hypot(x - px, y - py) };
}

/** A start of a search: a snapped point and the cost already spent reaching it (the access leg). */
export interface SearchSource {
	snap: NetworkSnap;
	costM: number;
}

/**
 * The network distances a search found: `distance[node]` is valid for the nodes listed in `reached`
 * (all within the cutoff). Arrays are reused by the next search of the same `NetworkSearch`.
 */
export interface Reach {
	cutoffM: number;
	sources: SearchSource[];
	reached: Int32Array;
	reachedCount: number;
	distance: Float64Array;
	/** True for the nodes in `reached`, by node. */
	isReached(node: number): boolean;
}

/**
 * Dijkstra with a binary heap and a distance cutoff over a `WalkingNetwork`. The working arrays are
 * allocated once and reset only where a search touched them, so a 15-minute search on a city graph
 * costs what it reaches, not the graph's size.
 */
export class NetworkSearch {
	private readonly distance: Float64Array;
	private readonly stamp: Int32Array;
	private readonly settled: Int32Array;
	private generation = 0;
	private heapNodes: Int32Array;
	private heapKeys: Float64Array;
	private reached: Int32Array;

	constructor(readonly network: WalkingNetwork) {
		this.distance = new Float64Array(network.nodeCount);
		this.stamp = new Int32Array(network.nodeCount);
		this.settled = new Int32Array(network.nodeCount);
		this.heapNodes = new Int32Array(1024);
		this.heapKeys = new Float64Array(1024);
		this.reached = new Int32Array(1024);
	}

	/** Shortest network distance from the nearest source to every node within `cutoffM`. */
	search(sources: SearchSource[], cutoffM: number): Reach {
		const { network, distance, stamp, settled } = this;
		const generation = ++this.generation;
		let heapSize = 0;
		let reachedCount = 0;
		const push = (node: number, key: number) => {
			if (heapSize === this.heapNodes.length) {
				const nodes = new Int32Array(heapSize * 2);
				nodes.set(this.heapNodes);
				const keys = new Float64Array(heapSize * 2);
				keys.set(this.heapKeys);
				this.heapNodes = nodes;
				this.heapKeys = keys;
			}
			const nodes = this.heapNodes;
			const keys = this.heapKeys;
			let i = heapSize++;
			while (i > 0) {
				const parent = (i - 1) >> 1;
				if (keys[parent] <= key) break;
				nodes[i] = nodes[parent];
				keys[i] = keys[parent];
				i = parent;
			}
			nodes[i] = node;
			keys[i] = key;
		};
		const relax = (node: number, key: number) => {
			if (key > cutoffM) return;
			if (stamp[node] === generation && distance[node] <= key) return;
			stamp[node] = generation;
			distance[node] = key;
			push(node, key);
		};
		for (const { snap, costM } of sources) {
			const length = network.segmentLength[snap.segment];
			relax(network.segmentFrom[snap.segment], costM + snap.t * length);
			relax(network.segmentTo[snap.segment], costM + (1 - snap.t) * length);
		}
		const { offsets, neighbours, edgeSegments, segmentLength } = network;
		while (heapSize > 0) {
			const nodes = this.heapNodes;
			const keys = this.heapKeys;
			const node = nodes[0];
			const key = keys[0];
			// Pop: move the last entry down from the root.
			heapSize--;
			if (heapSize > 0) {
				const lastNode = nodes[heapSize];
				const lastKey = keys[heapSize];
				let i = 0;
				for (;;) {
					let child = 2 * i + 1;
					if (child >= heapSize) break;
					if (child + 1 < heapSize && keys[child + 1] < keys[child]) child++;
					if (keys[child] >= lastKey) break;
					nodes[i] = nodes[child];
					keys[i] = keys[child];
					i = child;
				}
				nodes[i] = lastNode;
				keys[i] = lastKey;
			}
			if (settled[node] === generation || key > distance[node]) continue;
			settled[node] = generation;
			if (reachedCount === this.reached.length) {
				const grown = new Int32Array(reachedCount * 2);
				grown.set(this.reached);
				this.reached = grown;
			}
			this.reached[reachedCount++] = node;
			for (let e = offsets[node]; e < offsets[node + 1]; e++) relax(neighbours[e], key + segmentLength[edgeSegments[e]]);
		}
		return {
			cutoffM,
			sources,
			reached: this.reached,
			reachedCount,
			distance,
			isReached: (node) => settled[node] === generation
		};
	}
}

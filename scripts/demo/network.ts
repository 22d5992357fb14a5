import Flatbush from 'flatbush';
import { distance, pointSegmentDistance, segmentIntersection, type Point } from './geometry';

/**
 * Nodes a set of lines the way OSM data is noded: wherever two lines cross or one ends on another,
 * both get the same vertex (the very same coordinates), so a router can connect them there.
 * Vertices closer than `tolerance` metres are first snapped together. Returns new point arrays in
 * the same order; the inputs are not modified.
 */
export function nodeLines(lines: Point[][], tolerance = 1e-3): Point[][] {
	let result = snapVertices(lines, tolerance);
	for (let pass = 0; pass < 2; pass++) result = insertJunctions(result, tolerance);
	return result;
}

const key = (p: Point) => `${p.x},${p.y}`;
const same = (a: Point, b: Point) => a.x === b.x && a.y === b.y;

function snapVertices(lines: Point[][], tolerance: number): Point[][] {
	const cells = new Map<string, Point[]>();
	const cellKey = (i: number, j: number) => `${i}:${j}`;
	const snap = (p: Point): Point => {
		const i = Math.floor(p.x / tolerance);
		const j = Math.floor(p.y / tolerance);
		for (let di = -1; di <= 1; di++)
			for (let dj = -1; dj <= 1; dj++)
				for (const q of cells.get(cellKey(i + di, j + dj)) ?? []) if (distance(p, q) < tolerance) return q;
		const list = cells.get(cellKey(i, j));
		if (list) list.push(p);
		else cells.set(cellKey(i, j), [p]);
		return p;
	};
	return lines.map((line) => {
		const out: Point[] = [];
		for (const p of line) {
			const q = snap(p);
			if (out.length === 0 || !same(out[out.length - 1], q)) out.push(q);
		}
		return out;
	});
}

interface Insertion {
	t: number;
	point: Point;
}

function insertJunctions(lines: Point[][], tolerance: number): Point[][] {
	const segmentLine: number[] = [];
	const segmentStart: number[] = [];
	lines.forEach((line, lineIndex) => {
		for (let i = 0; i + 1 < line.length; i++) {
			segmentLine.push(lineIndex);
			segmentStart.push(i);
		}
	});
	if (segmentLine.length === 0) return lines;
	const index = new Flatbush(segmentLine.length);
	for (let s = 0; s < segmentLine.length; s++) {
		const a = lines[segmentLine[s]][segmentStart[s]];
		const b = lines[segmentLine[s]][segmentStart[s] + 1];
		index.add(Math.min(a.x, b.x) - tolerance, Math.min(a.y, b.y) - tolerance, Math.max(a.x, b.x) + tolerance, Math.max(a.y, b.y) + tolerance);
	}
	index.finish();

	const insertions = new Map<number, Insertion[]>();
	const insert = (segment: number, point: Point) => {
		const a = lines[segmentLine[segment]][segmentStart[segment]];
		const b = lines[segmentLine[segment]][segmentStart[segment] + 1];
		if (same(point, a) || same(point, b)) return;
		const { t } = pointSegmentDistance(point, a, b);
		const list = insertions.get(segment) ?? [];
		if (!list.some((entry) => same(entry.point, point))) list.push({ t, point });
		insertions.set(segment, list);
	};

	for (let s1 = 0; s1 < segmentLine.length; s1++) {
		const line1 = lines[segmentLine[s1]];
		const a = line1[segmentStart[s1]];
		const b = line1[segmentStart[s1] + 1];
		const candidates = index.search(
			Math.min(a.x, b.x) - tolerance,
			Math.min(a.y, b.y) - tolerance,
			Math.max(a.x, b.x) + tolerance,
			Math.max(a.y, b.y) + tolerance
		);
		for (const s2 of candidates) {
			if (s2 <= s1) continue;
			const c = lines[segmentLine[s2]][segmentStart[s2]];
			const d = lines[segmentLine[s2]][segmentStart[s2] + 1];
			if (same(a, c) || same(a, d) || same(b, c) || same(b, d)) continue;
			let touched = false;
			for (const [p, segment, u, v] of [
				[a, s2, c, d],
				[b, s2, c, d],
				[c, s1, a, b],
				[d, s1, a, b]
			] as const) {
				if (pointSegmentDistance(p, u, v).distance < tolerance) {
					insert(segment, p);
					touched = true;
				}
			}
			if (touched) continue;
			const hit = segmentIntersection(a, b, c, d);
			if (!hit || hit.t <= 0 || hit.t >= 1 || hit.u <= 0 || hit.u >= 1) continue;
			insert(s1, hit.point);
			insert(s2, hit.point);
		}
	}

	let segment = 0;
	return lines.map((line) => {
		if (line.length < 2) return line;
		const out: Point[] = [line[0]];
		for (let i = 0; i + 1 < line.length; i++, segment++) {
			const extra = (insertions.get(segment) ?? []).sort((p, q) => p.t - q.t);
			for (const { point } of extra) if (!same(out[out.length - 1], point)) out.push(point);
			if (!same(out[out.length - 1], line[i + 1])) out.push(line[i + 1]);
		}
		return out;
	});
}

/** Connected components of lines that share exact vertices: a component id per line. */
export function lineComponents(lines: Point[][]): number[] {
	const parent = new Map<string, string>();
	const find = (k: string): string => {
		let root = k;
		while (parent.get(root) !== root) root = parent.get(root) as string;
		let node = k;
		while (node !== root) {
			const next = parent.get(node) as string;
			parent.set(node, root);
			node = next;
		}
		return root;
	};
	for (const line of lines)
		for (const p of line) if (!parent.has(key(p))) parent.set(key(p), key(p));
	for (const line of lines)
		for (let i = 1; i < line.length; i++) {
			const ra = find(key(line[i - 1]));
			const rb = find(key(line[i]));
			if (ra !== rb) parent.set(ra, rb);
		}
	const ids = new Map<string, number>();
	return lines.map((line) => {
		const root = find(key(line[0]));
		if (!ids.has(root)) ids.set(root, ids.size);
		return ids.get(root) as number;
	});
}

import Flatbush from 'flatbush';
import {
	add,
	bbox,
	booleanOp,
	bufferLines,
	cleanRing,
	cross,
	distance,
	dot,
	interiorPoint,
	lerp,
	normalize,
	offsetRings,
	perp,
	pointInPolygon,
	pointInRing,
	pointSegmentDistance,
	polygonArea,
	polylineLength,
	principalAxis,
	pt,
	ringArea,
	ringCentroid,
	ringSelfIntersects,
	rotate,
	scale,
	segmentIntersection,
	simplifyRing,
	sub,
	type Point,
	type Polygon,
	type Ring
} from './geometry';
import type { NameBook } from './names';
import type { Random } from './random';

export type RoadKind = 'primary' | 'secondary' | 'residential' | 'footway';

export interface Road {
	points: Point[];
	kind: RoadKind;
	name?: string;
	bridge?: boolean;
}

export interface Block {
	index: number;
	i: number;
	j: number;
	/** Counter-clockwise: (i,j), (i+1,j), (i+1,j+1), (i,j+1). */
	corners: [Point, Point, Point, Point];
	cornerIds: [number, number, number, number];
	centroid: Point;
}

export interface Compound {
	/** One polygon, or two for an area split by a lane (a MultiPolygon). */
	parts: Polygon[];
	block: Block;
	/** Ground area, m². */
	area: number;
	/** A point well inside the largest part. */
	anchor: Point;
	/** Distance of the anchor from the old core, metres. */
	coreDistance: number;
}

export interface OpenParcel {
	polygon: Polygon;
	block: Block;
	area: number;
	anchor: Point;
	use: 'park' | 'school' | 'public' | 'commercial' | 'vacant';
}

export interface Town {
	blocks: Block[];
	/** Mesh corner positions by id. */
	corners: Point[];
	/** Outline of all blocks, design frame. */
	outline: Ring;
	roads: Road[];
	compounds: Compound[];
	openParcels: OpenParcel[];
	/** Water surface of the river (extends a little beyond the town). */
	river: Polygon[];
	/** Mean of the old-core street centres, design frame. */
	core: Point;
}

export interface TownOptions {
	random: Random;
	names: NameBook;
	/** Real street centres (OSM) in the design frame; blocks are laid out so none sits on a road. */
	streetCentres: Point[];
	/** Mean of the old-core centres (北城, 西城, 东城). */
	core: Point;
	/**
	 * How strongly each street centre pulls development around it (1 = old core). Land is
	 * built up more densely near any centre, not only near the old core.
	 */
	centreWeights: number[];
	/** Area factor from the design frame to true ground area at a point (the warp's Jacobian). */
	areaScale: (p: Point) => number;
}

/** Grid rotation: the main roads run about 8° off north; the river cuts across them at a slant. */
const GRID_ANGLE = (8 * Math.PI) / 180;

/** Built-up footprint of the synthetic town, design frame (metres from the mean street centre). */
const FOOTPRINT: Ring = [
	[-2900, 1900], [-2200, 2500], [-1000, 2750], [600, 2850], [1800, 2650], [2550, 2000], [2650, 900], [2450, -700],
	[2200, -2400], [2000, -3700], [1650, -4350], [1000, -4600], [300, -4450], [-300, -3900], [-550, -2500],
	[-1000, -1500], [-2200, -1150], [-2900, -500], [-3100, 900]
].map(([x, y]) => pt(x, y));

/** 东河 centreline control points, design frame, north to south (it runs on past the town both ways). */
const RIVER_CONTROL: Point[] = [
	[2600, 5400], [2100, 3400], [1780, 2050], [1720, 900], [1530, -300], [1180, -1500], [680, -2600], [120, -3600],
	[-280, -4700], [-650, -6600]
].map(([x, y]) => pt(x, y));

/**
 * Two older roads that ignore the grid: one runs from the old core west-south-west towards
 * 长安, the other south along the west bank. Each starts at the grid corner nearest its first point.
 */
const DIAGONALS: { name: string; points: Point[] }[] = [
	{ name: '老长安路', points: [pt(150, 450), pt(-1100, 80), pt(-2200, -420), pt(-3600, -700)] },
	{ name: '南街', points: [pt(-150, -250), pt(-380, -1300), pt(-300, -2300), pt(-520, -3300), pt(-700, -4000)] }
];

/** Target y (design frame) of the bridges over the river: north, core, south-centre, south. */
const BRIDGE_TARGETS = [2050, 500, -1300, -3350];

/** Half road width plus building setback, metres, by kind: how far residential land stays from the centreline. */
const ROAD_CLEARANCE: Record<RoadKind, number> = { primary: 22, secondary: 16, residential: 9, footway: 0 };
/** Clearance from the riverside roads / river corridor. */
const RIVER_CLEARANCE = 14;
/** Riverside road offset from the water's edge. */
const RIVERSIDE_OFFSET = 16;

const HECTARE = 10_000;

export function buildTown(options: TownOptions): Town {
	const { random, names, core } = options;
	/** Distance to the nearest street centre, each scaled by its pull: drives how much land is built on. */
	const urbanDistance = (p: Point) => Math.min(...options.streetCentres.map((c, k) => distance(p, c) / options.centreWeights[k]));
	const mesh = buildMesh(random.fork('mesh'), options.streetCentres, core);
	const blocks = selectBlocks(mesh);
	const inCounty = new Set(blocks.map((block) => block.i * mesh.ny + block.j));
	const outline = outlineOf(blocks, mesh);
	const river = buildRiver(random.fork('river'));

	// Main roads along the grid lines, split where the river corridor cuts them except at bridges.
	const gridRoads = gridLineRoads(mesh, inCounty, names);
	const bridges = chooseBridges(gridRoads, river, outline);
	const roads: Road[] = [];
	gridRoads.forEach((road, index) => {
		if (bridges.has(index)) roads.push(...splitBridge(road, river));
		else roads.push(...cutByRiver(road, river));
	});
	// Riverside roads (东河东路 / 东河西路), clipped to the town.
	const riverside = [
		{ line: river.westRoad, name: '东河西路' },
		{ line: river.eastRoad, name: '东河东路' }
	];
	for (const { line, name } of riverside)
		for (const piece of clipToRing(line, outline)) if (polylineLength(piece) > 40) roads.push({ points: piece, kind: 'secondary', name });

	// Old diagonal roads, from a grid corner to the edge of town.
	const diagonals: Road[] = [];
	for (const diagonal of DIAGONALS) {
		const start = mesh.corners.reduce((best, c) => (distance(c, diagonal.points[0]) < distance(best, diagonal.points[0]) ? c : best));
		const line = [start, ...diagonal.points.slice(1)];
		for (const piece of clipToRing(line, outline))
			for (const part of cutByRiver({ points: piece, kind: 'primary', name: diagonal.name }, river)) diagonals.push(part);
	}
	roads.push(...diagonals);

	// Residential streets inside blocks.
	const streetRandom = random.fork('streets');
	const blockStreets = new Map<number, Road[]>();
	for (const block of blocks) {
		const streets: Road[] = [];
		for (const line of internalStreets(block, distance(block.centroid, core), streetRandom)) {
			const name = streetRandom.chance(0.35) ? names.lane() : undefined;
			for (const piece of cutByRiver({ points: line, kind: 'residential', name }, river))
				if (polylineLength(piece.points) >= 25) streets.push(piece);
		}
		blockStreets.set(block.index, streets);
		roads.push(...streets);
	}

	// Parcels: blocks minus road and river clearances; then compounds and open land.
	const riverKeepOut = offsetRings([river.zone], RIVER_CLEARANCE, 'round').flat();
	const parcelRandom = random.fork('parcels');
	const compounds: Compound[] = [];
	const openParcels: OpenParcel[] = [];
	const lanes: { origin: Point; direction: Point }[] = [];
	for (const block of blocks) {
		const clips: Ring[] = [];
		const edges = blockEdges(block, mesh);
		for (const edge of edges) clips.push(...bufferLines([edge.points], ROAD_CLEARANCE[edge.kind]));
		const streets = blockStreets.get(block.index) ?? [];
		if (streets.length) clips.push(...bufferLines(streets.map((s) => s.points), ROAD_CLEARANCE.residential));
		if (diagonals.length) clips.push(...bufferLines(diagonals.map((d) => d.points), ROAD_CLEARANCE.primary));
		clips.push(...riverKeepOut);
		const parcels = booleanOp('difference', [block.corners], clips);
		// Whole blocks of farmland, works or a campus, more of them towards the edge of town.
		const blockDistance = urbanDistance(block.centroid);
		const openBlockChance = blockDistance < 1100 ? 0.06 : blockDistance < 1900 ? 0.22 : 0.5;
		const openBlock = parcelRandom.chance(openBlockChance) ? parcelRandom.pick(['vacant', 'vacant', 'public', 'school'] as const) : null;
		for (const parcel of parcels) {
			const area = polygonArea(parcel);
			if (area < 0.08 * HECTARE) continue;
			const anchor = interiorPoint(parcel);
			const coreDistance = distance(anchor, core);
			const nearRiver = distanceToRing(anchor, river.zone) < 120;
			if (openBlock) {
				openParcels.push({ polygon: parcel, block, area, anchor, use: nearRiver ? 'park' : openBlock });
				continue;
			}
			const urban = urbanDistance(anchor);
			const residentialChance = urban < 900 ? 0.68 : Math.max(0.34, 0.68 - ((urban - 900) / 1800) * 0.34);
			const residential = area >= 0.5 * HECTARE && !(nearRiver && parcelRandom.chance(0.5)) && parcelRandom.chance(residentialChance);
			if (!residential) {
				const use = nearRiver ? 'park' : openUse(parcelRandom, area);
				openParcels.push({ polygon: parcel, block, area, anchor, use });
				continue;
			}
			splitParcel(parcel, block, coreDistance, parcelRandom, compounds, openParcels, lanes, core, options.areaScale);
		}
	}

	// Footways: lanes between compounds, entrances into compounds, compound loops, park paths.
	roads.push(...footways(roads, compounds, openParcels, lanes, river, random.fork('footways')));

	const water = booleanOp('intersection', [river.water], offsetRings([outline], 450, 'round').flat());
	return { blocks, corners: mesh.corners, outline, roads, compounds, openParcels, river: water, core };
}

// --- Mesh -------------------------------------------------------------------------------------

interface Mesh {
	nx: number;
	ny: number;
	/** Corner (i, j) at index i * (ny + 1) + j; i along grid x, j along grid y. */
	corners: Point[];
	cornerId(i: number, j: number): number;
	/** Kind of each vertical grid line i and horizontal line j. */
	verticalKinds: ('primary' | 'secondary')[];
	horizontalKinds: ('primary' | 'secondary')[];
}

const toGrid = (p: Point) => rotate(p, -GRID_ANGLE);
const fromGrid = (p: Point) => rotate(p, GRID_ANGLE);

function buildMesh(random: Random, centres: Point[], core: Point): Mesh {
	const gridFootprint = FOOTPRINT.map(toGrid);
	const [minS, minT, maxS, maxT] = bbox(gridFootprint);
	const gridCore = toGrid(core);
	const gridCentres = centres.map(toGrid);
	const s = axisPositions(random, gridCore.x, minS - 150, maxS + 150, gridCentres.map((c) => c.x));
	const t = axisPositions(random, gridCore.y, minT - 150, maxT + 150, gridCentres.map((c) => c.y));
	const nx = s.length - 1;
	const ny = t.length - 1;
	const corners: Point[] = [];
	for (let i = 0; i <= nx; i++)
		for (let j = 0; j <= ny; j++) {
			const jitter = 20;
			corners.push(fromGrid(pt(s[i] + random.range(-jitter, jitter), t[j] + random.range(-jitter, jitter))));
		}
	const kinds = (count: number, coreIndex: number) => {
		const result: ('primary' | 'secondary')[] = new Array(count + 1).fill('secondary');
		for (let k = coreIndex; k <= count; k += random.int(2, 4)) result[k] = 'primary';
		for (let k = coreIndex - random.int(2, 3); k >= 0; k -= random.int(2, 4)) result[k] = 'primary';
		return result;
	};
	const nearest = (values: number[], v: number) => values.reduce((best, x, k) => (Math.abs(x - v) < Math.abs(values[best] - v) ? k : best), 0);
	return {
		nx,
		ny,
		corners,
		cornerId: (i, j) => i * (ny + 1) + j,
		verticalKinds: kinds(nx, nearest(s, gridCore.x)),
		horizontalKinds: kinds(ny, nearest(t, gridCore.y))
	};
}

/**
 * Grid-line positions along one axis: spacing grows from ~240 m at the old core to ~500 m at
 * the edge, with ±12% noise; no line passes within 60 m of a street centre.
 */
function axisPositions(random: Random, centre: number, min: number, max: number, avoid: number[]): number[] {
	const spacing = (v: number) => Math.min(500, 240 + 0.075 * Math.abs(v - centre)) * random.range(0.88, 1.12);
	const positions = [centre - random.range(0.3, 0.7) * spacing(centre)];
	while (positions[positions.length - 1] < max) positions.push(positions[positions.length - 1] + spacing(positions[positions.length - 1]));
	while (positions[0] > min) positions.unshift(positions[0] - spacing(positions[0]));
	for (const a of avoid) {
		for (let k = 0; k < positions.length; k++) {
			const gap = positions[k] - a;
			if (Math.abs(gap) < 60) positions[k] = a + (gap >= 0 ? 60 : -60);
		}
	}
	return positions;
}

function selectBlocks(mesh: Mesh): Block[] {
	const { nx, ny } = mesh;
	const inside = new Array(nx * ny).fill(false);
	const quad = (i: number, j: number): [Point, Point, Point, Point] => [
		mesh.corners[mesh.cornerId(i, j)],
		mesh.corners[mesh.cornerId(i + 1, j)],
		mesh.corners[mesh.cornerId(i + 1, j + 1)],
		mesh.corners[mesh.cornerId(i, j + 1)]
	];
	for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) inside[i * ny + j] = pointInRing(ringCentroid(quad(i, j)), FOOTPRINT);
	// Drop spurs: cells with at most one inside neighbour look like a mistake on a map.
	for (let changed = true; changed; ) {
		changed = false;
		for (let i = 0; i < nx; i++)
			for (let j = 0; j < ny; j++) {
				if (!inside[i * ny + j]) continue;
				let neighbours = 0;
				for (const [di, dj] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
					const a = i + di;
					const b = j + dj;
					if (a >= 0 && b >= 0 && a < nx && b < ny && inside[a * ny + b]) neighbours++;
				}
				if (neighbours <= 1) {
					inside[i * ny + j] = false;
					changed = true;
				}
			}
	}
	// Fill holes: outside cells not reachable from the border through outside cells.
	const reached = new Array(nx * ny).fill(false);
	const stack: number[] = [];
	for (let i = 0; i < nx; i++)
		for (let j = 0; j < ny; j++) if ((i === 0 || j === 0 || i === nx - 1 || j === ny - 1) && !inside[i * ny + j]) stack.push(i * ny + j);
	while (stack.length) {
		const cell = stack.pop() as number;
		if (reached[cell]) continue;
		reached[cell] = true;
		const i = Math.floor(cell / ny);
		const j = cell % ny;
		for (const [di, dj] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
			const a = i + di;
			const b = j + dj;
			if (a >= 0 && b >= 0 && a < nx && b < ny && !inside[a * ny + b] && !reached[a * ny + b]) stack.push(a * ny + b);
		}
	}
	const blocks: Block[] = [];
	for (let i = 0; i < nx; i++)
		for (let j = 0; j < ny; j++) {
			if (!inside[i * ny + j] && reached[i * ny + j]) continue;
			const corners = quad(i, j);
			blocks.push({
				index: blocks.length,
				i,
				j,
				corners,
				cornerIds: [mesh.cornerId(i, j), mesh.cornerId(i + 1, j), mesh.cornerId(i + 1, j + 1), mesh.cornerId(i, j + 1)],
				centroid: ringCentroid(corners)
			});
		}
	return blocks;
}

/** The outline of a set of mesh blocks (must be edge-connected and without holes). */
function outlineOf(blocks: Block[], mesh: Mesh): Ring {
	const rings = blockSetRings(blocks);
	const outer = rings.filter((ring) => ring.length > 0 && ringArea(ring.map((id) => mesh.corners[id])) > 0);
	if (outer.length !== 1 || rings.length !== 1) throw new Error('town outline is not a single ring');
	return outer[0].map((id) => mesh.corners[id]);
}

/**
 * Boundary rings of a set of blocks as corner-id cycles: block edges whose reverse is not in the
 * set, chained; at a pinch corner the chain takes the sharpest left turn, which keeps rings simple.
 * Needs the corner positions only to break pinch ties, so it takes them from the blocks.
 */
export function blockSetRings(blocks: Block[]): number[][] {
	const position = new Map<number, Point>();
	const edges = new Set<string>();
	for (const block of blocks)
		for (let k = 0; k < 4; k++) {
			position.set(block.cornerIds[k], block.corners[k]);
			edges.add(`${block.cornerIds[k]}>${block.cornerIds[(k + 1) % 4]}`);
		}
	const outgoing = new Map<number, number[]>();
	for (const edge of edges) {
		const [a, b] = edge.split('>').map(Number);
		if (edges.has(`${b}>${a}`)) continue;
		const list = outgoing.get(a) ?? [];
		list.push(b);
		outgoing.set(a, list);
	}
	const rings: number[][] = [];
	const starts = [...outgoing.keys()].sort((a, b) => a - b);
	for (const start of starts) {
		while ((outgoing.get(start) ?? []).length) {
			const ring = [start];
			let previous = start;
			let current = (outgoing.get(start) as number[]).shift() as number;
			while (current !== start) {
				ring.push(current);
				const options = outgoing.get(current) ?? [];
				if (options.length === 0) throw new Error('open boundary chain');
				let choice = 0;
				if (options.length > 1) {
					const incoming = sub(position.get(current) as Point, position.get(previous) as Point);
					let bestTurn = -Infinity;
					options.forEach((next, k) => {
						const out = sub(position.get(next) as Point, position.get(current) as Point);
						const turn = Math.atan2(cross(incoming, out), dot(incoming, out));
						if (turn > bestTurn) {
							bestTurn = turn;
							choice = k;
						}
					});
				}
				const next = options.splice(choice, 1)[0];
				previous = current;
				current = next;
			}
			rings.push(ring);
		}
	}
	return rings;
}

function gridLineRoads(mesh: Mesh, inCounty: Set<number>, names: NameBook): Road[] {
	const { nx, ny } = mesh;
	const has = (i: number, j: number) => i >= 0 && j >= 0 && i < nx && j < ny && inCounty.has(i * ny + j);
	const roads: Road[] = [];
	const runs = (count: number, included: (k: number) => boolean, corner: (k: number) => Point): Point[][] => {
		const result: Point[][] = [];
		let current: Point[] = [];
		for (let k = 0; k < count; k++) {
			if (included(k)) {
				if (current.length === 0) current.push(corner(k));
				current.push(corner(k + 1));
			} else if (current.length) {
				result.push(current);
				current = [];
			}
		}
		if (current.length) result.push(current);
		return result;
	};
	for (let j = 0; j <= ny; j++) {
		const kind = mesh.horizontalKinds[j];
		const lines = runs(nx, (i) => has(i, j) || has(i, j - 1), (i) => mesh.corners[mesh.cornerId(i, j)]);
		if (lines.length === 0) continue;
		const name = names.road(kind);
		for (const line of lines) roads.push({ points: line, kind, name });
	}
	for (let i = 0; i <= nx; i++) {
		const kind = mesh.verticalKinds[i];
		const lines = runs(ny, (j) => has(i, j) || has(i - 1, j), (j) => mesh.corners[mesh.cornerId(i, j)]);
		if (lines.length === 0) continue;
		const name = names.road(kind);
		for (const line of lines) roads.push({ points: line, kind, name });
	}
	return roads;
}

/** The four edges of a block with the kind of the grid line each lies on. */
function blockEdges(block: Block, mesh: Mesh): { points: Point[]; kind: RoadKind }[] {
	const [a, b, c, d] = block.corners;
	return [
		{ points: [a, b], kind: mesh.horizontalKinds[block.j] },
		{ points: [b, c], kind: mesh.verticalKinds[block.i + 1] },
		{ points: [c, d], kind: mesh.horizontalKinds[block.j + 1] },
		{ points: [d, a], kind: mesh.verticalKinds[block.i] }
	];
}

// --- River ------------------------------------------------------------------------------------

interface River {
	centre: Point[];
	/** Riverside road centrelines on each bank. */
	westRoad: Point[];
	eastRoad: Point[];
	/** The corridor between the two riverside roads: only bridges cross it. */
	zone: Ring;
	water: Ring;
	/** Segment index over both riverside roads, to cut lines where they meet the corridor. */
	cutter: SegmentIndex;
}

function buildRiver(random: Random): River {
	// Catmull–Rom through the control points, then a gentle meander along the normal.
	const spline: Point[] = [];
	for (let k = 0; k + 1 < RIVER_CONTROL.length; k++) {
		const p0 = RIVER_CONTROL[Math.max(0, k - 1)];
		const p1 = RIVER_CONTROL[k];
		const p2 = RIVER_CONTROL[k + 1];
		const p3 = RIVER_CONTROL[Math.min(RIVER_CONTROL.length - 1, k + 2)];
		for (let step = 0; step < 40; step++) {
			const u = step / 40;
			const u2 = u * u;
			const u3 = u2 * u;
			const coord = (a: number, b: number, c: number, d: number) =>
				0.5 * (2 * b + (-a + c) * u + (2 * a - 5 * b + 4 * c - d) * u2 + (-a + 3 * b - 3 * c + d) * u3);
			spline.push(pt(coord(p0.x, p1.x, p2.x, p3.x), coord(p0.y, p1.y, p2.y, p3.y)));
		}
	}
	spline.push(RIVER_CONTROL[RIVER_CONTROL.length - 1]);
	const base = resample(spline, 10);
	const phase = random.range(0, 2 * Math.PI);
	const meandered = base.map((p, k) => {
		const n = normalAt(base, k);
		return add(p, scale(n, 28 * Math.sin((2 * Math.PI * k * 10) / 780 + phase)));
	});
	const centre = resample(meandered, 20);
	const widthPhase = random.range(0, 2 * Math.PI);
	const width = (k: number) => 50 + 13 * Math.sin((2 * Math.PI * k * 20) / 2100 + widthPhase);
	// The centreline runs north to south, so its left-hand normal points east.
	const offset = (extra: number, side: 1 | -1) => centre.map((p, k) => add(p, scale(normalAt(centre, k), side * (width(k) / 2 + extra))));
	const eastBank = offset(0, 1);
	const westBank = offset(0, -1);
	const eastRoad = offset(RIVERSIDE_OFFSET, 1);
	const westRoad = offset(RIVERSIDE_OFFSET, -1);
	const ring = (left: Point[], right: Point[]) => {
		const r = [...left, ...[...right].reverse()];
		return ringArea(r) > 0 ? r : r.reverse();
	};
	return {
		centre,
		westRoad,
		eastRoad,
		zone: ring(eastRoad, westRoad),
		water: ring(eastBank, westBank),
		cutter: new SegmentIndex([westRoad, eastRoad])
	};
}

function resample(line: Point[], step: number): Point[] {
	const out: Point[] = [line[0]];
	let carried = 0;
	for (let k = 1; k < line.length; k++) {
		const a = line[k - 1];
		const b = line[k];
		const segment = distance(a, b);
		let at = step - carried;
		while (at <= segment) {
			out.push(lerp(a, b, at / segment));
			at += step;
		}
		carried = segment - (at - step);
	}
	if (distance(out[out.length - 1], line[line.length - 1]) > step / 3) out.push(line[line.length - 1]);
	return out;
}

/** Unit left-hand normal of a polyline at vertex k. */
function normalAt(line: Point[], k: number): Point {
	const a = line[Math.max(0, k - 1)];
	const b = line[Math.min(line.length - 1, k + 1)];
	return normalize(perp(sub(b, a)));
}

function chooseBridges(roads: Road[], river: River, outline: Ring): Set<number> {
	const crossings: { road: number; y: number }[] = [];
	const centreIndex = new SegmentIndex([river.centre]);
	roads.forEach((road, index) => {
		for (const hit of centreIndex.crossings(road.points)) {
			if (!pointInRing(hit.point, outline) || distanceToRing(hit.point, outline) < 250) continue;
			// Horizontal grid lines only: they cross the river at a good angle.
			const direction = normalize(sub(road.points[road.points.length - 1], road.points[0]));
			if (Math.abs(direction.x) < 0.8) continue;
			crossings.push({ road: index, y: hit.point.y });
		}
	});
	const chosen = new Set<number>();
	for (const target of BRIDGE_TARGETS) {
		const best = crossings
			.filter((c) => !chosen.has(c.road))
			.sort((a, b) => Math.abs(a.y - target) - Math.abs(b.y - target) || a.road - b.road)[0];
		if (best) chosen.add(best.road);
	}
	return chosen;
}

/** Splits a bridge road into the part on the bridge (marked) and the approaches. */
function splitBridge(road: Road, river: River): Road[] {
	return splitWithCutter(road.points, river.cutter, (p) => pointInRing(p, river.zone)).map(({ points, inside }) => ({
		...road,
		points,
		...(inside ? { bridge: true } : {})
	}));
}

/** The parts of a road outside the river corridor. */
function cutByRiver(road: Road, river: River): Road[] {
	return splitWithCutter(road.points, river.cutter, (p) => pointInRing(p, river.zone))
		.filter((piece) => !piece.inside)
		.map(({ points }) => ({ ...road, points }));
}

function clipToRing(line: Point[], ring: Ring): Point[][] {
	return splitWithCutter(line, new SegmentIndex([[...ring, ring[0]]]), (p) => pointInRing(p, ring))
		.filter((piece) => piece.inside)
		.map((piece) => piece.points);
}

/** Cuts a polyline where it crosses the cutter's segments; tells for each piece whether its middle is inside. */
function splitWithCutter(line: Point[], cutter: SegmentIndex, isInside: (p: Point) => boolean): { points: Point[]; inside: boolean }[] {
	const cuts = cutter.crossings(line);
	const pieces: Point[][] = [];
	let current: Point[] = [line[0]];
	let cutIndex = 0;
	for (let k = 0; k + 1 < line.length; k++) {
		while (cutIndex < cuts.length && cuts[cutIndex].segment === k) {
			const p = cuts[cutIndex].point;
			if (distance(p, current[current.length - 1]) > 1e-9) current.push(p);
			pieces.push(current);
			current = [p];
			cutIndex++;
		}
		if (distance(line[k + 1], current[current.length - 1]) > 1e-9) current.push(line[k + 1]);
	}
	pieces.push(current);
	return pieces.filter((piece) => piece.length >= 2 && polylineLength(piece) > 0.5).map((points) => ({ points, inside: isInside(pointAlong(points, 0.5)) }));
}

function pointAlong(line: Point[], fraction: number): Point {
	const target = polylineLength(line) * fraction;
	let walked = 0;
	for (let k = 1; k < line.length; k++) {
		const segment = distance(line[k - 1], line[k]);
		if (walked + segment >= target) return lerp(line[k - 1], line[k], segment === 0 ? 0 : (target - walked) / segment);
		walked += segment;
	}
	return line[line.length - 1];
}

export function distanceToRing(p: Point, ring: Ring): number {
	let best = Infinity;
	for (let k = 0; k < ring.length; k++) best = Math.min(best, pointSegmentDistance(p, ring[k], ring[(k + 1) % ring.length]).distance);
	return best;
}

/** A static spatial index over the segments of some polylines. */
export class SegmentIndex {
	readonly a: Point[] = [];
	readonly b: Point[] = [];
	readonly owner: number[] = [];
	private readonly index: Flatbush | null;

	constructor(lines: Point[][]) {
		lines.forEach((line, owner) => {
			for (let k = 0; k + 1 < line.length; k++) {
				this.a.push(line[k]);
				this.b.push(line[k + 1]);
				this.owner.push(owner);
			}
		});
		if (this.a.length === 0) {
			this.index = null;
			return;
		}
		this.index = new Flatbush(this.a.length);
		for (let s = 0; s < this.a.length; s++) {
			const [minX, minY, maxX, maxY] = bbox([this.a[s], this.b[s]]);
			this.index.add(minX, minY, maxX, maxY);
		}
		this.index.finish();
	}

	search(minX: number, minY: number, maxX: number, maxY: number): number[] {
		return this.index ? this.index.search(minX, minY, maxX, maxY) : [];
	}

	/** Proper crossings of a polyline with the indexed segments, in order along the polyline. */
	crossings(line: Point[]): { segment: number; t: number; point: Point }[] {
		const hits: { segment: number; t: number; point: Point }[] = [];
		for (let k = 0; k + 1 < line.length; k++) {
			const [minX, minY, maxX, maxY] = bbox([line[k], line[k + 1]]);
			for (const s of this.search(minX, minY, maxX, maxY)) {
				const hit = segmentIntersection(line[k], line[k + 1], this.a[s], this.b[s]);
				if (hit && hit.t > 0 && hit.t < 1 && hit.u >= 0 && hit.u <= 1) hits.push({ segment: k, t: hit.t, point: hit.point });
			}
		}
		return hits.sort((p, q) => p.segment - q.segment || p.t - q.t);
	}

	/** First hit of a ray from origin along a unit direction within maxDistance. */
	raycast(origin: Point, direction: Point, maxDistance: number): { point: Point; distance: number; owner: number } | null {
		const end = add(origin, scale(direction, maxDistance));
		const [minX, minY, maxX, maxY] = bbox([origin, end]);
		let best: { point: Point; distance: number; owner: number } | null = null;
		for (const s of this.search(minX, minY, maxX, maxY)) {
			const hit = segmentIntersection(origin, end, this.a[s], this.b[s]);
			if (!hit || hit.t <= 1e-9 || hit.t > 1 || hit.u < 0 || hit.u > 1) continue;
			const d = hit.t * maxDistance;
			if (!best || d < best.distance) best = { point: hit.point, distance: d, owner: this.owner[s] };
		}
		return best;
	}

	/** Nearest point on any indexed segment within maxDistance. */
	nearest(p: Point, maxDistance: number): { point: Point; distance: number; owner: number } | null {
		let best: { point: Point; distance: number; owner: number } | null = null;
		for (const s of this.search(p.x - maxDistance, p.y - maxDistance, p.x + maxDistance, p.y + maxDistance)) {
			const { distance: d, t } = pointSegmentDistance(p, this.a[s], this.b[s]);
			if (d <= maxDistance && (!best || d < best.distance)) best = { point: lerp(this.a[s], this.b[s], t), distance: d, owner: this.owner[s] };
		}
		return best;
	}

	/** True if segment pq properly crosses or touches any indexed segment (ignoring touches at p). */
	blocks(p: Point, q: Point): boolean {
		const [minX, minY, maxX, maxY] = bbox([p, q]);
		for (const s of this.search(minX, minY, maxX, maxY)) {
			const hit = segmentIntersection(p, q, this.a[s], this.b[s]);
			if (hit && hit.t > 1e-6 && hit.t <= 1 && hit.u >= 0 && hit.u <= 1) return true;
		}
		return false;
	}
}

// --- Blocks: residential streets, parcels, compounds ------------------------------------------------

/** Residential streets across a block: more and closer together in the old core. */
function internalStreets(block: Block, coreDistance: number, random: Random): Point[][] {
	const [p0, p1, p2, p3] = block.corners;
	const at = (u: number, v: number) => add(add(scale(p0, (1 - u) * (1 - v)), scale(p1, u * (1 - v))), add(scale(p2, u * v), scale(p3, (1 - u) * v)));
	const widthU = (distance(p0, p1) + distance(p3, p2)) / 2;
	const widthV = (distance(p0, p3) + distance(p1, p2)) / 2;
	const target = Math.min(300, 150 + 0.035 * coreDistance) * random.range(0.9, 1.15);
	let cutsU = Math.max(0, Math.round(widthU / target) - 1);
	let cutsV = Math.max(0, Math.round(widthV / target) - 1);
	if (random.chance(0.2)) cutsU = Math.max(0, cutsU - 1);
	if (random.chance(0.2)) cutsV = Math.max(0, cutsV - 1);
	const positions = (count: number) => Array.from({ length: count }, (_, k) => (k + 1) / (count + 1) + random.range(-0.06, 0.06));
	const us = positions(cutsU);
	const vs = positions(cutsV);
	const lines: Point[][] = [];
	const street = (from: Point, to: Point) => {
		const middle = lerp(from, to, random.range(0.4, 0.6));
		const bend = scale(normalize(perp(sub(to, from))), random.range(-5, 5));
		lines.push([from, add(middle, bend), to]);
	};
	for (const u of us) {
		if (vs.length && random.chance(0.22)) {
			// A dead-end street from one side, stopping short of the far edge.
			const fromBottom = random.chance(0.5);
			const stop = random.range(0.45, 0.72);
			street(at(u, fromBottom ? 0 : 1), at(u, fromBottom ? stop : 1 - stop));
		} else street(at(u, 0), at(u, 1));
	}
	for (const v of vs) {
		if (us.length && random.chance(0.22)) {
			const fromLeft = random.chance(0.5);
			const stop = random.range(0.45, 0.72);
			street(at(fromLeft ? 0 : 1, v), at(fromLeft ? stop : 1 - stop, v));
		} else street(at(0, v), at(1, v));
	}
	return lines;
}

function openUse(random: Random, area: number): OpenParcel['use'] {
	if (area > 1.5 * HECTARE && random.chance(0.3)) return 'school';
	return random.pick(['park', 'public', 'commercial', 'commercial', 'vacant'] as const);
}

/** Splits a residential parcel into compounds of the target size; small leftovers become open land. */
function splitParcel(
	parcel: Polygon,
	block: Block,
	coreDistance: number,
	random: Random,
	compounds: Compound[],
	openParcels: OpenParcel[],
	lanes: { origin: Point; direction: Point }[],
	core: Point,
	areaScale: (p: Point) => number
): void {
	/** True ground area, which the 0.5–8 ha size range refers to. */
	const groundArea = (polygon: Polygon) => polygonArea(polygon) * areaScale(ringCentroid(polygon[0]));
	const target = Math.min(7.2, random.range(1.1, 2.4) + (coreDistance / 1000) * random.range(0.5, 1.2)) * HECTARE;
	const leaves: Polygon[] = [];
	let pair: Polygon[] | null = null;
	const area = polygonArea(parcel);
	if (area > 1.6 * HECTARE && area < 7.5 * HECTARE && random.chance(0.12)) {
		const halves = bisect(parcel, random, lanes);
		if (halves.length === 2 && halves.every((h) => groundArea(h) >= 0.5 * HECTARE)) pair = halves;
		else leaves.push(...halves);
	} else {
		const queue: { polygon: Polygon; depth: number }[] = [{ polygon: parcel, depth: 0 }];
		while (queue.length) {
			const { polygon, depth } = queue.shift() as { polygon: Polygon; depth: number };
			const a = groundArea(polygon);
			if (a <= Math.min(target * 1.3, 7.5 * HECTARE) || depth > 5) {
				leaves.push(polygon);
				continue;
			}
			for (const half of bisect(polygon, random, lanes)) queue.push({ polygon: half, depth: depth + 1 });
		}
	}
	const finish = (parts: Polygon[]) => {
		const shaped = parts.map((part) => reshape(part, random));
		const total = shaped.reduce((sum, part) => sum + groundArea(part), 0);
		if (total < 0.52 * HECTARE || total > 7.9 * HECTARE) {
			for (const part of shaped) openParcels.push({ polygon: part, block, area: polygonArea(part), anchor: interiorPoint(part), use: 'commercial' });
			return;
		}
		const largest = shaped.reduce((best, part) => (groundArea(part) > groundArea(best) ? part : best));
		const anchor = interiorPoint(largest);
		compounds.push({ parts: shaped, block, area: total, anchor, coreDistance: distance(anchor, core) });
	};
	if (pair) finish(pair);
	for (const leaf of leaves) {
		const a = groundArea(leaf);
		if (a >= 0.52 * HECTARE && a <= 7.9 * HECTARE) finish([leaf]);
		else if (a >= 0.08 * HECTARE) openParcels.push({ polygon: leaf, block, area: a, anchor: interiorPoint(leaf), use: random.pick(['park', 'commercial', 'public'] as const) });
	}
}

/** Cuts a polygon across its long axis near the middle, leaving an 8 m lane between the halves. */
function bisect(polygon: Polygon, random: Random, lanes: { origin: Point; direction: Point }[]): Polygon[] {
	const axis = principalAxis(polygon[0]);
	const across = perp(axis);
	const centre = ringCentroid(polygon[0]);
	const projections = polygon[0].map((p) => dot(sub(p, centre), axis));
	const low = Math.min(...projections);
	const high = Math.max(...projections);
	const cut = low + (high - low) * random.range(0.4, 0.6);
	const reach = (high - low) * 2 + 2000;
	const halfPlane = (from: number, to: number): Ring => {
		const a = add(centre, scale(axis, from));
		const b = add(centre, scale(axis, to));
		const ring = [add(a, scale(across, -reach)), add(b, scale(across, -reach)), add(b, scale(across, reach)), add(a, scale(across, reach))];
		return ringArea(ring) > 0 ? ring : ring.reverse();
	};
	const gap = 4;
	const halves = [
		...booleanOp('intersection', polygon, [halfPlane(low - 10, cut - gap)]),
		...booleanOp('intersection', polygon, [halfPlane(cut + gap, high + 10)])
	].filter((half) => polygonArea(half) > 1);
	const laneOrigin = add(centre, scale(axis, cut));
	if (pointInPolygon(laneOrigin, polygon)) lanes.push({ origin: laneOrigin, direction: across });
	return halves;
}

/** Makes a compound look drawn rather than computed: an L-shaped notch, a cut corner, wobbly walls. */
function reshape(polygon: Polygon, random: Random): Polygon {
	let result = polygon;
	const area = polygonArea(polygon);
	if (area > 1.2 * HECTARE && random.chance(0.3)) {
		const notched = notch(result, random);
		if (notched && polygonArea(notched) >= Math.max(0.6 * area, 0.5 * HECTARE)) result = notched;
	}
	if (result.length === 1 && random.chance(0.35)) result = [chamfer(result[0], random)];
	if (result.length === 1) {
		const wobbly = wobble(result[0], random);
		if (!ringSelfIntersects(wobbly)) result = [wobbly];
	}
	return result.map((ring) => cleanRing(ring, 0.8, 0.02));
}

function convexCorners(ring: Ring, minEdge: number): number[] {
	const corners: number[] = [];
	for (let k = 0; k < ring.length; k++) {
		const prev = ring[(k + ring.length - 1) % ring.length];
		const next = ring[(k + 1) % ring.length];
		const turn = cross(sub(ring[k], prev), sub(next, ring[k]));
		const angle = Math.acos(Math.max(-1, Math.min(1, dot(normalize(sub(prev, ring[k])), normalize(sub(next, ring[k]))))));
		if (turn > 0 && angle < (150 * Math.PI) / 180 && distance(prev, ring[k]) > minEdge && distance(next, ring[k]) > minEdge) corners.push(k);
	}
	return corners;
}

function notch(polygon: Polygon, random: Random): Polygon | null {
	const ring = polygon[0];
	const corners = convexCorners(ring, 40);
	if (corners.length === 0) return null;
	const k = random.pick(corners);
	const v = ring[k];
	const toNext = sub(ring[(k + 1) % ring.length], v);
	const toPrev = sub(ring[(k + ring.length - 1) % ring.length], v);
	const a = scale(toNext, random.range(0.25, 0.45));
	const b = scale(toPrev, random.range(0.25, 0.45));
	const outward = scale(normalize(add(normalize(toNext), normalize(toPrev))), -8);
	const cutter = [add(v, outward), add(add(v, a), scale(normalize(toPrev), -8)), add(add(v, a), b), add(add(v, b), scale(normalize(toNext), -8))];
	const oriented = ringArea(cutter) > 0 ? cutter : cutter.reverse();
	const result = booleanOp('difference', polygon, [oriented]);
	return result.length === 1 ? result[0] : null;
}

function chamfer(ring: Ring, random: Random): Ring {
	const corners = convexCorners(ring, 50);
	if (corners.length === 0) return ring;
	const k = random.pick(corners);
	const cut = random.range(8, 18);
	const v = ring[k];
	const prev = ring[(k + ring.length - 1) % ring.length];
	const next = ring[(k + 1) % ring.length];
	const replaced = [add(v, scale(normalize(sub(prev, v)), cut)), add(v, scale(normalize(sub(next, v)), cut))];
	return [...ring.slice(0, k), ...replaced, ...ring.slice(k + 1)];
}

/** Adds vertices along long walls, each pushed inward by up to 3 m. */
function wobble(ring: Ring, random: Random): Ring {
	const out: Ring = [];
	for (let k = 0; k < ring.length; k++) {
		const a = ring[k];
		const b = ring[(k + 1) % ring.length];
		out.push(a);
		const l = distance(a, b);
		if (l < 70) continue;
		const inward = normalize(perp(sub(b, a)));
		const count = Math.floor(l / random.range(35, 60));
		for (let n = 1; n < count; n++) out.push(add(lerp(a, b, (n + random.range(-0.2, 0.2)) / count), scale(inward, random.range(0, 3))));
	}
	return out;
}

// --- Footways -----------------------------------------------------------------------------------

function footways(
	roads: Road[],
	compounds: Compound[],
	openParcels: OpenParcel[],
	lanes: { origin: Point; direction: Point }[],
	river: River,
	random: Random
): Road[] {
	const streetIndex = new SegmentIndex(roads.filter((road) => !road.bridge).map((road) => road.points));
	const walls = new SegmentIndex(compounds.flatMap((c) => c.parts.flatMap((part) => part.map((ring) => [...ring, ring[0]]))));
	const zoneEdges = new SegmentIndex([[...river.zone, river.zone[0]]]);
	const result: Road[] = [];
	const clear = (p: Point, q: Point) => !walls.blocks(p, q) && !walls.blocks(q, p) && !zoneEdges.blocks(p, q);

	// Lanes between the halves of split parcels.
	for (const lane of lanes) {
		if (!random.chance(0.6)) continue;
		const forward = streetIndex.raycast(lane.origin, lane.direction, 350);
		const backward = streetIndex.raycast(lane.origin, scale(lane.direction, -1), 350);
		if (!forward || !backward) continue;
		if (!clear(lane.origin, forward.point) || !clear(lane.origin, backward.point)) continue;
		result.push({ points: [backward.point, lane.origin, forward.point], kind: 'footway' });
	}

	// Entrances from the nearest street, and a loop path inside big compounds.
	for (const compound of compounds) {
		for (const part of compound.parts) {
			const partArea = polygonArea(part);
			const inner = part === compound.parts[0] || compound.parts.length === 1 ? compound.anchor : interiorPoint(part);
			const anchor = pointInPolygon(inner, part) ? inner : interiorPoint(part);
			let loop: Ring | null = null;
			if (partArea > 3 * HECTARE && random.chance(0.6)) {
				const shrunk = offsetRings([part[0]], -random.range(22, 32), 'round');
				if (shrunk.length === 1) {
					const ring = cleanRing(simplifyRing(shrunk[0][0], 7), 2, 0.2);
					if (ring.length >= 4 && ringArea(ring) > 2500 && !ringSelfIntersects(ring)) loop = ring;
				}
			}
			const entrances = partArea > 3 * HECTARE ? 2 : 1;
			const directions: Point[] = [];
			for (let e = 0; e < entrances; e++) {
				const start = e === 0 ? streetIndex.nearest(anchor, 260) : secondEntrance(anchor, directions[0], streetIndex);
				if (!start) continue;
				const direction = normalize(sub(start.point, anchor));
				let end = anchor;
				if (loop) end = loop.reduce((best, p) => (distance(p, start.point) < distance(best, start.point) ? p : best), loop[0]);
				if (!clearOfOthers(start.point, end, part, walls) || zoneEdges.blocks(end, start.point)) continue;
				directions.push(direction);
				result.push({ points: [start.point, end], kind: 'footway' });
			}
			if (loop && directions.length) result.push({ points: [...loop, loop[0]], kind: 'footway' });
		}
	}

	// Paths across parks and squares.
	for (const parcel of openParcels) {
		if (parcel.use !== 'park' || parcel.area < 0.8 * HECTARE || !random.chance(0.8)) continue;
		const axis = principalAxis(parcel.polygon[0]);
		const forward = streetIndex.raycast(parcel.anchor, axis, 400);
		const backward = streetIndex.raycast(parcel.anchor, scale(axis, -1), 400);
		if (!forward || !backward || !clear(parcel.anchor, forward.point) || !clear(parcel.anchor, backward.point)) continue;
		const side = perp(axis);
		const kink = add(parcel.anchor, scale(side, random.range(-12, 12)));
		if (!pointInPolygon(kink, parcel.polygon)) continue;
		result.push({ points: [backward.point, kink, forward.point], kind: 'footway' });
	}
	return result.filter((road) => polylineLength(road.points) > 3);
}

function secondEntrance(anchor: Point, first: Point | undefined, streets: SegmentIndex) {
	if (!first) return null;
	let best: { point: Point; distance: number; owner: number } | null = null;
	for (let k = 0; k < 12; k++) {
		const direction = rotate(pt(1, 0), (k * Math.PI) / 6);
		if (dot(direction, first) > -0.2) continue;
		const hit = streets.raycast(anchor, direction, 220);
		if (hit && (!best || hit.distance < best.distance)) best = hit;
	}
	return best;
}

/** An entrance may cross its own compound's wall but no other compound. */
function clearOfOthers(p: Point, q: Point, own: Polygon, walls: SegmentIndex): boolean {
	const [minX, minY, maxX, maxY] = bbox([p, q]);
	for (const s of walls.search(minX, minY, maxX, maxY)) {
		const hit = segmentIntersection(p, q, walls.a[s], walls.b[s]);
		if (!hit || hit.t < 0 || hit.t > 1 || hit.u < 0 || hit.u > 1) continue;
		const onOwn = own.some((ring) => ring.includes(walls.a[s]) && ring.includes(walls.b[s]));
		if (!onOwn) return false;
	}
	return true;
}

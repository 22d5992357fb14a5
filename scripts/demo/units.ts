import { distance, perp, pointInRing, ringArea, scale, add, splitSegment, sub, lerp, normalize, type Point, type Polygon, type Ring } from './geometry';
import type { NameBook } from './names';
import { blockSetRings, type Block, type Town } from './town';

export interface StreetPlan {
	code: string;
	name: string;
	/** Real OSM centre, design frame. */
	centre: Point;
	blocks: Block[];
}

export interface CommunityPlan {
	id: string;
	name: string;
	street: number;
	blocks: Block[];
	population: number;
}

export interface UnitPlan {
	streets: StreetPlan[];
	communities: CommunityPlan[];
	streetOfBlock: Map<number, number>;
	communityOfBlock: Map<number, number>;
}

/**
 * How fast each street's territory grows from its centre (relative): the three old-core streets
 * are small and dense, 长安 (west) and 新村 (south) are larger, newer districts.
 */
const GROWTH_SPEED: Record<string, number> = { bc: 1, xc: 1, dc: 1, ca: 1.3, xn: 1.7 };

/** About this many communities in all, shared out by population (at least three per street). */
const COMMUNITY_COUNT = 32;

export function planUnits(
	town: Town,
	streets: { code: string; name: string; centre: Point }[],
	blockPopulation: Map<number, number>,
	names: NameBook
): UnitPlan {
	const byCell = new Map<string, Block>();
	for (const block of town.blocks) byCell.set(`${block.i},${block.j}`, block);
	const neighbours = (block: Block): Block[] =>
		[
			[1, 0],
			[-1, 0],
			[0, 1],
			[0, -1]
		]
			.map(([di, dj]) => byCell.get(`${block.i + di},${block.j + dj}`))
			.filter((b): b is Block => b !== undefined);

	// Streets: grow from the block holding each real centre, cheapest (distance / speed) first.
	const streetOfBlock = new Map<number, number>();
	streets.forEach((street, s) => {
		const seed = town.blocks.find((block) => pointInRing(street.centre, block.corners));
		if (!seed) throw new Error(`${street.name}: its centre is not inside the town`);
		if (streetOfBlock.has(seed.index)) throw new Error(`${street.name}: shares a block with another street centre`);
		streetOfBlock.set(seed.index, s);
	});
	while (streetOfBlock.size < town.blocks.length) {
		let best: { block: Block; street: number; cost: number } | null = null;
		for (const block of town.blocks) {
			if (streetOfBlock.has(block.index)) continue;
			for (const neighbour of neighbours(block)) {
				const s = streetOfBlock.get(neighbour.index);
				if (s === undefined) continue;
				const cost = distance(block.centroid, streets[s].centre) / GROWTH_SPEED[streets[s].code];
				if (!best || cost < best.cost || (cost === best.cost && s < best.street)) best = { block, street: s, cost };
			}
		}
		if (!best) throw new Error('town blocks are not connected');
		streetOfBlock.set(best.block.index, best.street);
	}
	const streetPlans: StreetPlan[] = streets.map((street, s) => ({
		...street,
		blocks: town.blocks.filter((block) => streetOfBlock.get(block.index) === s)
	}));

	// Communities: per street, seeds spread out by farthest-point sampling, then grown so that
	// their populations stay balanced (the least populous community takes the next block).
	const totalPopulation = [...blockPopulation.values()].reduce((a, b) => a + b, 0);
	const population = (block: Block) => blockPopulation.get(block.index) ?? 0;
	const communities: CommunityPlan[] = [];
	const communityOfBlock = new Map<number, number>();
	streetPlans.forEach((street, s) => {
		const streetPopulation = street.blocks.reduce((sum, block) => sum + population(block), 0);
		const count = Math.max(3, Math.round((COMMUNITY_COUNT * streetPopulation) / totalPopulation));
		const peopled = street.blocks.filter((block) => population(block) > 0);
		const pool = peopled.length >= count ? peopled : street.blocks;
		const seeds: Block[] = [pool.reduce((best, b) => (distance(b.centroid, street.centre) < distance(best.centroid, street.centre) ? b : best))];
		while (seeds.length < count) {
			const next = pool
				.filter((b) => !seeds.includes(b))
				.reduce((best, b) => {
					const gap = (x: Block) => Math.min(...seeds.map((seed) => distance(seed.centroid, x.centroid)));
					return gap(b) > gap(best) ? b : best;
				});
			seeds.push(next);
		}
		const local = seeds.map((seed) => ({ seed, blocks: [seed], population: population(seed) }));
		const owner = new Map<number, number>();
		local.forEach((c, k) => owner.set(c.seed.index, k));
		const inStreet = new Set(street.blocks.map((b) => b.index));
		while (owner.size < street.blocks.length) {
			const order = local.map((_, k) => k).sort((a, b) => local[a].population - local[b].population || a - b);
			let grown = false;
			for (const k of order) {
				const frontier = local[k].blocks
					.flatMap(neighbours)
					.filter((b) => inStreet.has(b.index) && !owner.has(b.index));
				if (frontier.length === 0) continue;
				const pick = frontier.reduce((best, b) =>
					distance(b.centroid, local[k].seed.centroid) < distance(best.centroid, local[k].seed.centroid) ? b : best
				);
				owner.set(pick.index, k);
				local[k].blocks.push(pick);
				local[k].population += population(pick);
				grown = true;
				break;
			}
			if (!grown) throw new Error(`${street.name}: blocks are not connected`);
		}
		// Number communities north to south, then west to east.
		const ordered = [...local].sort((a, b) => b.seed.centroid.y - a.seed.centroid.y || a.seed.centroid.x - b.seed.centroid.x);
		ordered.forEach((c, k) => {
			const index = communities.length;
			communities.push({
				id: `513401-${street.code}-${String(k + 1).padStart(2, '0')}`,
				name: names.community(),
				street: s,
				blocks: [...c.blocks].sort((a, b) => a.index - b.index),
				population: c.population
			});
			for (const block of c.blocks) communityOfBlock.set(block.index, index);
		});
	});
	return { streets: streetPlans, communities, streetOfBlock, communityOfBlock };
}

/**
 * Polygons of a set of blocks, design frame. Every mesh edge is densified the same way whichever
 * unit it bounds (from its lower corner id to its higher one), so neighbouring units share their
 * boundary vertex for vertex.
 */
export function unitPolygons(blocks: Block[], corners: Point[], maxEdge = 40): Polygon[] {
	const rings = blockSetRings(blocks).map((ids) => {
		const ring: Ring = [];
		for (let k = 0; k < ids.length; k++) {
			const a = ids[k];
			const b = ids[(k + 1) % ids.length];
			const lo = Math.min(a, b);
			const hi = Math.max(a, b);
			const inner = splitSegment(corners[lo], corners[hi], maxEdge);
			ring.push(corners[a], ...(a === lo ? inner : inner.reverse()));
		}
		return ring;
	});
	const outers = rings.filter((ring) => ringArea(ring) > 0);
	const holes = rings.filter((ring) => ringArea(ring) < 0);
	const polygons: Polygon[] = outers.map((ring) => [ring]);
	for (const hole of holes) {
		// A point just on the unit's side of the hole's first edge (left of a clockwise hole edge).
		const probe = add(lerp(hole[0], hole[1], 0.5), scale(normalize(perp(sub(hole[1], hole[0]))), 0.5));
		const owner = polygons.find((polygon) => pointInRing(probe, polygon[0]));
		if (!owner) throw new Error('unit hole outside every outer ring');
		owner.push(hole);
	}
	return polygons;
}

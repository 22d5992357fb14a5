import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDatasetFolder } from '../../src/cli/files';
import { polygonsArea } from '../../src/lib/engine/clip';
import { CoverageModel, facilitiesForQuery } from '../../src/lib/engine/coverage';
import { buildWalkingNetwork, NetworkSearch, snapToNetwork } from '../../src/lib/engine/network';
import { createLocalProjection } from '../../src/lib/engine/projection';
import { queryInMode, type CoverageQuery } from '../../src/lib/engine/rules';
import { uncoveredCollection } from '../../src/lib/engine/exportUncovered';
import type { Dataset, PathFeature } from '../../src/lib/engine/types';
import { validateDataset } from '../../src/lib/engine/validate';
import { walkGeometry, walkPolygons } from '../../src/lib/engine/walkArea';
import { CENTER, dataset, facility, residential, ringFromMetres, square } from './fixtures';

const projection = createLocalProjection(CENTER);

/** A path line through metric points (x east, y north around CENTER). */
function path(id: string, points: [number, number][]): PathFeature {
	return { type: 'Feature', geometry: { type: 'LineString', coordinates: ringFromMetres(points).slice(0, -1) }, properties: { id } };
}

const withPaths = (data: Dataset, paths: PathFeature[]): Dataset => ({ ...data, paths });

const walkQuery = (budgetM: number, accessM: number, categories: CoverageQuery['categories'] = ['kindergarten']): CoverageQuery =>
	queryInMode({ ruleId: 'test', categories, radiusM: budgetM, includePlanned: false, mode: 'straight' }, 'walk', {
		minutes: budgetM / 50,
		speedMPerMin: 50,
		accessM
	});

describe('walking network graph', () => {
	it('connects lines only where they share a vertex, and measures segments in metres', () => {
		// A 1 km street and a bridge crossing it at x = 500 without a shared vertex, plus one that shares it.
		const network = buildWalkingNetwork(
			[path('street', [[0, 0], [500, 0], [1000, 0]]), path('bridge', [[250, -100], [250, 100]]), path('side', [[500, 0], [500, 300]])],
			projection
		);
		expect(network.nodeCount).toBe(6); // 3 street vertices (one shared with the side street), 2 bridge, 1 side end
		expect(network.segmentCount).toBe(4);
		const search = new NetworkSearch(network);
		const start = snapToNetwork(network, 0, 0)!;
		const reach = search.search([{ snap: start, costM: 0 }], 10_000);
		// Bridge is not reachable (no shared vertex); the side street end is 500 + 300 m away.
		expect(reach.reachedCount).toBe(4);
		const sideEnd = snapToNetwork(network, 500, 300)!;
		const sideEndNode = sideEnd.t > 0.5 ? network.segmentTo[sideEnd.segment] : network.segmentFrom[sideEnd.segment];
		expect(reach.distance[sideEndNode]).toBeCloseTo(800, 3);
	});

	it('snaps to the nearest point of the nearest segment and stops at the cutoff, partial edges included', () => {
		const network = buildWalkingNetwork([path('street', [[-500, 0], [500, 0]])], projection);
		const snap = snapToNetwork(network, 120, 30)!;
		expect(snap.distanceM).toBeCloseTo(30, 2); // proj4's inverse LAEA (authalic series) is good to a few mm
		expect(snap.x).toBeCloseTo(120, 2);
		const reach = new NetworkSearch(network).search([{ snap, costM: snap.distanceM }], 300);
		expect(reach.reachedCount).toBe(0); // both ends are > 300 m away
		// Hand computation: 30 m access leg, 300 m budget, 50 m access distance → the street from
		// x = 120 − 220 to 120 + 220 widened by 50 m: 440 × 100 m rectangle plus a 50 m disc = 51,853.98 m².
		const area = polygonsArea(walkPolygons(walkGeometry(network, reach, 50)));
		expect(area).toBeGreaterThan(51_853.98 * 0.999);
		expect(area).toBeLessThan(51_853.98 * 1.0001);
	});

	it('leaves a smaller disc at the frontier when less than the access distance is left after the access leg', () => {
		const network = buildWalkingNetwork([path('street', [[-500, 0], [500, 0]])], projection);
		const snap = snapToNetwork(network, 0, 280)!;
		const reach = new NetworkSearch(network).search([{ snap, costM: snap.distanceM }], 300);
		// 20 m left at the street: a 20 m disc, π·20² = 1256.64 m².
		expect(polygonsArea(walkPolygons(walkGeometry(network, reach, 50)))).toBeCloseTo(1256.64, 0);
	});
});

describe('river with one bridge', () => {
	// Two banks 200 m apart (streets at y = ±100), one bridge at x = 1000. A kindergarten on the north
	// street at x = 0; an area on the south bank right across (straight-line ≤ 255 m away) and one on
	// the north bank 300 m along the street.
	const paths = [
		path('north', [[-1000, 100], [0, 100], [1000, 100], [2000, 100]]),
		path('south', [[-1000, -100], [0, -100], [1000, -100], [2000, -100]]),
		path('bridge', [[1000, 100], [1000, -100]])
	];
	const data = withPaths(
		dataset([residential('across', square(-20, -150, 40), 100), residential('along', square(280, 110, 40), 100)], [facility('k1', [0, 100])]),
		paths
	);

	it('the disc covers the area across the river; the walk (2.2 km round the bridge) does not', () => {
		const model = new CoverageModel(data);
		const straight = model.baseline({ ruleId: 'test', categories: ['kindergarten'], radiusM: 500, includePlanned: false, mode: 'straight' });
		expect(straight.areas.map((area) => area.coveredShare)).toEqual([1, 1]);
		const walk = model.baseline(walkQuery(500, 50));
		expect(walk.evaluatedAs).toBe('walk');
		const [across, along] = walk.areas;
		expect(across.coveredShare).toBe(0);
		// 300 m along the street with 200 m left; its far side is 50 m from the street: wholly inside.
		expect(along.coveredShare).toBeCloseTo(1, 6);
		// The walk service area: street x ∈ [−450, 450] widened by 50 m → 900 × 100 + π·50².
		const area = polygonsArea([walk.serviceAreas[0].planar]);
		expect(area / (90_000 + Math.PI * 2500)).toBeCloseTo(1, 3);
	});

	it('a proposed site by the bridge reaches across it, and the export records the walk', () => {
		const model = new CoverageModel(data);
		const query = walkQuery(500, 50);
		const baseline = model.baseline(query);
		const state = model.withProposals(baseline, [facility('p1', [800, 100])]);
		// From x = 800: 200 m to the bridge, 200 m across, then 100 m left on the south street: x ∈ [1000 − 50, …] —
		// the area across at x ∈ [−20, 20] is still 980 m further: uncovered.
		expect(state.areas[0].coveredShare).toBe(0);
		const collection = uncoveredCollection(data, model.projection, state);
		expect(collection.features[0].properties).toMatchObject({ mode: 'walk', evaluatedAs: 'walk', minutes: 10, speedMPerMin: 50, accessM: 50, reachM: 500 });
	});

	it('falls back to straight-line, and says so, when the dataset has no paths', () => {
		const model = new CoverageModel(withPaths(data, []));
		const state = model.baseline(walkQuery(500, 50));
		expect(state.evaluatedAs).toBe('straight');
		expect(state.areas[0].coveredShare).toBe(1);
	});
});

describe('xichang-demo against networkx and GEOS (scripts/independent/walk_networkx.py)', () => {
	// Expected values: /usr/bin/python3 scripts/independent/walk_networkx.py geodata/xichang-demo
	//   --categories elderly_daycare,elderly_service_center --budget 1000.5 --access 100
	// (networkx Dijkstra on a graph built independently from paths.geojson; shapely buffers, 64 segments per quarter).
	const expected = JSON.parse(readFileSync('tests/fixtures/walking/xichang-demo-HZ-1.json', 'utf8'));
	const demo = validateDataset(readDatasetFolder('geodata/xichang-demo'));
	const model = new CoverageModel(demo);
	const network = model.walkingNetwork()!;
	const query = walkQuery(1000.5, 100, ['elderly_daycare', 'elderly_service_center']);
	const facilities = facilitiesForQuery(demo.facilities, query);
	// The node at a vertex (not via snapping: a bridge may cross the vertex without sharing it).
	const nearestNode = (x: number, y: number) => {
		let best = -1;
		let bestDistance = Infinity;
		for (let node = 0; node < network.nodeCount; node++) {
			const distance = Math.hypot(network.nodeX[node] - x, network.nodeY[node] - y);
			if (distance < bestDistance) [best, bestDistance] = [node, distance];
		}
		return best;
	};

	it('network distances equal networkx', () => {
		const search = new NetworkSearch(network);
		expect(facilities.map((f) => f.properties.id)).toEqual(expected.facilities.map((f: { id: string }) => f.id));
		facilities.forEach((f, i) => {
			const reference = expected.facilities[i];
			const source = model.walkSource(f)!;
			expect(source.costM).toBeCloseTo(reference.accessM, 3);
			const reach = search.search([source], 1000.5);
			expect(reach.reachedCount).toBe(reference.reachedNodes);
			for (const [key, distance] of Object.entries(reference.distances as Record<string, number>)) {
				const [x, y] = model.projection.forward(key.split(',').map(Number));
				const node = nearestNode(x, y);
				expect(reach.isReached(node), `${key} at ${distance} m`).toBe(true);
				expect(reach.distance[node]).toBeCloseTo(distance, 3);
			}
		});
	});

	it('each walking service area equals the GEOS buffer within 0.1 % of area', () => {
		facilities.forEach((f, i) => {
			const area = polygonsArea([model.walkServiceArea(f, query).planar]);
			expect(Math.abs(area / expected.facilities[i].walkAreaM2 - 1)).toBeLessThan(0.001);
		});
	});

	it('covered residential area under walking coverage equals GEOS within 0.1 %', () => {
		const state = model.baseline(query);
		const covered = state.areas.reduce((sum, area) => sum + area.areaM2 - area.uncoveredAreaM2, 0);
		expect(Math.abs(covered / expected.coveredResidentialM2 - 1)).toBeLessThan(0.001);
	});
});

describe('the bench town against GEOS (scripts/independent, values in tests/fixtures/walking/bench-town.json)', () => {
	it('straight-line and walking coverage agree within 0.1 % of area', async () => {
		const { CITIES, syntheticCity } = await import('../../scripts/bench/synthetic');
		const expected = JSON.parse(readFileSync('tests/fixtures/walking/bench-town.json', 'utf8'));
		const model = new CoverageModel(syntheticCity(CITIES[0]));
		const straight: CoverageQuery = { ruleId: 'bench', categories: ['kindergarten'], radiusM: 300, includePlanned: false, mode: 'straight' };
		const covered = (query: CoverageQuery) => model.baseline(query).areas.reduce((sum, area) => sum + area.areaM2 - area.uncoveredAreaM2, 0);
		expect(Math.abs(covered(straight) / expected.straight300CoveredM2 - 1)).toBeLessThan(0.001);
		const walk = queryInMode({ ...straight, radiusM: 1000.5 }, 'walk', { minutes: 15, speedMPerMin: 66.7, accessM: 100 });
		expect(Math.abs(covered(walk) / expected.walk15CoveredM2 - 1)).toBeLessThan(0.001);
	});
});

describe('Monaco OSM walking network against networkx (tests/fixtures/walking/monaco*, scripts/fixtures/monaco-paths.ts)', () => {
	// Real OSM data (© OpenStreetMap contributors, ODbL 1.0): ways connect only where they share nodes.
	// Expected: /usr/bin/python3 scripts/independent/walk_networkx.py tests/fixtures/walking/monaco
	//   --categories elderly_daycare --budget 1000.5 --access 100
	const read = (name: string) => JSON.parse(readFileSync(`tests/fixtures/walking/${name}`, 'utf8'));
	const expected = read('monaco-expected.json');
	const meta = read('monaco/dataset.json');
	const monacoProjection = createLocalProjection(meta.center);
	const network = buildWalkingNetwork(read('monaco/paths.geojson').features, monacoProjection);
	const facilities = read('monaco/facilities.geojson').features as { properties: { id: string }; geometry: { coordinates: [number, number] } }[];

	it('distances, reached nodes and walking areas equal networkx / GEOS', () => {
		const search = new NetworkSearch(network);
		expect(facilities.map((f) => f.properties.id)).toEqual(expected.facilities.map((f: { id: string }) => f.id));
		const nodeIndex = new Map<string, number>();
		for (let node = 0; node < network.nodeCount; node++) nodeIndex.set(`${Math.round(network.nodeX[node] * 1000)},${Math.round(network.nodeY[node] * 1000)}`, node);
		facilities.forEach((f, i) => {
			const reference = expected.facilities[i];
			const [x, y] = monacoProjection.forward(f.geometry.coordinates);
			const snap = snapToNetwork(network, x, y)!;
			expect(snap.distanceM).toBeCloseTo(reference.accessM, 3);
			const reach = search.search([{ snap, costM: snap.distanceM }], 1000.5);
			expect(reach.reachedCount).toBe(reference.reachedNodes);
			for (const [key, distance] of Object.entries(reference.distances as Record<string, number>)) {
				const [nx, ny] = monacoProjection.forward(key.split(',').map(Number));
				const node = nodeIndex.get(`${Math.round(nx * 1000)},${Math.round(ny * 1000)}`)!;
				expect(node, key).toBeDefined();
				expect(reach.distance[node]).toBeCloseTo(distance, 3);
			}
			// Uniting a whole city's walk is slow in clipper2-ts (seconds): areas are checked on the smallest and the largest-but-one.
			if (i !== 0 && i !== 4) return;
			const area = polygonsArea(walkPolygons(walkGeometry(network, reach, 100)));
			expect(Math.abs(area / reference.walkAreaM2 - 1)).toBeLessThan(0.001);
		});
	});
});

describe('lines that cross without a shared vertex', () => {
	const paths = [path('east-west', [[-500, 0], [500, 0]]), path('north-south', [[0, -500], [0, 500]])];
	it('stay apart by default (bridges in OSM) and are counted', () => {
		const network = buildWalkingNetwork(paths, projection);
		expect(network.crossings).toBe(1);
		expect(network.noded).toBe(false);
		const reach = new NetworkSearch(network).search([{ snap: snapToNetwork(network, -500, 0)!, costM: 0 }], 5000);
		expect(reach.reachedCount).toBe(2); // only the east–west line's two ends
	});
	it('are joined at the crossing when asked (hand-drawn data)', () => {
		const network = buildWalkingNetwork(paths, projection, { nodeCrossings: true });
		expect(network.noded).toBe(true);
		expect(network.segmentCount).toBe(4);
		const reach = new NetworkSearch(network).search([{ snap: snapToNetwork(network, -500, 0)!, costM: 0 }], 5000);
		expect(reach.reachedCount).toBe(5);
		// From (−500, 0) to (0, 500): 500 m to the crossing, 500 m north (hand computation).
		const end = snapToNetwork(network, 0, 500)!;
		const node = end.t > 0.5 ? network.segmentTo[end.segment] : network.segmentFrom[end.segment];
		expect(reach.distance[node]).toBeCloseTo(1000, 2);
	});
});

/**
 * Builds the embedded demo dataset geodata/xichang-demo/ (synthetic 西昌 core town).
 * `npm run build:demo` writes the files; `buildDemo()` returns their contents, for the test that
 * checks the committed files are exactly what the generator makes. See geodata/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Position } from 'geojson';
import { FACILITY_CATEGORIES, FACILITY_STATUSES, type DatasetMeta, type FacilityCategory, type FacilityStatus } from '../src/lib/engine/types';
import { addRuleAttributes } from './demo/attributes';
import { placeFacilities } from './demo/facilities';
import { Frame, round6 } from './demo/frame';
import { booleanOp, densifyLine, densifyRing, polygonArea, pt, ringSelfIntersects, type Point, type Polygon, type Ring } from './demo/geometry';
import { loadInputs, type DemoInputs } from './demo/inputs';
import { NameBook } from './demo/names';
import { lineComponents, nodeLines } from './demo/network';
import { featureCollection, toGeometry, type OutputFeature } from './demo/output';
import { populate, type Residents } from './demo/people';
import { Random } from './demo/random';
import { buildTown, type Compound, type Road, type RoadKind } from './demo/town';
import { planUnits, unitPolygons } from './demo/units';

export const DEMO_DIR = 'geodata/xichang-demo';
export const DEMO_FILES = ['dataset.json', 'residential.geojson', 'facilities.geojson', 'units.geojson', 'paths.geojson', 'water.geojson'] as const;
export type DemoFileName = (typeof DEMO_FILES)[number];

/** The one seed. Change it and every file changes. */
const SEED = 20201101;

/** Pull of each street centre on development (see TownOptions.centreWeights). */
const CENTRE_WEIGHT: Record<string, number> = { bc: 1, xc: 1, dc: 1, ca: 0.9, xn: 0.85 };

/** Longest segment kept on each kind of path (metres) once the network is noded. */
const MAX_SEGMENT: Record<RoadKind, number> = { primary: 90, secondary: 90, residential: 70, footway: 60 };

export const ATTRIBUTION =
	'Synthetic demo data: all geometry (streets, communities, residential areas, facilities, paths, river) is invented. ' +
	'Anchored on the real positions of the five street centres (北城, 西城, 东城, 长安, 新村街道), © OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright), ' +
	'and on figures of the 2020 census of 西昌市 (population shares aged 60+ and under 3, household size): NBS, Tabulation on the 2020 China Population Census by County, ' +
	'via thebamboogrove/tudigong (MIT).';

export interface DemoStats {
	units: Record<string, number>;
	residentialAreas: number;
	multiPolygons: number;
	builtNew: number;
	population: number;
	elderly: number;
	infants: number;
	households: number;
	areaHectares: { min: number; max: number; total: number };
	facilities: Record<string, Record<string, number>>;
	facilityCount: number;
	pathFeatures: Record<string, number>;
	pathSegments: number;
	pathLengthKm: number;
	droppedPathFeatures: number;
	connected: boolean;
	bridges: number;
	bbox: [number, number, number, number];
	extentKm: [number, number];
	center: [number, number];
	childcareReach300: CoverageStats;
	elderlyReach1000: CoverageStats;
	placesPer1000: number;
	bedsPer1000Elderly: number;
	nursingShare: number;
}

export interface CoverageStats {
	covered: number;
	partly: number;
	uncovered: number;
	uncoveredPopulationShare: number;
}

export function buildDemo(inputs: DemoInputs = loadInputs()): Record<DemoFileName, string> {
	return buildDemoWithStats(inputs).files;
}

export function buildDemoWithStats(inputs: DemoInputs = loadInputs()): { files: Record<DemoFileName, string>; stats: DemoStats } {
	const random = new Random(SEED);
	const names = new NameBook(random.fork('names'));
	const projectionCentre: [number, number] = [
		round6(inputs.streets.reduce((sum, s) => sum + s.lonLat[0], 0) / inputs.streets.length),
		round6(inputs.streets.reduce((sum, s) => sum + s.lonLat[1], 0) / inputs.streets.length)
	];
	const frame = new Frame(projectionCentre);
	const streets = inputs.streets.map((s) => ({ code: s.code, name: s.name, centre: frame.fromLonLat(s.lonLat) }));
	const oldCore = streets.filter((s) => ['bc', 'xc', 'dc'].includes(s.code));
	const core = pt(oldCore.reduce((sum, s) => sum + s.centre.x, 0) / oldCore.length, oldCore.reduce((sum, s) => sum + s.centre.y, 0) / oldCore.length);

	const centreWeights = streets.map((s) => CENTRE_WEIGHT[s.code]);
	const town = buildTown({
		random: random.fork('town'),
		names,
		streetCentres: streets.map((s) => s.centre),
		core,
		centreWeights,
		areaScale: (p) => frame.areaScale(p)
	});
	const residents = populate(town.compounds, inputs.census, random.fork('people'));
	const blockPopulation = new Map<number, number>();
	town.compounds.forEach((c, k) => blockPopulation.set(c.block.index, (blockPopulation.get(c.block.index) ?? 0) + residents[k].population));
	const plan = planUnits(town, streets, blockPopulation, names);

	// Residential areas, numbered community by community, north to south.
	const communityOf = (compound: Compound) => plan.communityOfBlock.get(compound.block.index) as number;
	const order = town.compounds
		.map((_, k) => k)
		.sort((a, b) => {
			const ca = communityOf(town.compounds[a]);
			const cb = communityOf(town.compounds[b]);
			const pa = town.compounds[a].anchor;
			const pb = town.compounds[b].anchor;
			return ca - cb || pb.y - pa.y || pa.x - pb.x;
		});
	const compoundNames: string[] = new Array(town.compounds.length);
	for (const k of order) compoundNames[k] = names.compound(residents[k].built);
	const residentialFeatures: OutputFeature[] = order.map((k, n) => ({
		properties: {
			id: `res-${String(n + 1).padStart(4, '0')}`,
			name: compoundNames[k],
			population: residents[k].population,
			elderly: residents[k].elderly,
			infants: residents[k].infants,
			households: residents[k].households,
			built: residents[k].built,
			community: plan.communities[communityOf(town.compounds[k])].id
		},
		geometry: toGeometry(
			town.compounds[k].parts.map((part) => part.map((ring) => densifyRing(ring, 40))),
			frame
		)
	}));

	// Facilities.
	const facilities = placeFacilities({
		compounds: town.compounds,
		residents,
		compoundNames,
		communityOfCompound: town.compounds.map(communityOf),
		openParcels: town.openParcels,
		communityOfParcel: town.openParcels.map((p) => plan.communityOfBlock.get(p.block.index) as number),
		communities: plan.communities,
		streets: plan.streets,
		random: random.fork('facilities'),
		names,
		counters: { publicKindergartens: 0 }
	});
	// Listed category by category (contract order), existing first, then north to south.
	const categoryRank = (c: FacilityCategory) => FACILITY_CATEGORIES.indexOf(c);
	const statusRank = (s: FacilityStatus) => FACILITY_STATUSES.indexOf(s);
	facilities.sort(
		(a, b) =>
			categoryRank(a.properties.category) - categoryRank(b.properties.category) ||
			statusRank(a.properties.status) - statusRank(b.properties.status) ||
			b.point.y - a.point.y ||
			a.point.x - b.point.x
	);
	const facilityFeatures: OutputFeature[] = facilities.map((f, n) => ({
		properties: { id: `fac-${String(n + 1).padStart(3, '0')}`, ...f.properties },
		geometry: { type: 'Point', coordinates: frame.toLonLat(f.point) }
	}));
	addRuleAttributes(
		facilityFeatures.map((feature, n) => ({ properties: feature.properties, point: facilities[n].point })),
		residentialFeatures.map((feature, n) => ({ properties: feature.properties, anchor: town.compounds[order[n]].anchor }))
	);

	// Units: the county outline, five streets, their communities.
	const unitFeatures: OutputFeature[] = [];
	const countyId = '513401-core';
	unitFeatures.push({
		properties: { id: countyId, name: '西昌市中心城区', level: 'county', parent: null },
		geometry: toGeometry(unitPolygons(town.blocks, town.corners), frame)
	});
	plan.streets.forEach((street) =>
		unitFeatures.push({
			properties: { id: `513401-${street.code}`, name: street.name, level: 'street', parent: countyId },
			geometry: toGeometry(unitPolygons(street.blocks, town.corners), frame)
		})
	);
	for (const community of plan.communities)
		unitFeatures.push({
			properties: { id: community.id, name: community.name, level: 'community', parent: `513401-${plan.streets[community.street].code}` },
			geometry: toGeometry(unitPolygons(community.blocks, town.corners), frame)
		});

	// Paths: noded like OSM, densified, rounded; only the connected network is kept.
	const kindOrder: RoadKind[] = ['primary', 'secondary', 'residential', 'footway'];
	const roads: Road[] = kindOrder.flatMap((kind) => town.roads.filter((road) => road.kind === kind));
	const noded = nodeLines(roads.map((road) => road.points));
	const lonLatLines = noded.map((line, k) => {
		const dense = densifyLine(line, MAX_SEGMENT[roads[k].kind]);
		const out: Position[] = [];
		for (const p of dense) {
			const q = frame.toLonLat(p);
			const last = out[out.length - 1];
			if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
		}
		return out;
	});
	const usable = lonLatLines.map((line) => line.length >= 2);
	const components = lineComponents(lonLatLines.map((line) => line.map(([x, y]) => pt(x, y))));
	const sizes = new Map<number, number>();
	components.forEach((c, k) => usable[k] && sizes.set(c, (sizes.get(c) ?? 0) + lonLatLines[k].length - 1));
	const main = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
	const pathFeatures: OutputFeature[] = [];
	let dropped = 0;
	lonLatLines.forEach((line, k) => {
		if (!usable[k] || components[k] !== main) {
			dropped++;
			return;
		}
		const road = roads[k];
		pathFeatures.push({
			properties: {
				id: `path-${String(pathFeatures.length + 1).padStart(4, '0')}`,
				kind: road.kind,
				...(road.name ? { name: road.name } : {}),
				...(road.bridge ? { bridge: true } : {})
			},
			geometry: { type: 'LineString', coordinates: line }
		});
	});

	const waterFeatures: OutputFeature[] = [
		{ properties: { id: 'water-1', kind: 'river', name: '东河', synthetic: true }, geometry: toGeometry(town.river, frame) }
	];

	checkPolygons([...residentialFeatures, ...unitFeatures, ...waterFeatures]);

	const countyGeometry = unitFeatures[0].geometry as { coordinates: Position[][] };
	const bounds = lonLatBounds(countyGeometry.coordinates[0]);
	const meta: DatasetMeta = {
		name: { zh: '西昌市中心城区（示意数据）', en: 'Xichang core (synthetic demo)' },
		synthetic: true,
		attribution: ATTRIBUTION,
		center: [round6((bounds[0] + bounds[2]) / 2), round6((bounds[1] + bounds[3]) / 2)]
	};
	const files: Record<DemoFileName, string> = {
		'dataset.json': `${JSON.stringify(meta, null, '\t')}\n`,
		'residential.geojson': featureCollection(residentialFeatures),
		'facilities.geojson': featureCollection(facilityFeatures),
		'units.geojson': featureCollection(unitFeatures),
		'paths.geojson': featureCollection(pathFeatures),
		'water.geojson': featureCollection(waterFeatures)
	};

	const stats = collectStats({
		frame,
		bounds,
		center: meta.center,
		residents,
		compounds: town.compounds,
		facilities,
		units: unitFeatures,
		paths: pathFeatures,
		dropped
	});
	return { files, stats };
}

function lonLatBounds(ring: Position[]): [number, number, number, number] {
	const xs = ring.map((p) => p[0]);
	const ys = ring.map((p) => p[1]);
	return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Fails the build if a rounded ring crosses itself (the test checks the same with turf.kinks). */
function checkPolygons(features: OutputFeature[]): void {
	for (const feature of features) {
		const geometry = feature.geometry as { type: string; coordinates: Position[][] | Position[][][] };
		const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Position[][][];
		for (const polygon of polygons)
			for (const ring of polygon) {
				const points = ring.slice(0, -1).map(([x, y]) => pt(x, y));
				if (ring.length < 4 || ringSelfIntersects(points)) throw new Error(`invalid ring in ${String(feature.properties.id)}`);
			}
	}
}

function collectStats(input: {
	frame: Frame;
	bounds: [number, number, number, number];
	center: [number, number];
	residents: Residents[];
	compounds: Compound[];
	facilities: ReturnType<typeof placeFacilities>;
	units: OutputFeature[];
	paths: OutputFeature[];
	dropped: number;
}): DemoStats {
	const { frame, residents, compounds, facilities } = input;
	const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
	const units: Record<string, number> = {};
	for (const unit of input.units) units[String(unit.properties.level)] = (units[String(unit.properties.level)] ?? 0) + 1;
	const byCategory: Record<string, Record<string, number>> = {};
	for (const f of facilities) {
		const entry = (byCategory[f.properties.category] ??= {});
		entry[f.properties.status] = (entry[f.properties.status] ?? 0) + 1;
	}
	const pathFeatures: Record<string, number> = {};
	let segments = 0;
	let lengthKm = 0;
	for (const path of input.paths) {
		pathFeatures[String(path.properties.kind)] = (pathFeatures[String(path.properties.kind)] ?? 0) + 1;
		const coordinates = (path.geometry as { coordinates: Position[] }).coordinates;
		segments += coordinates.length - 1;
		for (let k = 1; k < coordinates.length; k++) {
			const a = frame.lonLatToMetres(coordinates[k - 1] as [number, number]);
			const b = frame.lonLatToMetres(coordinates[k] as [number, number]);
			lengthKm += Math.hypot(a.x - b.x, a.y - b.y) / 1000;
		}
	}
	const [west, south, east, north] = input.bounds;
	const sw = frame.lonLatToMetres([west, south]);
	const ne = frame.lonLatToMetres([east, north]);
	const world = (p: Point) => frame.warp(p);
	const worldParts = compounds.map((c) => c.parts.map((part) => part.map((ring) => densifyRing(ring, 20).map(world))));
	const existing = (categories: FacilityCategory[], statuses: FacilityStatus[] = ['existing']) =>
		facilities.filter((f) => categories.includes(f.properties.category) && statuses.includes(f.properties.status));
	const coverage = (categories: FacilityCategory[], reach: number): CoverageStats => {
		const circles: Ring[] = existing(categories).map((f) => {
			const c = world(f.point);
			return Array.from({ length: 96 }, (_, k) => pt(c.x + reach * Math.cos((2 * Math.PI * k) / 96), c.y + reach * Math.sin((2 * Math.PI * k) / 96)));
		});
		const reached = booleanOp('union', circles).flat();
		const result = { covered: 0, partly: 0, uncovered: 0, uncoveredPopulationShare: 0 };
		let uncoveredPeople = 0;
		worldParts.forEach((parts, k) => {
			const total = sum(parts.map((polygon: Polygon) => polygonArea(polygon)));
			const inside = sum(booleanOp('intersection', parts.flat(), reached).map(polygonArea));
			const share = inside / total;
			if (share > 0.999) result.covered++;
			else if (share < 0.001) result.uncovered++;
			else result.partly++;
			uncoveredPeople += residents[k].population * (1 - Math.min(1, share));
		});
		result.uncoveredPopulationShare = uncoveredPeople / sum(residents.map((r) => r.population));
		return result;
	};
	const population = sum(residents.map((r) => r.population));
	const elderly = sum(residents.map((r) => r.elderly));
	const places = sum(existing(['childcare_center', 'community_childcare', 'kindergarten']).map((f) => f.properties.capacity));
	const beds = existing(['care_home', 'medical_care_home']);
	const bedCount = sum(beds.map((f) => f.properties.capacity));
	const areas = compounds.map((c) => c.area / 10_000);
	return {
		units,
		residentialAreas: compounds.length,
		multiPolygons: compounds.filter((c) => c.parts.length > 1).length,
		builtNew: residents.filter((r) => r.built === 'new').length,
		population,
		elderly,
		infants: sum(residents.map((r) => r.infants)),
		households: sum(residents.map((r) => r.households)),
		areaHectares: { min: Math.min(...areas), max: Math.max(...areas), total: sum(areas) },
		facilities: byCategory,
		facilityCount: facilities.length,
		pathFeatures,
		pathSegments: segments,
		pathLengthKm: lengthKm,
		droppedPathFeatures: input.dropped,
		connected: new Set(lineComponents(input.paths.map((p) => (p.geometry as { coordinates: Position[] }).coordinates.map(([x, y]) => pt(x, y))))).size === 1,
		bridges: input.paths.filter((p) => p.properties.bridge).length,
		bbox: input.bounds,
		extentKm: [(ne.x - sw.x) / 1000, (ne.y - sw.y) / 1000],
		center: input.center,
		childcareReach300: coverage(['childcare_center', 'kindergarten', 'community_childcare'], 300),
		elderlyReach1000: coverage(['elderly_daycare', 'elderly_service_center'], 1000),
		placesPer1000: (places / population) * 1000,
		bedsPer1000Elderly: (bedCount / elderly) * 1000,
		nursingShare: sum(beds.map((f) => f.properties.nursingBeds ?? 0)) / bedCount
	};
}

function main(): void {
	const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
	const { files, stats } = buildDemoWithStats();
	const dir = join(root, DEMO_DIR);
	mkdirSync(dir, { recursive: true });
	for (const name of DEMO_FILES) writeFileSync(join(dir, name), files[name]);
	console.log(`wrote ${DEMO_FILES.length} files to ${DEMO_DIR}`);
	console.log(JSON.stringify(stats, null, 2));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();

/**
 * Deterministic synthetic cities for `npm run bench`: a jittered street grid (each block side cut into
 * several segments, so the segment count matches a real network's), a river across the city crossed
 * only by a few bridges, residential compounds inside blocks and facilities on random blocks.
 * Geometry is built in local metres around 西昌 and converted to lon/lat, so the engine sees a normal dataset.
 */
import type { Dataset, Facility, PathFeature, ResidentialArea } from '../../src/lib/engine/types';
import { createLocalProjection } from '../../src/lib/engine/projection';
import { Random } from '../demo/random';

export interface CitySpec {
	name: string;
	areas: number;
	facilities: number;
	/** Target number of path segments. */
	segments: number;
	seed: number;
}

export const CITIES: CitySpec[] = [
	{ name: 'town', areas: 200, facilities: 50, segments: 5_000, seed: 11 },
	{ name: 'city', areas: 5_000, facilities: 500, segments: 50_000, seed: 12 },
	{ name: 'big city', areas: 20_000, facilities: 2_000, segments: 300_000, seed: 13 }
];

const CENTER: [number, number] = [102.26, 27.89];
const BLOCK_M = 110;
const PIECES_PER_SIDE = 4;

export function syntheticCity(spec: CitySpec): Dataset {
	const random = new Random(spec.seed);
	const projection = createLocalProjection(CENTER);
	const lonLat = (x: number, y: number) => {
		const [lon, lat] = projection.inverse([x, y]);
		return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
	};
	// Grid of n × n intersections: 2·n·(n−1) block sides, each cut into PIECES_PER_SIDE segments.
	const n = Math.max(4, Math.round(Math.sqrt(spec.segments / (2 * PIECES_PER_SIDE))));
	const half = ((n - 1) * BLOCK_M) / 2;
	const jitter = () => random.range(-12, 12);
	const nodeX: number[][] = [];
	const nodeY: number[][] = [];
	for (let i = 0; i < n; i++) {
		nodeX.push([]);
		nodeY.push([]);
		for (let j = 0; j < n; j++) {
			nodeX[i].push(-half + i * BLOCK_M + jitter());
			nodeY[i].push(-half + j * BLOCK_M + jitter());
		}
	}
	// The river runs east–west between rows riverRow and riverRow + 1; one bridge every 12 columns.
	const riverRow = Math.floor(n / 2) - 1;
	const paths: PathFeature[] = [];
	const side = (id: string, ax: number, ay: number, bx: number, by: number) => {
		const coordinates = [];
		for (let k = 0; k <= PIECES_PER_SIDE; k++) {
			const t = k / PIECES_PER_SIDE;
			const wobble = k === 0 || k === PIECES_PER_SIDE ? 0 : random.range(-3, 3);
			coordinates.push(lonLat(ax + (bx - ax) * t + wobble, ay + (by - ay) * t - wobble));
		}
		paths.push({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { id } });
	};
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < n; j++) {
			if (i + 1 < n) side(`h${i}-${j}`, nodeX[i][j], nodeY[i][j], nodeX[i + 1][j], nodeY[i + 1][j]);
			if (j + 1 < n && (j !== riverRow || i % 12 === 6)) side(`v${i}-${j}`, nodeX[i][j], nodeY[i][j], nodeX[i][j + 1], nodeY[i][j + 1]);
		}
	}

	const residential: ResidentialArea[] = [];
	for (let k = 0; k < spec.areas; k++) {
		const i = random.int(0, n - 2);
		const j = random.int(0, n - 2);
		const cx = (nodeX[i][j] + nodeX[i + 1][j + 1]) / 2 + random.range(-15, 15);
		const cy = (nodeY[i][j] + nodeY[i + 1][j + 1]) / 2 + random.range(-15, 15);
		const w = random.range(20, 40);
		const h = random.range(20, 40);
		const ring = [
			lonLat(cx - w, cy - h),
			lonLat(cx + w, cy - h),
			lonLat(cx + w, cy + h * 0.4),
			lonLat(cx + w * 0.3, cy + h),
			lonLat(cx - w, cy + h)
		];
		ring.push(ring[0]);
		residential.push({
			type: 'Feature',
			geometry: { type: 'Polygon', coordinates: [ring] },
			properties: { id: `r${k}`, name: `r${k}`, population: random.int(300, 3000), elderly: 0, infants: 0, households: 0, built: 'existing', community: 'c1' }
		});
	}
	const facilities: Facility[] = [];
	for (let k = 0; k < spec.facilities; k++) {
		const x = random.range(-half, half);
		const y = random.range(-half, half);
		facilities.push({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: lonLat(x, y) },
			properties: { id: `f${k}`, name: `f${k}`, category: 'kindergarten', capacity: 100, operator: 'public', affordable: true, status: 'existing' }
		});
	}
	const extent = [lonLat(-half - 500, -half - 500), lonLat(half + 500, -half - 500), lonLat(half + 500, half + 500), lonLat(-half - 500, half + 500)];
	extent.push(extent[0]);
	return {
		meta: { name: { zh: spec.name, en: spec.name }, synthetic: true, attribution: 'synthetic', center: CENTER },
		residential,
		facilities,
		units: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [extent] }, properties: { id: 'c1', name: 'c1', level: 'community', parent: null } }],
		paths,
		water: []
	};
}

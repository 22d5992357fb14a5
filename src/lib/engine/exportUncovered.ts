import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { polygonsArea, type PlanarPolygon } from './clip';
import type { CoverageState } from './coverage';
import { walkParameters } from './rules';
import type { LocalProjection } from './projection';
import type { Dataset } from './types';

/** Properties of one exported uncovered part (README, "Export"). */
export interface UncoveredPartProperties {
	residentialId: string;
	residentialName: string;
	rule: string;
	/** How the rule asks the reach to be measured. */
	mode: 'straight' | 'walk';
	/** How it was measured: `walk` along the network, or `straight` (also when a dataset has no paths). */
	evaluatedAs: 'straight' | 'walk';
	reachM: number;
	/** Walking parameters, when evaluated as a walk. */
	minutes?: number;
	speedMPerMin?: number;
	accessM?: number;
	includePlanned: boolean;
	uncoveredAreaM2: number;
	uncoveredPopulation: number;
	coveredShare: number;
}

export type UncoveredCollection = FeatureCollection<Polygon, UncoveredPartProperties>;

const round = (value: number, decimals: number) => {
	const factor = 10 ** decimals;
	return Math.round(value * factor) / factor;
};

/**
 * The uncovered parts of a coverage state as an RFC 7946 FeatureCollection: one Polygon feature per
 * uncovered part, WGS84, right-hand winding (exteriors counter-clockwise), 6 decimals (~0.1 m).
 */
export function uncoveredCollection(dataset: Dataset, projection: LocalProjection, state: CoverageState): UncoveredCollection {
	const features: Feature<Polygon, UncoveredPartProperties>[] = [];
	const walk = state.evaluatedAs === 'walk' ? walkParameters(state.query) : undefined;
	state.areas.forEach((area, index) => {
		if (area.uncovered.length === 0) return;
		const residential = dataset.residential[index].properties;
		for (const part of area.uncovered) {
			const coordinates = toLonLatPolygon(part, projection);
			if (coordinates.length === 0) continue;
			const partArea = area.uncoveredAreaM2 > 0 ? polygonsArea([part]) : 0;
			const share = area.uncoveredAreaM2 > 0 ? partArea / area.uncoveredAreaM2 : 0;
			features.push({
				type: 'Feature',
				geometry: { type: 'Polygon', coordinates },
				properties: {
					residentialId: residential.id,
					residentialName: residential.name,
					rule: state.query.ruleId,
					mode: state.query.mode,
					evaluatedAs: state.evaluatedAs,
					reachM: round(state.query.radiusM, 1),
					...(walk && { minutes: round(walk.minutes, 2), speedMPerMin: round(walk.speedMPerMin, 2), accessM: round(walk.accessM, 1) }),
					includePlanned: state.query.includePlanned,
					uncoveredAreaM2: round(partArea, 1),
					uncoveredPopulation: round(area.uncoveredPopulation * share, 1),
					coveredShare: round(area.coveredShare, 4)
				}
			});
		}
	});
	return { type: 'FeatureCollection', features };
}

/** The export as text, byte-identical for the app's download and the CLI. */
export function serializeUncovered(collection: UncoveredCollection): string {
	const lines = collection.features.map((feature) => JSON.stringify(feature));
	return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

/** Planar rings (outer CCW, holes CW in a y-north frame) to closed lon/lat rings; orientation carries over. */
function toLonLatPolygon(polygon: PlanarPolygon, projection: LocalProjection): Position[][] {
	const rings: Position[][] = [];
	polygon.forEach((ring, index) => {
		const positions: Position[] = [];
		for (const point of ring) {
			const [lon, lat] = projection.inverse([point.x, point.y]);
			const position = [round(lon, 6), round(lat, 6)];
			const last = positions[positions.length - 1];
			if (last && last[0] === position[0] && last[1] === position[1]) continue;
			positions.push(position);
		}
		while (positions.length > 1 && samePosition(positions[0], positions[positions.length - 1])) positions.pop();
		if (positions.length < 3) return;
		positions.push([...positions[0]]);
		if (index === 0 || rings.length > 0) rings.push(positions);
	});
	return rings;
}

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon, centroid } from '@turf/turf';
import type { Unit } from '../types';

/** Finest levels first: a residential area belongs to its community or village when one contains it. */
const LEVEL_ORDER = ['community', 'village', 'street', 'township', 'county'];

/**
 * Replaces a community given by name with its unit's id, and fills a blank `community` of imported residential areas with the finest unit containing the
 * area's centroid (OSM areas, Shapefiles without that column). Areas inside no unit keep it blank,
 * and the data contract's validation names them.
 */
export function assignCommunities(features: Feature[], units: Unit[]): { features: Feature[]; assigned: number } {
	const ordered = [...units].sort((a, b) => LEVEL_ORDER.indexOf(a.properties.level) - LEVEL_ORDER.indexOf(b.properties.level));
	let assigned = 0;
	const result = features.map((feature) => {
		const properties = feature.properties ?? {};
		if (typeof properties.community === 'string' && properties.community.trim() !== '') {
			// Tables often name the community (建新社区) rather than give its id.
			const byName = units.find((unit) => unit.properties.id !== properties.community && unit.properties.name === properties.community);
			if (!byName || units.some((unit) => unit.properties.id === properties.community)) return feature;
			assigned++;
			return { ...feature, properties: { ...properties, community: byName.properties.id } };
		}
		if (!feature.geometry || (feature.geometry.type !== 'Polygon' && feature.geometry.type !== 'MultiPolygon')) return feature;
		const point = centroid(feature as Feature<Polygon | MultiPolygon>);
		const unit = ordered.find((candidate) => booleanPointInPolygon(point, candidate));
		if (!unit) return feature;
		assigned++;
		return { ...feature, properties: { ...properties, community: unit.properties.id } };
	});
	return { features: result, assigned };
}

import proj4 from 'proj4';
import type { Position } from 'geojson';

/**
 * A local Lambert azimuthal equal-area projection on the WGS84 ellipsoid, centred on the dataset.
 * Areas measured in it are ellipsoidal areas (equal-area by construction), and within a city
 * (< 30 km from the centre) its linear scale differs from 1 by less than 1e-5, so distances and
 * circles drawn in it are true to the millimetre at the radii the plans use.
 * Turf's spherical areas would be off by 0.15–0.31 % at these latitudes (shared/PERFORMANCE.md).
 */
export interface LocalProjection {
	center: [number, number];
	/** [lon, lat] in degrees → [x, y] in metres (x east, y north). */
	forward(lonLat: Position): [number, number];
	/** [x, y] in metres → [lon, lat] in degrees. */
	inverse(xy: Position): [number, number];
}

export function createLocalProjection(center: [number, number]): LocalProjection {
	const [lon0, lat0] = center;
	const definition = `+proj=laea +lat_0=${lat0} +lon_0=${lon0} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`;
	const converter = proj4('EPSG:4326', definition);
	return {
		center: [lon0, lat0],
		forward: (lonLat) => converter.forward([lonLat[0], lonLat[1]]) as [number, number],
		inverse: (xy) => converter.inverse([xy[0], xy[1]]) as [number, number]
	};
}

import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { rewind } from '@turf/turf';
import { InputError, type InputProblem } from '../messages';
import type { LocalizedText } from '../types';
import { applyAreaMapping, type AreaMapping } from './areaFieldMapping';
import { converterToWgs84, type CrsChoice } from './crs';
import { recordProblem } from './problems';
import { repairPolygon, selfIntersects } from './repairPolygon';
import type { ImportTable } from './table';

/** The layers of the data contract a file can replace. */
export const IMPORT_LAYERS = ['facilities', 'residential', 'units', 'paths'] as const;
export type ImportLayer = (typeof IMPORT_LAYERS)[number];

const GEOMETRY_TYPES: Record<Exclude<ImportLayer, 'facilities'>, Geometry['type'][]> = {
	residential: ['Polygon', 'MultiPolygon'],
	units: ['Polygon', 'MultiPolygon'],
	paths: ['LineString', 'MultiLineString']
};

/**
 * Area and line layers (residential areas, units, paths) from GeoJSON or a Shapefile: geometry
 * converted to WGS84, properties kept (the data contract's validation checks them when the layer
 * joins the dataset). Self-intersecting polygons are repaired and each repair is reported.
 */
export function layerFromTable(
	table: ImportTable,
	layer: Exclude<ImportLayer, 'facilities'>,
	crs: CrsChoice,
	mapping: AreaMapping = {}
): { features: Feature[]; notices: LocalizedText[] } {
	const convert = converterToWgs84(crs);
	const convertAll = (coordinates: unknown): unknown =>
		typeof (coordinates as unknown[])[0] === 'number' ? convert(coordinates as Position).map(round6) : (coordinates as unknown[]).map(convertAll);
	const problems: InputProblem[] = [];
	const notices: LocalizedText[] = [];
	const features: Feature[] = [];
	table.records.forEach((record, index) => {
		const geometry = record.geometry;
		const properties = applyAreaMapping(record.values, mapping);
		const id = typeof properties.id === 'string' ? properties.id : undefined;
		const fail = (message: LocalizedText) => problems.push(recordProblem(table, index, message, id));
		if (!geometry) return fail({ zh: '缺少几何（geometry 为空）', en: 'has no geometry' });
		if (!GEOMETRY_TYPES[layer].includes(geometry.type))
			return fail({ zh: `几何类型为 ${geometry.type}，应为 ${GEOMETRY_TYPES[layer].join(' 或 ')}`, en: `geometry is ${geometry.type}; expected ${GEOMETRY_TYPES[layer].join(' or ')}` });
		if (!('coordinates' in geometry) || !Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0 || JSON.stringify(geometry.coordinates).indexOf('[[') < 0 && geometry.type !== 'LineString')
			return fail({ zh: '几何为空（没有坐标）', en: 'geometry is empty (no coordinates)' });
		let converted: Geometry;
		try {
			converted = { type: geometry.type, coordinates: convertAll(geometry.coordinates) } as Geometry;
		} catch {
			return fail({ zh: '坐标无法读取', en: 'coordinates cannot be read' });
		}
		if ((converted.type === 'Polygon' || converted.type === 'MultiPolygon') && closedRings(converted) && selfIntersects(converted)) {
			const repaired = repairPolygon(converted);
			if (!repaired) return fail({ zh: '多边形自相交且修复后面积为零', en: 'polygon intersects itself and has no area once repaired' });
			const where = recordProblem(table, index, { zh: '多边形自相交，已按非零环绕规则修复', en: 'polygon intersected itself; repaired (non-zero union)' }, id);
			notices.push({ zh: `${where.featureIndex !== undefined ? `第 ${where.featureIndex + 1} 个要素` : ''}${where.message.zh}`, en: `${where.featureIndex !== undefined ? `feature ${where.featureIndex + 1}: ` : ''}${where.message.en}` });
			converted = repaired;
		}
		// Shapefiles wind outer rings clockwise; the data contract is RFC 7946 (counter-clockwise).
		if (converted.type === 'Polygon' || converted.type === 'MultiPolygon') converted = rewind(converted as Polygon | MultiPolygon) as Geometry;
		features.push({ type: 'Feature', geometry: converted, properties });
	});
	if (problems.length) throw new InputError(problems);
	return { features, notices };
}

/** Unclosed rings are left for the contract's validation to reject with its own message. */
function closedRings(geometry: Geometry): boolean {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
	return polygons.every((rings) =>
		rings.every((ring) => ring.length >= 4 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1])
	);
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

import type { ExpressionSpecification, FilterSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { FACILITY_CATEGORIES, type FacilityCategory } from '../engine/types';
import { CATEGORY_COLORS, THEME } from './theme';

/** Source and layer ids, in one place so the map glue and the tests agree. */
export const SOURCE = {
	units: 'units',
	residential: 'residential',
	paths: 'paths',
	water: 'water',
	facilities: 'facilities',
	serviceAreas: 'service-areas',
	uncovered: 'uncovered',
	complianceFailing: 'compliance-failing',
	osm: 'osm'
} as const;

export const LAYER = {
	background: 'background',
	osm: 'osm-tiles',
	unitFill: 'units-fill',
	communityLine: 'units-community-line',
	streetLine: 'units-street-line',
	focusedUnit: 'units-focused-line',
	paths: 'paths-line',
	water: 'water-fill',
	residentialFill: 'residential-fill',
	residentialLine: 'residential-line',
	serviceAreaFill: 'service-areas-fill',
	serviceAreaLine: 'service-areas-line',
	/** Walking service areas are outlined solid, so both modes can be drawn side by side with the dashed discs. */
	serviceAreaWalkLine: 'service-areas-walk-line',
	uncoveredFill: 'uncovered-fill',
	uncoveredLine: 'uncovered-line',
	facilities: 'facilities-circle',
	complianceFailingFill: 'compliance-failing-fill',
	complianceFailingLine: 'compliance-failing-line'
} as const;

const empty = (): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features: [] });

/** A colour per facility category, as a `match` expression. */
export function categoryColor(): ExpressionSpecification {
	const pairs = FACILITY_CATEGORIES.flatMap((category) => [category, CATEGORY_COLORS[category]]);
	return ['match', ['get', 'category'], ...pairs, '#999999'] as unknown as ExpressionSpecification;
}

/** Residential fill by covered share (feature property `coveredShare`, absent until analysed). */
export function coverageColor(): ExpressionSpecification {
	const stops = THEME.coverageRamp.flatMap(([share, color]) => [share, color]);
	return ['case', ['has', 'coveredShare'], ['interpolate', ['linear'], ['get', 'coveredShare'], ...stops], '#d6d3d1'] as ExpressionSpecification;
}

/** 1 for facilities the current rule counts, faded otherwise. */
export function countedOpacity(categories: FacilityCategory[], includePlanned: boolean): ExpressionSpecification {
	const counted: ExpressionSpecification = ['in', ['get', 'category'], ['literal', categories]];
	const statusOk: ExpressionSpecification = includePlanned ? ['boolean', true] : ['==', ['get', 'status'], 'existing'];
	return ['case', ['all', counted, statusOk], 1, 0.25];
}

/** 1 for the facilities a compliance rule counted (by id, proposals included), faded otherwise. */
export function countedByIdOpacity(facilityIds: string[]): ExpressionSpecification {
	return ['case', ['in', ['get', 'id'], ['literal', facilityIds]], 1, 0.25];
}

/**
 * The whole offline style: the basemap is drawn from the dataset itself (units, paths, residential
 * areas). The online OSM raster layer exists but is hidden until the planner switches it on.
 */
export function baseStyle(): StyleSpecification {
	return {
		version: 8,
		sources: {
			[SOURCE.osm]: {
				type: 'raster',
				tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
				tileSize: 256,
				maxzoom: 19,
				attribution: '© OpenStreetMap contributors'
			},
			[SOURCE.units]: { type: 'geojson', data: empty() },
			[SOURCE.paths]: { type: 'geojson', data: empty() },
			[SOURCE.water]: { type: 'geojson', data: empty() },
			[SOURCE.residential]: { type: 'geojson', data: empty(), promoteId: 'id' },
			[SOURCE.serviceAreas]: { type: 'geojson', data: empty() },
			[SOURCE.uncovered]: { type: 'geojson', data: empty() },
			[SOURCE.complianceFailing]: { type: 'geojson', data: empty() },
			[SOURCE.facilities]: { type: 'geojson', data: empty(), promoteId: 'id' }
		},
		layers: dataLayers()
	};
}

const isExisting: ExpressionSpecification = ['==', ['get', 'status'], 'existing'];

/** Outline of service areas (proposed sites' darker and wider). */
function serviceAreaOutline(id: string, filter: FilterSpecification, width: number, dash?: number[]): LayerSpecification {
	return {
		id,
		type: 'line',
		source: SOURCE.serviceAreas,
		filter,
		paint: {
			'line-color': ['case', ['get', 'proposed'], THEME.proposed, THEME.serviceArea],
			'line-width': ['case', ['get', 'proposed'], 2, width],
			...(dash && { 'line-dasharray': dash })
		}
	};
}

export function dataLayers(): LayerSpecification[] {
	return [
		{ id: LAYER.background, type: 'background', paint: { 'background-color': THEME.background } },
		{ id: LAYER.osm, type: 'raster', source: SOURCE.osm, layout: { visibility: 'none' }, paint: { 'raster-opacity': 0.8 } },
		{
			id: LAYER.unitFill,
			type: 'fill',
			source: SOURCE.units,
			filter: ['==', ['get', 'level'], 'community'],
			paint: { 'fill-color': THEME.unitFill, 'fill-opacity': 0.5 }
		},
		{ id: LAYER.water, type: 'fill', source: SOURCE.water, paint: { 'fill-color': THEME.water } },
		{
			id: LAYER.paths,
			type: 'line',
			source: SOURCE.paths,
			paint: {
				'line-color': ['match', ['get', 'kind'], ['primary', 'secondary'], THEME.pathMajor, THEME.path],
				'line-width': ['interpolate', ['linear'], ['zoom'], 12, ['match', ['get', 'kind'], 'primary', 2, 'secondary', 1.4, 0.5], 17, ['match', ['get', 'kind'], 'primary', 10, 'secondary', 7, 'footway', 1.5, 4]]
			}
		},
		{
			id: LAYER.communityLine,
			type: 'line',
			source: SOURCE.units,
			filter: ['==', ['get', 'level'], 'community'],
			paint: { 'line-color': THEME.communityLine, 'line-width': 1, 'line-dasharray': [3, 2] }
		},
		{
			id: LAYER.streetLine,
			type: 'line',
			source: SOURCE.units,
			filter: ['in', ['get', 'level'], ['literal', ['street', 'township', 'county']]],
			paint: { 'line-color': THEME.streetLine, 'line-width': 2 }
		},
		{
			id: LAYER.focusedUnit,
			type: 'line',
			source: SOURCE.units,
			filter: ['==', ['get', 'id'], ''],
			paint: { 'line-color': '#ca8a04', 'line-width': 4 }
		},
		{
			id: LAYER.residentialFill,
			type: 'fill',
			source: SOURCE.residential,
			paint: { 'fill-color': coverageColor(), 'fill-opacity': 0.75 }
		},
		{
			id: LAYER.residentialLine,
			type: 'line',
			source: SOURCE.residential,
			paint: { 'line-color': THEME.residentialLine, 'line-width': 0.6 }
		},
		// Units (or residential areas) failing the compliance rule the planner selected.
		{ id: LAYER.complianceFailingFill, type: 'fill', source: SOURCE.complianceFailing, paint: { 'fill-color': '#b91c1c', 'fill-opacity': 0.22 } },
		{ id: LAYER.complianceFailingLine, type: 'line', source: SOURCE.complianceFailing, paint: { 'line-color': '#b91c1c', 'line-width': 1.5, 'line-dasharray': [2, 1] } },
		{
			id: LAYER.serviceAreaFill,
			type: 'fill',
			source: SOURCE.serviceAreas,
			paint: { 'fill-color': THEME.serviceArea, 'fill-opacity': ['case', ['get', 'proposed'], 0.16, 0.08] }
		},
		// Walks are drawn solid, straight-line discs dashed, so both read apart when shown together.
		serviceAreaOutline(LAYER.serviceAreaWalkLine, ['==', ['get', 'mode'], 'walk'], 1.2),
		serviceAreaOutline(LAYER.serviceAreaLine, ['!=', ['get', 'mode'], 'walk'], 1, [2, 1.5]),
		{
			id: LAYER.uncoveredFill,
			type: 'fill',
			source: SOURCE.uncovered,
			paint: { 'fill-color': THEME.uncovered, 'fill-opacity': 0.55 }
		},
		{
			id: LAYER.uncoveredLine,
			type: 'line',
			source: SOURCE.uncovered,
			paint: { 'line-color': THEME.uncovered, 'line-width': 1.2 }
		},
		{
			id: LAYER.facilities,
			type: 'circle',
			source: SOURCE.facilities,
			paint: {
				// Existing facilities are filled; those under construction or planned are rings in their colour.
				'circle-color': ['case', isExisting, categoryColor(), '#ffffff'],
				'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 3.5, 16, 9],
				'circle-stroke-color': ['case', isExisting, '#ffffff', categoryColor()],
				'circle-stroke-width': ['case', isExisting, 1.5, 2.5],
				'circle-opacity': 1,
				'circle-stroke-opacity': 1
			}
		}
	];
}

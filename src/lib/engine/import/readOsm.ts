import type { Geometry, Position } from 'geojson';
import { XMLParser } from 'fast-xml-parser';
import tinyOsmPbf from 'tiny-osmpbf';
import { InputError } from '../messages';
import type { LocalizedText } from '../types';
import { decodeText } from './decodeText';
import type { ImportLayer } from './layerFromTable';
import type { ImportTable } from './table';

/** OSM elements in the Overpass JSON shape (what tiny-osmpbf returns and what the XML is turned into). */
export type OsmElement =
	| { type: 'node'; id: number; lat: number; lon: number; tags?: Record<string, string> }
	| { type: 'way'; id: number; nodes: number[]; tags?: Record<string, string> }
	| { type: 'relation'; id: number; tags?: Record<string, string> };

/** Walkable highways (OSM wiki "Key:highway"); motorways and trunk roads are not for walking. */
const WALKABLE = new Set([
	'footway', 'path', 'pedestrian', 'steps', 'living_street', 'residential', 'service', 'unclassified', 'tertiary', 'tertiary_link',
	'secondary', 'secondary_link', 'primary', 'primary_link', 'track', 'cycleway', 'corridor'
]);
const RESIDENTIAL_BUILDINGS = new Set(['residential', 'apartments', 'house', 'detached', 'semidetached_house', 'terrace', 'dormitory']);
/** Facility tags (OSM wiki "Tag:amenity=social_facility", "Tag:amenity=kindergarten", "Tag:amenity=childcare"). */
const isFacility = (tags: Record<string, string>) =>
	tags.amenity === 'kindergarten' ||
	tags.amenity === 'childcare' ||
	(tags.amenity === 'social_facility' && ['nursing_home', 'assisted_living', 'day_care', 'group_home'].includes(tags.social_facility ?? '') && /senior|elderly|^$/.test(tags['social_facility:for'] ?? '')) ||
	tags.amenity === 'nursing_home';

/** Reads an .osm (XML) or .osm.pbf file into OSM elements. */
export function readOsmElements(bytes: Uint8Array, file: string): OsmElement[] {
	if (bytes.length === 0) throw new InputError([{ file, message: { zh: '文件为空', en: 'file is empty' } }]);
	if (/\.pbf$/i.test(file)) {
		try {
			return tinyOsmPbf(bytes).elements;
		} catch (error) {
			const detail = error instanceof Error ? error.message : String(error);
			throw new InputError([{ file, message: { zh: `无法读取 OSM PBF（${detail}）`, en: `cannot be read as OSM PBF (${detail})` } }]);
		}
	}
	const { text } = decodeText(bytes, file);
	let osmDocument: { osm?: { node?: XmlElement[]; way?: (XmlElement & { nd?: { ref: string }[] })[]; relation?: XmlElement[] } };
	try {
		osmDocument = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['node', 'way', 'relation', 'nd', 'tag', 'member'].includes(name) }).parse(text, true);
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		throw new InputError([{ file, message: { zh: `不是有效的 OSM XML（${detail}）`, en: `is not valid OSM XML (${detail})` } }]);
	}
	if (!osmDocument.osm) throw new InputError([{ file, message: { zh: '不是 OSM XML（缺少 <osm> 根元素）', en: 'is not OSM XML (no <osm> root element)' } }]);
	const tags = (element: XmlElement) => Object.fromEntries((element.tag ?? []).map((tag) => [tag.k, tag.v]));
	return [
		...(osmDocument.osm.node ?? []).map((node) => ({ type: 'node' as const, id: Number(node.id), lat: Number(node.lat), lon: Number(node.lon), tags: tags(node) })),
		...(osmDocument.osm.way ?? []).map((way) => ({ type: 'way' as const, id: Number(way.id), nodes: (way.nd ?? []).map((nd) => Number(nd.ref)), tags: tags(way) })),
		...(osmDocument.osm.relation ?? []).map((relation) => ({ type: 'relation' as const, id: Number(relation.id), tags: tags(relation) }))
	];
}

interface XmlElement {
	id: string;
	lat?: string;
	lon?: string;
	tag?: { k: string; v: string }[];
}

/**
 * One layer of the data contract from OSM elements: facilities from amenity/social_facility tags
 * (ways as their vertex average), residential areas from landuse=residential and residential
 * buildings (closed ways), paths from walkable highways. Multipolygon relations are left out and
 * counted in a notice. OSM has no population or capacity: those columns are 0 and a notice says so.
 */
export function osmTable(elements: OsmElement[], file: string, layer: ImportLayer): ImportTable {
	const nodes = new Map<number, Position>();
	for (const element of elements) if (element.type === 'node') nodes.set(element.id, [element.lon, element.lat]);
	const wayPositions = (way: { nodes: number[] }) => way.nodes.map((id) => nodes.get(id)).filter((position): position is Position => position !== undefined);
	const records: ImportTable['records'] = [];
	const notices: LocalizedText[] = [];
	let relations = 0;
	for (const element of elements) {
		const tags = element.tags ?? {};
		const id = `osm-${element.type}-${element.id}`;
		let geometry: Geometry | undefined;
		if (layer === 'facilities') {
			if (!isFacility(tags)) continue;
			if (element.type === 'relation') {
				relations++;
				continue;
			}
			const positions = element.type === 'node' ? [[element.lon, element.lat]] : wayPositions(element);
			if (positions.length === 0) continue;
			const unique = element.type === 'way' && positions.length > 1 && samePosition(positions[0], positions[positions.length - 1]) ? positions.slice(0, -1) : positions;
			geometry = { type: 'Point', coordinates: [average(unique, 0), average(unique, 1)] };
			records.push({ values: { id, name: tags.name ?? tags['name:zh'] ?? id, category: tags.social_facility ?? tags.amenity, capacity: tags.capacity ?? '0', ...prefixed(tags) }, geometry });
		} else if (layer === 'paths') {
			// area=yes marks a square's outline (highway=pedestrian areas), not a line to walk along.
			if (element.type !== 'way' || !tags.highway || !WALKABLE.has(tags.highway) || tags.foot === 'no' || tags.access === 'no' || tags.area === 'yes') continue;
			const positions = wayPositions(element);
			if (positions.length < 2) continue;
			records.push({ values: { id, highway: tags.highway, ...(tags.name ? { name: tags.name } : {}) }, geometry: { type: 'LineString', coordinates: positions } });
		} else if (layer === 'residential') {
			if (!(tags.landuse === 'residential' || RESIDENTIAL_BUILDINGS.has(tags.building ?? ''))) continue;
			if (element.type === 'relation') {
				relations++;
				continue;
			}
			if (element.type !== 'way') continue;
			const positions = wayPositions(element);
			if (positions.length < 4 || !samePosition(positions[0], positions[positions.length - 1])) continue;
			records.push({
				values: { id, name: tags.name ?? id, population: 0, elderly: 0, infants: 0, households: 0, built: 'existing', community: '' },
				geometry: { type: 'Polygon', coordinates: [positions] }
			});
		} else {
			if (!(element.type === 'way' && tags.boundary === 'administrative')) continue;
			const positions = wayPositions(element);
			if (positions.length < 4 || !samePosition(positions[0], positions[positions.length - 1])) continue;
			records.push({ values: { id, name: tags.name ?? id, level: 'community', parent: null }, geometry: { type: 'Polygon', coordinates: [positions] } });
		}
	}
	if (records.length === 0) throw new InputError([{ file, message: { zh: '没有可用于此图层的 OSM 要素', en: 'has no OSM features for this layer' } }]);
	if (relations) notices.push({ zh: `${relations} 个多边形关系（relation）未导入`, en: `${relations} multipolygon relations were not imported` });
	if (layer === 'facilities' && records.some((record) => record.values.capacity === '0'))
		notices.push({ zh: 'OSM 未标注规模（capacity）的设施规模记为 0', en: 'facilities without an OSM capacity tag get capacity 0' });
	if (layer === 'residential') notices.push({ zh: 'OSM 没有人口数据：居住区人口记为 0，请补充后再分析覆盖人口', en: 'OSM has no population: residential areas get population 0; add it before analysing covered residents' });
	const headers = [...new Set(records.flatMap((record) => Object.keys(record.values)))];
	return { file, recordKind: 'feature', firstRecordNumber: 1, headers, records, notices };
}

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
const average = (positions: Position[], axis: 0 | 1) => positions.reduce((sum, position) => sum + position[axis], 0) / positions.length;
/** OSM tags kept with an `osm:` prefix so they never collide with the mapped columns. */
const prefixed = (tags: Record<string, string>) => Object.fromEntries(Object.entries(tags).map(([key, value]) => [`osm:${key}`, value]));

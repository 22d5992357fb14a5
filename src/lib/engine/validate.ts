import type { Geometry, Position } from 'geojson';
import { InputError, type InputProblem } from './messages';
import {
	FACILITY_CATEGORIES,
	FACILITY_STATUSES,
	OPERATORS,
	UNIT_LEVELS,
	type Dataset,
	type DatasetFiles,
	type DatasetMeta,
	type Facility,
	type FacilityProperties,
	type LocalizedText,
	type PathFeature,
	type ResidentialArea,
	type Unit,
	type WaterFeature
} from './types';

type Problems = InputProblem[];
type Props = Record<string, unknown>;

const text = (zh: string, en: string): LocalizedText => ({ zh, en });

const isRecord = (value: unknown): value is Props =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Validates the five parsed files of a dataset folder (README, "Data contract") and returns the
 * dataset, or throws an InputError listing every problem with its file and feature.
 */
export function validateDataset(files: DatasetFiles): Dataset {
	const problems: Problems = [];
	const meta = validateMeta(files['dataset.json'], problems);
	const residential = validateCollection(files['residential.geojson'], 'residential.geojson', problems, validateResidential);
	const facilities = validateCollection(files['facilities.geojson'], 'facilities.geojson', problems, (feature, where, p) =>
		validateFacility(feature, where, p, false)
	);
	const units = validateCollection(files['units.geojson'], 'units.geojson', problems, validateUnit);
	const paths = validateCollection(files['paths.geojson'], 'paths.geojson', problems, validatePath);
	const water = files['water.geojson'] === undefined ? [] : validateCollection(files['water.geojson'], 'water.geojson', problems, validateWater);
	checkUniqueIds(residential, 'residential.geojson', problems);
	checkUniqueIds(facilities, 'facilities.geojson', problems);
	checkUniqueIds(units, 'units.geojson', problems);
	checkReferences(residential, units, problems);
	if (problems.length > 0 || !meta) throw new InputError(problems);
	return { meta, residential, facilities, units, paths, water };
}

/**
 * Validates a proposals file: Points with at least a `category`; missing attributes get the
 * defaults of a proposed site (planned, public, 普惠). Ids are generated when absent.
 */
export function validateProposals(data: unknown, file: string): Facility[] {
	const problems: Problems = [];
	const proposals = validateCollection(data, file, problems, (feature, where, p) => validateFacility(feature, where, p, true));
	proposals.forEach((proposal, index) => {
		if (!proposal.properties.id) proposal.properties.id = `proposal-${index + 1}`;
	});
	checkUniqueIds(proposals, file, problems);
	if (problems.length > 0) throw new InputError(problems);
	return proposals;
}

function validateMeta(data: unknown, problems: Problems): DatasetMeta | undefined {
	const file = 'dataset.json';
	const fail = (message: LocalizedText) => {
		problems.push({ file, message });
		return undefined;
	};
	if (!isRecord(data)) return fail(text('应为 JSON 对象', 'must be a JSON object'));
	const name = data.name;
	if (!isRecord(name) || typeof name.zh !== 'string' || typeof name.en !== 'string')
		return fail(text('缺少 name.zh / name.en（数据集名称）', 'needs name.zh and name.en (the dataset name)'));
	if (typeof data.synthetic !== 'boolean') return fail(text('synthetic 应为 true 或 false', 'synthetic must be true or false'));
	if (typeof data.attribution !== 'string') return fail(text('缺少 attribution（数据来源说明）', 'needs attribution (a string)'));
	const center = data.center;
	if (!Array.isArray(center) || center.length !== 2 || !isLonLat(center))
		return fail(text('center 应为 WGS84 经纬度 [经度, 纬度]', 'center must be a WGS84 [longitude, latitude]'));
	return {
		name: { zh: name.zh, en: name.en },
		synthetic: data.synthetic,
		attribution: data.attribution,
		center: [center[0] as number, center[1] as number]
	};
}

type FeatureValidator<T> = (feature: Props, where: Where, problems: Problems) => T | undefined;

interface Where {
	file: string;
	featureIndex: number;
	featureId?: string;
}

function validateCollection<T>(data: unknown, file: string, problems: Problems, validateFeature: FeatureValidator<T>): T[] {
	if (!isRecord(data) || data.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
		problems.push({ file, message: text('应为 GeoJSON FeatureCollection', 'must be a GeoJSON FeatureCollection') });
		return [];
	}
	const crsProblem = describeCrs(data.crs);
	if (crsProblem) {
		problems.push({ file, message: crsProblem });
		return [];
	}
	const valid: T[] = [];
	data.features.forEach((feature: unknown, featureIndex: number) => {
		const where: Where = { file, featureIndex };
		if (!isRecord(feature) || feature.type !== 'Feature') {
			problems.push({ ...where, message: text('不是 GeoJSON Feature', 'is not a GeoJSON Feature') });
			return;
		}
		const properties = isRecord(feature.properties) ? feature.properties : {};
		if (typeof properties.id === 'string' || typeof properties.id === 'number') where.featureId = String(properties.id);
		const before = problems.length;
		const result = validateFeature(feature, where, problems);
		if (result !== undefined && problems.length === before) valid.push(result);
	});
	return valid;
}

/** GeoJSON (RFC 7946) is WGS84; an old-style `crs` member naming anything else means projected data. */
function describeCrs(crs: unknown): LocalizedText | undefined {
	if (crs === undefined || crs === null) return undefined;
	const name = isRecord(crs) && isRecord(crs.properties) ? String(crs.properties.name ?? '') : '';
	if (/CRS84|EPSG:+4326|EPSG:+4490/i.test(name)) return undefined;
	return text(
		`坐标系为 ${name || '未知'}，应为 WGS84 经纬度（RFC 7946）`,
		`coordinate system is ${name || 'unknown'}; expected WGS84 longitude/latitude (RFC 7946)`
	);
}

function isLonLat(position: unknown[]): boolean {
	const [lon, lat] = position;
	return isFiniteNumber(lon) && isFiniteNumber(lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

/** Checks positions; returns a message for the first bad one. */
function checkPositions(positions: unknown[]): LocalizedText | undefined {
	for (const position of positions) {
		if (!Array.isArray(position) || position.length < 2 || !position.every(isFiniteNumber))
			return text('坐标不是数字对 [经度, 纬度]', 'a coordinate is not a [longitude, latitude] number pair');
		if (!isLonLat(position))
			return text(
				`坐标 [${position.slice(0, 2).join(', ')}] 超出经纬度范围：数据可能是投影坐标，需转换为 WGS84`,
				`coordinate [${position.slice(0, 2).join(', ')}] is outside longitude/latitude range: the data looks projected, not WGS84`
			);
	}
	return undefined;
}

function checkPolygonRings(rings: unknown): LocalizedText | undefined {
	if (!Array.isArray(rings) || rings.length === 0) return text('多边形没有坐标环', 'polygon has no rings');
	for (const ring of rings) {
		if (!Array.isArray(ring) || ring.length < 4) return text('多边形的环少于 4 个坐标', 'a polygon ring has fewer than 4 positions');
		const bad = checkPositions(ring);
		if (bad) return bad;
		const first = ring[0] as Position;
		const last = ring[ring.length - 1] as Position;
		if (first[0] !== last[0] || first[1] !== last[1]) return text('多边形的环未闭合', 'a polygon ring is not closed');
	}
	return undefined;
}

function checkGeometry(geometry: unknown, allowed: Geometry['type'][]): LocalizedText | undefined {
	if (!isRecord(geometry)) return text('缺少几何（geometry 为空）', 'has no geometry');
	const type = geometry.type as Geometry['type'];
	if (!allowed.includes(type))
		return text(`几何类型为 ${String(type)}，应为 ${allowed.join(' 或 ')}`, `geometry is ${String(type)}; expected ${allowed.join(' or ')}`);
	const coordinates = geometry.coordinates;
	if (!Array.isArray(coordinates) || coordinates.length === 0) return text('几何为空（没有坐标）', 'geometry is empty (no coordinates)');
	switch (type) {
		case 'Point':
			return checkPositions([coordinates]);
		case 'LineString':
			return coordinates.length < 2 ? text('线少于 2 个坐标', 'line has fewer than 2 positions') : checkPositions(coordinates);
		case 'MultiLineString':
			for (const line of coordinates) {
				if (!Array.isArray(line) || line.length < 2) return text('线少于 2 个坐标', 'line has fewer than 2 positions');
				const bad = checkPositions(line);
				if (bad) return bad;
			}
			return undefined;
		case 'Polygon':
			return checkPolygonRings(coordinates);
		case 'MultiPolygon':
			for (const polygon of coordinates) {
				const bad = checkPolygonRings(polygon);
				if (bad) return bad;
			}
			return undefined;
		default:
			return undefined;
	}
}

function requireString(properties: Props, key: string, where: Where, problems: Problems): string | undefined {
	const value = properties[key];
	if (typeof value === 'number' && key === 'id') return String(value);
	if (typeof value === 'string' && value.trim() !== '') return value;
	problems.push({ ...where, message: text(`缺少属性 ${key}（文本）`, `missing property ${key} (text)`) });
	return undefined;
}

function requireCount(properties: Props, key: string, where: Where, problems: Problems, optional = false): number | undefined {
	const value = properties[key];
	if (value === undefined || value === null) {
		if (!optional) problems.push({ ...where, message: text(`缺少属性 ${key}（数值）`, `missing property ${key} (a number)`) });
		return undefined;
	}
	if (!isFiniteNumber(value) || value < 0) {
		problems.push({
			...where,
			message: text(`属性 ${key} 应为非负数，实为 ${JSON.stringify(value)}`, `property ${key} must be a non-negative number, got ${JSON.stringify(value)}`)
		});
		return undefined;
	}
	return value;
}

function requireOneOf<T extends string>(properties: Props, key: string, allowed: readonly T[], where: Where, problems: Problems, fallback?: T): T | undefined {
	const value = properties[key];
	if ((value === undefined || value === null) && fallback !== undefined) return fallback;
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	if (value === undefined || value === null) {
		problems.push({ ...where, message: text(`缺少属性 ${key}，可用值：${allowed.join('、')}`, `missing property ${key}; allowed: ${allowed.join(', ')}`) });
		return undefined;
	}
	problems.push({
		...where,
		message: text(
			`属性 ${key} 的值 ${JSON.stringify(value)} 无效，可用值：${allowed.join('、')}`,
			`property ${key} has unknown value ${JSON.stringify(value)}; allowed: ${allowed.join(', ')}`
		)
	});
	return undefined;
}

/** An optional yes/no attribute: absent (undefined) is kept apart from false, so rules can say "not checkable". */
function optionalBoolean(properties: Props, key: string, where: Where, problems: Problems): boolean | undefined {
	const value = properties[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'boolean') return value;
	problems.push({ ...where, message: text(`属性 ${key} 应为 true 或 false，实为 ${JSON.stringify(value)}`, `property ${key} must be true or false, got ${JSON.stringify(value)}`) });
	return undefined;
}

function validateResidential(feature: Props, where: Where, problems: Problems): ResidentialArea | undefined {
	const geometryProblem = checkGeometry(feature.geometry, ['Polygon', 'MultiPolygon']);
	if (geometryProblem) problems.push({ ...where, message: geometryProblem });
	const properties = isRecord(feature.properties) ? feature.properties : {};
	const id = requireString(properties, 'id', where, problems);
	const community = requireString(properties, 'community', where, problems);
	const population = requireCount(properties, 'population', where, problems);
	const elderly = requireCount(properties, 'elderly', where, problems);
	const infants = requireCount(properties, 'infants', where, problems);
	const households = requireCount(properties, 'households', where, problems);
	const built = requireOneOf(properties, 'built', ['new', 'existing'] as const, where, problems);
	if (geometryProblem || id === undefined || community === undefined || population === undefined) return undefined;
	const resettlement = optionalBoolean(properties, 'resettlement', where, problems);
	if (elderly === undefined || infants === undefined || households === undefined || built === undefined) return undefined;
	const result: ResidentialArea['properties'] = { id, name: String(properties.name ?? id), population, elderly, infants, households, built, community };
	if (resettlement !== undefined) result.resettlement = resettlement;
	return { type: 'Feature', geometry: feature.geometry as ResidentialArea['geometry'], properties: result };
}

function validateFacility(feature: Props, where: Where, problems: Problems, proposal: boolean): Facility | undefined {
	const geometryProblem = checkGeometry(feature.geometry, ['Point']);
	if (geometryProblem) problems.push({ ...where, message: geometryProblem });
	const properties = isRecord(feature.properties) ? feature.properties : {};
	const id = proposal && properties.id === undefined ? '' : requireString(properties, 'id', where, problems);
	const category = requireOneOf(properties, 'category', FACILITY_CATEGORIES, where, problems);
	const capacity = requireCount(properties, 'capacity', where, problems, proposal) ?? (proposal ? 0 : undefined);
	const nursingBeds = requireCount(properties, 'nursingBeds', where, problems, true);
	const floorArea = requireCount(properties, 'floorArea', where, problems, true);
	const operator = requireOneOf(properties, 'operator', OPERATORS, where, problems, proposal ? 'public' : undefined);
	const status = requireOneOf(properties, 'status', FACILITY_STATUSES, where, problems, proposal ? 'planned' : undefined);
	let affordable = properties.affordable;
	if (affordable === undefined && proposal) affordable = true;
	if (typeof affordable !== 'boolean') {
		problems.push({ ...where, message: text('属性 affordable（普惠）应为 true 或 false', 'property affordable must be true or false') });
		return undefined;
	}
	if (geometryProblem || id === undefined || !category || capacity === undefined || !operator || !status) return undefined;
	const result: FacilityProperties = {
		id,
		name: String(properties.name ?? (id || category)),
		category,
		capacity,
		operator,
		affordable,
		status
	};
	if (nursingBeds !== undefined) result.nursingBeds = nursingBeds;
	if (floorArea !== undefined) result.floorArea = floorArea;
	const clinic = optionalBoolean(properties, 'clinic', where, problems);
	const demonstration = optionalBoolean(properties, 'demonstration', where, problems);
	if (clinic !== undefined) result.clinic = clinic;
	if (demonstration !== undefined) result.demonstration = demonstration;
	return { type: 'Feature', geometry: feature.geometry as Facility['geometry'], properties: result };
}

function validateUnit(feature: Props, where: Where, problems: Problems): Unit | undefined {
	const geometryProblem = checkGeometry(feature.geometry, ['Polygon', 'MultiPolygon']);
	if (geometryProblem) problems.push({ ...where, message: geometryProblem });
	const properties = isRecord(feature.properties) ? feature.properties : {};
	const id = requireString(properties, 'id', where, problems);
	const level = requireOneOf(properties, 'level', UNIT_LEVELS, where, problems);
	const parent = properties.parent;
	if (parent !== null && parent !== undefined && typeof parent !== 'string') {
		problems.push({ ...where, message: text('属性 parent 应为上级单元 id 或 null', 'property parent must be a unit id or null') });
		return undefined;
	}
	if (geometryProblem || id === undefined || !level) return undefined;
	return {
		type: 'Feature',
		geometry: feature.geometry as Unit['geometry'],
		properties: { id, name: String(properties.name ?? id), level, parent: parent ?? null }
	};
}

/** A layer whose features only need valid geometry of the given types (paths, water). */
function geometryOnly<T>(types: Geometry['type'][]): FeatureValidator<T> {
	return (feature, where, problems) => {
		const geometryProblem = checkGeometry(feature.geometry, types);
		if (!geometryProblem) return feature as unknown as T;
		problems.push({ ...where, message: geometryProblem });
		return undefined;
	};
}

const validatePath = geometryOnly<PathFeature>(['LineString', 'MultiLineString']);
const validateWater = geometryOnly<WaterFeature>(['Polygon', 'MultiPolygon']);

function checkUniqueIds(features: { properties: { id: string } }[], file: string, problems: Problems) {
	const seen = new Map<string, number>();
	features.forEach((feature, index) => {
		const id = feature.properties.id;
		const first = seen.get(id);
		if (first === undefined) {
			seen.set(id, index);
			return;
		}
		problems.push({
			file,
			featureIndex: index,
			featureId: id,
			message: text(`id 重复（与第 ${first + 1} 个要素相同）`, `duplicate id (same as feature ${first + 1})`)
		});
	});
}

function checkReferences(residential: ResidentialArea[], units: Unit[], problems: Problems) {
	const unitIds = new Set(units.map((unit) => unit.properties.id));
	units.forEach((unit, index) => {
		const parent = unit.properties.parent;
		if (parent !== null && !unitIds.has(parent))
			problems.push({
				file: 'units.geojson',
				featureIndex: index,
				featureId: unit.properties.id,
				message: text(`上级单元 ${parent} 不存在`, `parent unit ${parent} does not exist`)
			});
	});
	residential.forEach((area, index) => {
		if (!unitIds.has(area.properties.community))
			problems.push({
				file: 'residential.geojson',
				featureIndex: index,
				featureId: area.properties.id,
				message: text(
					`所属社区 ${area.properties.community} 不在 units.geojson 中`,
					`community ${area.properties.community} is not in units.geojson`
				)
			});
	});
}

import type { Position } from 'geojson';
import { InputError, type InputProblem } from '../messages';
import { FACILITY_STATUSES, OPERATORS, type Facility, type FacilityCategory, type FacilityStatus, type Operator } from '../types';
import { converterToWgs84, type CrsChoice } from './crs';
import type { FieldMapping } from './fieldMapping';
import { recordProblem } from './problems';
import type { ImportTable } from './table';

export interface FacilityImportOptions {
	mapping: FieldMapping;
	/** The planner's choice for every value of the category column; a value left out is a problem of its rows. */
	categories: Record<string, FacilityCategory | undefined>;
	crs: CrsChoice;
	/** Status of records without one: a list of existing facilities is the common case. */
	defaultStatus: FacilityStatus;
	/** Leave out the rows named in `skipped` instead of failing the whole import. */
	skipBadRecords: boolean;
}

export interface FacilityImport {
	facilities: Facility[];
	/** Records left out (only with skipBadRecords), each named with its row or feature. */
	skipped: InputProblem[];
}

const STATUS_TERMS: [string, FacilityStatus][] = [
	['在建', 'under_construction'],
	['规划', 'planned'],
	['拟建', 'planned'],
	['现状', 'existing'],
	['已建', 'existing'],
	['运营', 'existing']
];
const OPERATOR_TERMS: [string, Operator][] = [
	['公建民营', 'public_private'],
	['公办', 'public'],
	['公立', 'public'],
	['民办', 'private'],
	['私立', 'private']
];

const blank = (value: unknown) => value === undefined || value === null || String(value).trim() === '';

/** Reads a number as planners write it: "120", "1,200", "120张" are 120, 1200, 120. */
export function parseCount(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	const text = String(value).trim().replace(/[,，]/g, '').replace(/\s*(张|个|人|床|位|㎡|m2|平方米)$/, '');
	if (text === '' || !/^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(text)) return undefined;
	return Number(text);
}

/**
 * Turns mapped records into facilities of the data contract, converting coordinates to WGS84.
 * All or nothing: any bad record makes it throw an InputError naming every bad row or feature,
 * unless the planner chose to skip them, in which case they are listed in `skipped`.
 */
export function facilitiesFromTable(table: ImportTable, options: FacilityImportOptions): FacilityImport {
	const { mapping } = options;
	const fileProblems: InputProblem[] = [];
	if (!mapping.name) fileProblems.push({ file: table.file, message: { zh: '未指定“名称”列', en: 'no column is mapped to name' } });
	if (!mapping.category) fileProblems.push({ file: table.file, message: { zh: '未指定“类型”列', en: 'no column is mapped to category' } });
	if (!mapping.capacity) fileProblems.push({ file: table.file, message: { zh: '未指定“规模（床位/托位）”列', en: 'no column is mapped to capacity' } });
	const hasColumns = mapping.longitude && mapping.latitude;
	if (!hasColumns && !table.records.some((record) => record.geometry))
		fileProblems.push({ file: table.file, message: { zh: '未指定经度、纬度列', en: 'no columns are mapped to longitude and latitude' } });
	if (fileProblems.length) throw new InputError(fileProblems);

	let convert: (position: Position) => [number, number];
	try {
		convert = converterToWgs84(options.crs);
	} catch {
		throw new InputError([{ file: table.file, message: { zh: '无法识别所选坐标系', en: 'the chosen coordinate system is not supported' } }]);
	}

	const problems: InputProblem[] = [];
	const facilities: Facility[] = [];
	const seenIds = new Map<string, number>();
	table.records.forEach((record, index) => {
		const values = record.values;
		const rawId = mapping.id && !blank(values[mapping.id]) ? String(values[mapping.id]).trim() : undefined;
		const fail = (zh: string, en: string) => problems.push(recordProblem(table, index, { zh, en }, rawId));
		const name = String(values[mapping.name!] ?? '').trim();
		if (!name) return fail('缺少名称', 'has no name');
		const rawCategory = String(values[mapping.category!] ?? '').trim();
		const category = options.categories[rawCategory];
		if (!category) return fail(`类型“${rawCategory}”未对应到设施类别`, `category “${rawCategory}” is not mapped to a facility category`);
		const capacityValue = values[mapping.capacity!];
		const capacity = parseCount(capacityValue);
		if (blank(capacityValue)) return fail('缺少规模（床位/托位）', 'has no capacity');
		if (capacity === undefined || capacity < 0) return fail(`规模“${String(capacityValue)}”不是非负数`, `capacity “${String(capacityValue)}” is not a non-negative number`);

		let raw: Position | undefined;
		if (hasColumns) {
			const x = parseCount(values[mapping.longitude!]);
			const y = parseCount(values[mapping.latitude!]);
			if (blank(values[mapping.longitude!]) || blank(values[mapping.latitude!])) return fail('缺少经纬度', 'has no coordinates');
			if (x === undefined || y === undefined) return fail('经纬度不是数字', 'coordinates are not numbers');
			raw = [x, y];
		} else {
			const geometry = record.geometry;
			if (!geometry) return fail('缺少几何（geometry 为空）', 'has no geometry');
			if (geometry.type !== 'Point') return fail(`几何类型为 ${geometry.type}，应为 Point`, `geometry is ${geometry.type}; expected Point`);
			if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length < 2) return fail('几何为空（没有坐标）', 'geometry is empty (no coordinates)');
			raw = geometry.coordinates;
		}
		const [longitude, latitude] = convert(raw);
		if (!Number.isFinite(longitude) || !Number.isFinite(latitude) || Math.abs(longitude) > 180 || Math.abs(latitude) > 90)
			return fail(`坐标 [${raw.join(', ')}] 超出经纬度范围：请选择正确的坐标系`, `coordinate [${raw.join(', ')}] is outside longitude/latitude range: choose the right coordinate system`);

		const id = rawId ?? `${table.file.replace(/\.[^.]+$/, '')}-${index + 1}`;
		const previous = seenIds.get(id);
		if (previous !== undefined) return fail(`编号“${id}”重复（与第 ${previous} 条相同）`, `id “${id}” is a duplicate (same as record ${previous})`);
		seenIds.set(id, index + table.firstRecordNumber);

		const statusText = mapping.status ? String(values[mapping.status] ?? '').trim() : '';
		const status = (FACILITY_STATUSES as readonly string[]).includes(statusText)
			? (statusText as FacilityStatus)
			: (STATUS_TERMS.find(([term]) => statusText.includes(term))?.[1] ?? options.defaultStatus);
		const operatorText = mapping.operator ? String(values[mapping.operator] ?? '').trim() : '';
		const operator = (OPERATORS as readonly string[]).includes(operatorText)
			? (operatorText as Operator)
			: (OPERATOR_TERMS.find(([term]) => operatorText.includes(term))?.[1] ?? 'public');
		const nursingBeds = mapping.nursingBeds ? parseCount(values[mapping.nursingBeds]) : undefined;
		const floorArea = mapping.floorArea ? parseCount(values[mapping.floorArea]) : undefined;
		facilities.push({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [round6(longitude), round6(latitude)] },
			properties: {
				id,
				name,
				category,
				capacity,
				...(nursingBeds !== undefined ? { nursingBeds } : {}),
				...(floorArea !== undefined ? { floorArea } : {}),
				operator,
				affordable: /普惠|affordable/i.test(JSON.stringify(values)),
				status
			}
		});
	});
	if (problems.length && !options.skipBadRecords) throw new InputError(problems);
	if (facilities.length === 0) throw new InputError([{ file: table.file, message: { zh: '没有可导入的设施', en: 'has no facility that can be imported' } }, ...problems]);
	return { facilities, skipped: problems };
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/** Raw positions of the records as read, for `detectCoordinateIssues` before the planner confirms a system. */
export function rawPositions(table: ImportTable, mapping: FieldMapping): (Position | undefined)[] {
	return table.records.map((record) => {
		if (mapping.longitude && mapping.latitude) {
			const x = parseCount(record.values[mapping.longitude]);
			const y = parseCount(record.values[mapping.latitude]);
			return x === undefined || y === undefined ? undefined : [x, y];
		}
		const geometry = record.geometry;
		if (!geometry) return undefined;
		if (geometry.type === 'Point') return geometry.coordinates.length >= 2 ? geometry.coordinates : undefined;
		const first = JSON.stringify(geometry).match(/\[\s*(-?[\d.e+-]+)\s*,\s*(-?[\d.e+-]+)\s*[\],]/i);
		return first ? [Number(first[1]), Number(first[2])] : undefined;
	});
}

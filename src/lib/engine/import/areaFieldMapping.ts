import { parseCount } from './facilitiesFromTable';
import type { ImportLayer } from './layerFromTable';

/** The data contract's attributes of area and line layers that an import can take from a column. */
export const AREA_FIELDS = {
	residential: ['id', 'name', 'population', 'elderly', 'infants', 'households', 'built', 'community'],
	units: ['id', 'name', 'level', 'parent'],
	paths: []
} as const satisfies Record<Exclude<ImportLayer, 'facilities'>, readonly string[]>;

export type AreaField = (typeof AREA_FIELDS)[keyof typeof AREA_FIELDS][number];
export type AreaMapping = Partial<Record<AreaField, string>>;

const NUMERIC: readonly string[] = ['population', 'elderly', 'infants', 'households'];

/** Header spellings in planning bureaus' tables and Shapefiles (lower-cased; .dbf names are cut at 10 characters). */
const SYNONYMS: Record<AreaField, string[]> = {
	id: ['id', 'fid', 'objectid', '编号', '代码', '小区编号', '单元编号', 'code'],
	name: ['name', '名称', '小区名称', '居住区名称', '单元名称', '社区名称', 'xqmc'],
	population: ['population', 'pop', 'popu', '人口', '常住人口', '人口数', '居住人口', '总人口'],
	elderly: ['elderly', '老年人口', '60岁以上', '60岁及以上', '60岁以上人口', '老人', '老年人'],
	infants: ['infants', '婴幼儿', '婴幼儿数', '0-3岁', '3岁以下', '0-3岁人口', '三岁以下'],
	households: ['households', 'househol', 'househ', '户数', '住户', '住户数', '总户数'],
	built: ['built', '新旧', '建设状态', '新建/既有'],
	community: ['community', 'communit', '社区', '所属社区', '社区编号', '社区代码'],
	level: ['level', '级别', '层级', '行政级别'],
	parent: ['parent', '上级', '上级单元', '上级编号', '所属街道']
};

/** Suggests the column of each attribute of an area or line layer. */
export function suggestAreaMapping(layer: Exclude<ImportLayer, 'facilities'>, headers: string[]): AreaMapping {
	const mapping: AreaMapping = {};
	const used = new Set<string>();
	for (const field of AREA_FIELDS[layer] as readonly AreaField[]) {
		const header = headers.find((candidate) => !used.has(candidate) && SYNONYMS[field].includes(candidate.trim().toLowerCase()));
		if (header === undefined) continue;
		mapping[field] = header;
		used.add(header);
	}
	return mapping;
}

/**
 * A record's properties with mapped columns renamed to the contract's attributes; counts are read as
 * numbers ("1,200" → 1200) and a value that is not one is kept as is, for validation to name.
 * 新建/新 → new and 既有/现状/旧 → existing for `built`. Unmapped columns are kept under their own names.
 */
export function applyAreaMapping(values: Record<string, unknown>, mapping: AreaMapping): Record<string, unknown> {
	const properties: Record<string, unknown> = { ...values };
	for (const [field, column] of Object.entries(mapping) as [AreaField, string][]) {
		if (column === undefined) continue;
		let value = values[column];
		if (NUMERIC.includes(field)) value = parseCount(value) ?? value;
		if (field === 'id' || field === 'community' || field === 'parent') value = value === undefined || value === null || value === '' ? value : String(value);
		if (field === 'built' && typeof value === 'string') value = /新/.test(value) ? 'new' : /既有|现状|旧|已建/.test(value) ? 'existing' : value;
		properties[field] = value;
	}
	return properties;
}

import { FACILITY_CATEGORIES, type FacilityCategory } from '../types';

/** The facility attributes an import can take from a column. */
export const FACILITY_FIELDS = ['id', 'name', 'category', 'capacity', 'longitude', 'latitude', 'status', 'operator', 'nursingBeds', 'floorArea'] as const;
export type FacilityField = (typeof FACILITY_FIELDS)[number];
export type FieldMapping = Partial<Record<FacilityField, string>>;

/**
 * Header spellings seen in planners' lists and in 高德/百度 exports, lower-cased; the first column
 * whose normalised header equals one of these is suggested.
 */
const HEADER_SYNONYMS: Record<FacilityField, string[]> = {
	id: ['id', 'fid', 'objectid', '编号', '序号', '代码', '机构编号', 'code'],
	name: ['name', '名称', '机构名称', '设施名称', '单位名称', '园所名称', '名字', 'title'],
	category: ['category', 'type', 'kind', '类型', '类别', '设施类型', '机构类型', '分类', 'amenity'],
	capacity: ['capacity', 'beds', 'places', '床位', '床位数', '托位', '托位数', '规模', '容量', '学位', '学位数', '核定床位'],
	longitude: ['lng', 'lon', 'long', 'longitude', 'x', '经度', 'point_x', 'gcj_lng', 'bd_lng', 'wgs84_lng'],
	latitude: ['lat', 'latitude', 'y', '纬度', 'point_y', 'gcj_lat', 'bd_lat', 'wgs84_lat'],
	status: ['status', '状态', '建设状态', '现状/规划'],
	operator: ['operator', '举办主体', '性质', '办学性质', '运营主体'],
	nursingBeds: ['nursingbeds', 'nursing_beds', '护理型床位', '护理床位'],
	floorArea: ['floorarea', 'floor_area', '建筑面积', '面积']
};

const normalise = (header: string) => header.trim().toLowerCase().replace(/[\s（(].*$/, '').replace(/\s+/g, '');

/** A header and its alternatives: "床位/托位" answers to both 床位 and 托位. */
const headerParts = (header: string) => [normalise(header), ...header.split(/[/、|]/).map(normalise)];

/** Words that name a column when they appear anywhere in its header (百度经度, 机构类型, 核定床位数…). */
const HEADER_WORDS: Partial<Record<FacilityField, string[]>> = {
	name: ['名称'],
	category: ['类型', '类别'],
	capacity: ['床位', '托位'],
	longitude: ['经度'],
	latitude: ['纬度']
};

/** Suggests which column holds each attribute, from common Chinese and English headers: exact names first, then words within headers. */
export function suggestMapping(headers: string[]): FieldMapping {
	const mapping: FieldMapping = {};
	const used = new Set<string>();
	const take = (field: FacilityField, matches: (header: string) => boolean) => {
		if (mapping[field]) return;
		const header = headers.find((candidate) => !used.has(candidate) && matches(candidate));
		if (header === undefined) return;
		mapping[field] = header;
		used.add(header);
	};
	for (const field of FACILITY_FIELDS) take(field, (header) => headerParts(header).some((part) => HEADER_SYNONYMS[field].includes(part)));
	for (const field of FACILITY_FIELDS) take(field, (header) => (HEADER_WORDS[field] ?? []).some((word) => header.includes(word)));
	return mapping;
}

/** The coordinate system the headers name, if any: 百度/bd → BD-09, 高德/gcj → GCJ-02. */
export function suggestCrsFromHeaders(headers: string[]): 'bd09' | 'gcj02' | undefined {
	const joined = headers.join(' ').toLowerCase();
	if (/百度|\bbd|bd09|baidu/.test(joined)) return 'bd09';
	if (/高德|腾讯|gcj|amap/.test(joined)) return 'gcj02';
	return undefined;
}

/**
 * Chinese terms (and OSM tag values) for the data contract's categories, most specific first: the
 * first term a value contains decides. 托育 before 幼儿园 would be wrong for 幼儿园托班, so
 * kindergartens come first; 医养 before 养老院.
 */
const CATEGORY_TERMS: [string, FacilityCategory][] = [
	['医养', 'medical_care_home'],
	['护理院', 'medical_care_home'],
	['老年食堂', 'elderly_canteen'],
	['老年餐桌', 'elderly_canteen'],
	['长者食堂', 'elderly_canteen'],
	['助餐', 'elderly_canteen'],
	['老年大学', 'senior_school'],
	['老年学校', 'senior_school'],
	['老年开放大学', 'senior_school'],
	['日间照料', 'elderly_daycare'],
	['日照中心', 'elderly_daycare'],
	['养老服务中心', 'elderly_service_center'],
	['养老服务站', 'elderly_service_center'],
	['居家养老', 'elderly_service_center'],
	['养老服务综合体', 'elderly_service_center'],
	['养老院', 'care_home'],
	['敬老院', 'care_home'],
	['福利院', 'care_home'],
	['养老公寓', 'care_home'],
	['老年公寓', 'care_home'],
	['颐养', 'care_home'],
	['幼儿园', 'kindergarten'],
	['幼稚园', 'kindergarten'],
	['社区托育', 'community_childcare'],
	['托育点', 'community_childcare'],
	['托育', 'childcare_center'],
	['托儿所', 'childcare_center'],
	['早教', 'childcare_center'],
	// OSM tag values (amenity=kindergarten, social_facility=nursing_home…)
	['kindergarten', 'kindergarten'],
	['childcare', 'childcare_center'],
	['nursing_home', 'care_home'],
	['assisted_living', 'care_home'],
	['day_care', 'elderly_daycare'],
	['care home', 'care_home'],
	['day care', 'elderly_daycare']
];

/** The category a value names, or undefined when the planner has to choose. */
export function suggestCategory(value: string): FacilityCategory | undefined {
	const trimmed = value.trim();
	if ((FACILITY_CATEGORIES as readonly string[]).includes(trimmed)) return trimmed as FacilityCategory;
	const lower = trimmed.toLowerCase();
	return CATEGORY_TERMS.find(([term]) => lower.includes(term))?.[1];
}

/** Every distinct value of the category column with its suggestion and how many records have it, so none is dropped unseen. */
export function categoryValues(values: unknown[]): { value: string; count: number; suggestion?: FacilityCategory }[] {
	const counts = new Map<string, number>();
	for (const value of values) {
		const text = value === undefined || value === null ? '' : String(value).trim();
		counts.set(text, (counts.get(text) ?? 0) + 1);
	}
	return [...counts].map(([value, count]) => ({ value, count, suggestion: suggestCategory(value) }));
}

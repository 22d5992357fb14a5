import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';

/** Text shown to planners, Chinese first. */
export interface LocalizedText {
	zh: string;
	en: string;
}

/** Facility categories of the data contract (README, "Data contract"). */
export const CHILDCARE_CATEGORIES = ['childcare_center', 'kindergarten', 'community_childcare'] as const;
export const ELDERLY_CATEGORIES = [
	'elderly_daycare',
	'elderly_service_center',
	'care_home',
	'medical_care_home',
	'elderly_canteen',
	'senior_school'
] as const;
export const FACILITY_CATEGORIES = [...CHILDCARE_CATEGORIES, ...ELDERLY_CATEGORIES] as const;
export type FacilityCategory = (typeof FACILITY_CATEGORIES)[number];

export const FACILITY_STATUSES = ['existing', 'under_construction', 'planned'] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

export const OPERATORS = ['public', 'private', 'public_private'] as const;
export type Operator = (typeof OPERATORS)[number];

export const UNIT_LEVELS = ['county', 'street', 'township', 'community', 'village'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export interface DatasetMeta {
	name: LocalizedText;
	synthetic: boolean;
	attribution: string;
	center: [number, number];
}

export interface ResidentialProperties {
	id: string;
	name: string;
	population: number;
	/** Residents aged 60 and over. */
	elderly: number;
	/** Children under 3. */
	infants: number;
	households: number;
	built: 'new' | 'existing';
	/** Id of the unit (usually a community) the area belongs to. */
	community: string;
	/** Optional: a relocation resettlement site (易地扶贫搬迁集中安置点), for threshold rules such as 凉山 LS-6. */
	resettlement?: boolean;
}

export interface FacilityProperties {
	id: string;
	name: string;
	category: FacilityCategory;
	/** Places (childcare) or beds (elderly care). */
	capacity: number;
	nursingBeds?: number;
	/** Service floor area in m². */
	floorArea?: number;
	operator: Operator;
	/** 普惠: affordable, publicly supported places. */
	affordable: boolean;
	status: FacilityStatus;
	/** Optional: has an on-site clinic or nursing station (内设医务室或护理站), for 红河 HH-7. */
	clinic?: boolean;
	/** Optional: a demonstration institution (示范性), for 红河 HH-8, 文山 WS-8. */
	demonstration?: boolean;
}

export interface UnitProperties {
	id: string;
	name: string;
	level: UnitLevel;
	parent: string | null;
}

export type ResidentialArea = Feature<Polygon | MultiPolygon, ResidentialProperties>;
export type Facility = Feature<Point, FacilityProperties>;
export type Unit = Feature<Polygon | MultiPolygon, UnitProperties>;
export type PathFeature = Feature<LineString | MultiLineString, Record<string, unknown>>;
/** Rivers and lakes: optional, drawn on the map only. */
export type WaterFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

/** A dataset as the engine sees it: already parsed and validated (see `validate.ts`). */
export interface Dataset {
	meta: DatasetMeta;
	residential: ResidentialArea[];
	facilities: Facility[];
	units: Unit[];
	paths: PathFeature[];
	water: WaterFeature[];
}

/** The files of a dataset folder, as parsed JSON, before validation. */
export interface DatasetFiles {
	'dataset.json': unknown;
	'residential.geojson': unknown;
	'facilities.geojson': unknown;
	'units.geojson': unknown;
	'paths.geojson': unknown;
	/** Optional. */
	'water.geojson'?: unknown;
}

export const DATASET_FILE_NAMES = [
	'dataset.json',
	'residential.geojson',
	'facilities.geojson',
	'units.geojson',
	'paths.geojson'
] as const satisfies readonly (keyof DatasetFiles)[];

export const OPTIONAL_DATASET_FILE_NAMES = ['water.geojson'] as const satisfies readonly (keyof DatasetFiles)[];

export type FacilityCollection = FeatureCollection<Point, FacilityProperties>;

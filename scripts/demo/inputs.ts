import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real facts the synthetic town is anchored on. */
export interface DemoInputs {
	/** The five core streets (街道) of 西昌 with their OSM place-node positions, WGS84. */
	streets: StreetAnchor[];
	census: CensusFigures;
}

export interface StreetAnchor {
	/** Short code used in unit ids: 513401-<code>. */
	code: string;
	name: string;
	lonLat: [number, number];
	osmNode: string;
}

/** 2020 census figures for 西昌市 (adcode 513401), from thebamboogrove/tudigong (MIT), NBS county tabulation. */
export interface CensusFigures {
	adcode: string;
	population: number;
	/** derived_pop_0_2: residents under 3. */
	under3: number;
	/** derived_pop_60p: residents aged 60 and over. */
	aged60plus: number;
	/** HHLD_S: average household size. */
	householdSize: number;
}

export const XICHANG_ADCODE = '513401';

/** The five core streets, in the order the generator uses them; codes are pinyin initials. */
export const CORE_STREETS: readonly { code: string; name: string }[] = [
	{ code: 'bc', name: '北城街道' },
	{ code: 'xc', name: '西城街道' },
	{ code: 'dc', name: '东城街道' },
	{ code: 'ca', name: '长安街道' },
	{ code: 'xn', name: '新村街道' }
];

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DEFAULT_RAW_DIR = resolve(REPO_ROOT, '../shared/geodata-raw');
export const OSM_CENTRES_FILE = 'osm/osm_township_centres_5pref.geojson';
export const CENSUS_FILE = 'population/census2020_counties_5pref.csv';

interface CentreFeature {
	properties: Record<string, string>;
	geometry: { type: string; coordinates: [number, number] };
}

export function loadInputs(rawDir: string = DEFAULT_RAW_DIR): DemoInputs {
	const centres = JSON.parse(readFileSync(join(rawDir, OSM_CENTRES_FILE), 'utf8')) as { features: CentreFeature[] };
	const streets = CORE_STREETS.map(({ code, name }) => {
		const feature = centres.features.find((f) => f.properties.addr_3 === '西昌市' && f.properties.addr_4 === name);
		if (!feature) throw new Error(`${OSM_CENTRES_FILE}: no centre for 西昌市 ${name}`);
		if (feature.properties.coord_source !== 'osm_place_node_wgs84') throw new Error(`${name}: centre is not an OSM place node`);
		return { code, name, lonLat: feature.geometry.coordinates, osmNode: feature.properties.osm_place_node };
	});
	return { streets, census: parseCensus(readFileSync(join(rawDir, CENSUS_FILE), 'utf8'), XICHANG_ADCODE) };
}

/**
 * The census CSV has plain fields (no quotes, no embedded commas: every row has the same number of
 * fields), so splitting on commas is safe; the checks below fail loudly if that ever changes.
 */
export function parseCensus(csv: string, adcode: string): CensusFigures {
	const rows = csv.trim().split(/\r?\n/);
	if (csv.includes('"')) throw new Error(`${CENSUS_FILE}: quoted fields; use a CSV parser`);
	const header = rows[0].split(',');
	const row = rows.map((line) => line.split(',')).find((fields) => fields[0] === adcode);
	if (!row || row.length !== header.length) throw new Error(`${CENSUS_FILE}: no well-formed row for ${adcode}`);
	const field = (name: string): number => {
		const index = header.indexOf(name);
		const value = Number(row[index]);
		if (index < 0 || !Number.isFinite(value)) throw new Error(`${CENSUS_FILE}: bad ${name} for ${adcode}`);
		return value;
	};
	return {
		adcode,
		population: field('POPU'),
		under3: field('derived_pop_0_2'),
		aged60plus: field('derived_pop_60p'),
		householdSize: field('HHLD_S')
	};
}

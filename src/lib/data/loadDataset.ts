import { InputError } from '../engine/messages';
import { DATASET_FILE_NAMES, type DatasetFiles } from '../engine/types';
import { validateDataset } from '../engine/validate';
import datasetUrl from '$geodata/xichang-demo/dataset.json?url';
import residentialUrl from '$geodata/xichang-demo/residential.geojson?url';
import facilitiesUrl from '$geodata/xichang-demo/facilities.geojson?url';
import unitsUrl from '$geodata/xichang-demo/units.geojson?url';
import pathsUrl from '$geodata/xichang-demo/paths.geojson?url';
import waterUrl from '$geodata/xichang-demo/water.geojson?url';

/** The embedded demo's files, bundled with the app so it opens with no network. */
const DEMO_URLS: Record<(typeof DATASET_FILE_NAMES)[number] | 'water.geojson', string> = {
	'dataset.json': datasetUrl,
	'residential.geojson': residentialUrl,
	'facilities.geojson': facilitiesUrl,
	'units.geojson': unitsUrl,
	'paths.geojson': pathsUrl,
	'water.geojson': waterUrl
};

async function fetchJson(name: string, url: string): Promise<unknown> {
	const response = await fetch(url);
	if (!response.ok) throw new InputError([{ file: name, message: { zh: `无法读取（HTTP ${response.status}）`, en: `cannot be read (HTTP ${response.status})` } }]);
	const text = await response.text();
	try {
		return JSON.parse(text);
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		throw new InputError([{ file: name, message: { zh: `不是有效的 JSON（${detail}）`, en: `is not valid JSON (${detail})` } }]);
	}
}

/** Loads and validates the embedded demo dataset. */
export async function loadDemoDataset() {
	const names = [...DATASET_FILE_NAMES, 'water.geojson' as const];
	const entries = await Promise.all(names.map(async (name) => [name, await fetchJson(name, DEMO_URLS[name])] as const));
	return validateDataset(Object.fromEntries(entries) as unknown as DatasetFiles);
}

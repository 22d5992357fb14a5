import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { applyLayer } from '../../lib/engine/import/applyLayer';
import { isProjected, type CrsChoice } from '../../lib/engine/import/crs';
import { detectCoordinateIssues } from '../../lib/engine/import/detectCoordinates';
import { facilitiesFromTable, rawPositions } from '../../lib/engine/import/facilitiesFromTable';
import { categoryValues, FACILITY_FIELDS, suggestCrsFromHeaders, suggestMapping, type FacilityField } from '../../lib/engine/import/fieldMapping';
import { assignCommunities } from '../../lib/engine/import/assignCommunities';
import { AREA_FIELDS, suggestAreaMapping, type AreaMapping } from '../../lib/engine/import/areaFieldMapping';
import { IMPORT_LAYERS, layerFromTable, type ImportLayer } from '../../lib/engine/import/layerFromTable';
import { readImportFile } from '../../lib/engine/import/readImportFile';
import { InputError } from '../../lib/engine/messages';
import { FACILITY_CATEGORIES, type FacilityCategory } from '../../lib/engine/types';
import { validateDataset } from '../../lib/engine/validate';
import { UsageError } from '../errors';
import { readDatasetFolder, writeDatasetFolder } from '../files';

export const IMPORT_USAGE = `npm run cli -- import --base <dataset dir> --layer facilities|residential|units|paths --file <csv|geojson|zip>
                       [--crs wgs84|gcj02|bd09|cgcs2000|epsg:<code>] [--map name=机构名称,capacity=床位 | population=人口,…]
                       [--category 卫生院=care_home,...] [--skip-bad-rows] [--accept-warnings] --out <dir> [--lang zh|en]`;

/**
 * `import`: replaces one layer of a dataset folder with a planner's file and writes a new dataset
 * folder in the data contract, so `analyze` runs on it. The same engine steps as the app: read,
 * map fields, check coordinates (warnings stop the import unless accepted), convert, validate all.
 */
export async function importCommand(args: string[]): Promise<number> {
	const { values } = parseArgs({
		args,
		options: {
			base: { type: 'string' },
			layer: { type: 'string', default: 'facilities' },
			file: { type: 'string' },
			crs: { type: 'string' },
			map: { type: 'string' },
			category: { type: 'string' },
			'skip-bad-rows': { type: 'boolean', default: false },
			'accept-warnings': { type: 'boolean', default: false },
			out: { type: 'string' },
			lang: { type: 'string' }
		}
	});
	if (!values.base) throw new UsageError('--base <dataset dir> is required (the dataset whose layer is replaced)');
	if (!values.file) throw new UsageError('--file <file> is required');
	if (!values.out) throw new UsageError('--out <dir> is required');
	const layer = values.layer as ImportLayer;
	if (!IMPORT_LAYERS.includes(layer)) throw new UsageError(`unknown layer ${values.layer}; known: ${IMPORT_LAYERS.join(', ')}`);

	const base = validateDataset(readDatasetFolder(values.base));
	const name = basename(values.file);
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(readFileSync(values.file));
	} catch {
		throw new InputError([{ file: name, message: { zh: `找不到或无法读取文件 ${values.file}`, en: `cannot read file ${values.file}` } }]);
	}
	const { table, declaredCrs } = await readImportFile(bytes, name, layer);
	const lang = values.lang === 'zh' || (!values.lang && process.env.LANG?.startsWith('zh')) ? 'zh' : 'en';
	for (const notice of table.notices) console.error(`note: ${name}: ${notice[lang]}`);
	const named = suggestCrsFromHeaders(table.headers);
	const crs = values.crs ? parseCrs(values.crs) : (declaredCrs ?? (named ? { kind: named } : { kind: 'wgs84' }));
	const fields: readonly string[] = layer === 'facilities' ? FACILITY_FIELDS : AREA_FIELDS[layer];
	const given = parsePairs(values.map, '--map', (field) => fields.includes(field), fields);
	const mapping = { ...suggestMapping(table.headers), ...given };
	const areaMapping: AreaMapping = layer === 'facilities' ? {} : { ...suggestAreaMapping(layer, table.headers), ...given };
	for (const column of Object.values(layer === 'facilities' ? mapping : areaMapping))
		if (!table.headers.includes(column!)) throw new UsageError(`--map names column ${column}, which ${name} does not have; columns: ${table.headers.join(', ')}`);

	const warnings = detectCoordinateIssues(rawPositions(table, layer === 'facilities' ? mapping : {}), isProjected(crs), table.firstRecordNumber);
	if (warnings.length && !values['accept-warnings'])
		throw new InputError(warnings.map((warning) => ({ file: name, message: { zh: `${warning.message.zh}（确认无误可加 --accept-warnings）`, en: `${warning.message.en} (add --accept-warnings if this is right)` } })));

	let features;
	let skipped = 0;
	if (layer === 'facilities') {
		const chosen = parsePairs(values.category, '--category', () => true, []);
		for (const category of Object.values(chosen))
			if (!(FACILITY_CATEGORIES as readonly string[]).includes(category!)) throw new UsageError(`unknown category ${category}; known: ${FACILITY_CATEGORIES.join(', ')}`);
		const values_ = mapping.category ? categoryValues(table.records.map((record) => record.values[mapping.category!])) : [];
		const categories = Object.fromEntries(values_.map((entry) => [entry.value, (chosen[entry.value] as FacilityCategory | undefined) ?? entry.suggestion]));
		const result = facilitiesFromTable(table, { mapping, categories, crs, defaultStatus: 'existing', skipBadRecords: values['skip-bad-rows'] ?? false });
		features = result.facilities;
		skipped = result.skipped.length;
	} else {
		const result = layerFromTable(table, layer, crs, areaMapping);
		features = layer === 'residential' ? assignCommunities(result.features, base.units).features : result.features;
		for (const notice of result.notices) console.error(`note: ${name}: ${notice[lang]}`);
	}
	const dataset = applyLayer(base, layer, features, name, { synthetic: false, attribution: `${base.meta.attribution}; ${name}` });
	writeDatasetFolder(values.out, dataset);
	console.log(`${name}: ${features.length} ${layer} imported${skipped ? `, ${skipped} bad rows skipped` : ''} (${crs.kind === 'epsg' ? `EPSG:${crs.code}` : crs.kind}) → ${values.out}`);
	return 0;
}

function parseCrs(text: string): CrsChoice {
	const lower = text.toLowerCase();
	if (lower === 'wgs84' || lower === 'gcj02' || lower === 'bd09' || lower === 'cgcs2000') return { kind: lower };
	const code = lower.match(/^epsg:(\d+)$/)?.[1];
	if (code) return { kind: 'epsg', code: Number(code) };
	throw new UsageError(`unknown --crs ${text}; use wgs84, gcj02, bd09, cgcs2000 or epsg:<code>`);
}

function parsePairs(text: string | undefined, option: string, keyOk: (key: string) => boolean, keys: readonly string[]): Record<string, string | undefined> {
	if (!text) return {};
	return Object.fromEntries(
		text.split(',').map((pair) => {
			const [key, value] = pair.split('=').map((part) => part.trim());
			if (!key || !value || !keyOk(key)) throw new UsageError(`${option} expects key=value pairs${option === '--map' ? ` with keys ${keys.join(', ')}` : ''}, got ${pair}`);
			return [key, value];
		})
	);
}

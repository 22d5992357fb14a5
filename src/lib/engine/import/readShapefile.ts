import { unzipSync, zipSync } from 'fflate';
import { parseZip } from 'shpjs';
import type { FeatureCollection } from 'geojson';
import { InputError } from '../messages';
import { crsFromPrj, type CrsChoice } from './crs';
import type { ImportTable } from './table';

/**
 * A zipped Shapefile (.shp, .shx, .dbf, with .prj and .cpg when present) as a table, read by shpjs.
 * Coordinates stay as stored; the .prj (if any) is returned as the declared system so the planner
 * sees and confirms it, and the conversion goes through the same path as every other format.
 */
export async function readShapefileZip(bytes: Uint8Array, file: string): Promise<{ table: ImportTable; declaredCrs?: CrsChoice }> {
	if (bytes.length === 0) throw new InputError([{ file, message: { zh: '文件为空', en: 'file is empty' } }]);
	if (!(bytes[0] === 0x50 && bytes[1] === 0x4b))
		throw new InputError([{ file, message: { zh: '不是 ZIP 压缩包（Shapefile 需打包为 .zip）', en: 'is not a ZIP archive (zip the Shapefile’s files)' } }]);
	const prj = await readPrj(bytes);
	let parsed: FeatureCollection | FeatureCollection[];
	try {
		// Without a .prj shpjs leaves coordinates alone; with one it would reproject to WGS84 itself,
		// so it gets a copy without the .prj and the system is applied after the planner confirms it.
		parsed = (await parseZip(prj ? await withoutPrj(bytes) : bytes)) as FeatureCollection | FeatureCollection[];
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		throw new InputError([{ file, message: { zh: `无法读取 Shapefile（${detail}）`, en: `cannot be read as a Shapefile (${detail})` } }]);
	}
	const collections = Array.isArray(parsed) ? parsed : [parsed];
	if (collections.length !== 1)
		throw new InputError([{ file, message: { zh: `压缩包含 ${collections.length} 个图层，请每次导入一个`, en: `holds ${collections.length} layers; import one at a time` } }]);
	const features = collections[0].features;
	if (features.length === 0) throw new InputError([{ file, message: { zh: '没有任何要素', en: 'has no features' } }]);
	const headers = [...new Set(features.flatMap((feature) => Object.keys(feature.properties ?? {})))];
	const table: ImportTable = {
		file,
		recordKind: 'feature',
		firstRecordNumber: 1,
		headers,
		records: features.map((feature) => ({ values: feature.properties ?? {}, geometry: feature.geometry })),
		notices: []
	};
	return { table, declaredCrs: prj ? crsFromPrj(prj) : undefined };
}

async function readPrj(bytes: Uint8Array): Promise<string | undefined> {
	const files = unzipSync(bytes);
	const name = Object.keys(files).find((entry) => entry.toLowerCase().endsWith('.prj'));
	return name ? new (globalThis as unknown as { TextDecoder: new () => { decode(b: Uint8Array): string } }).TextDecoder().decode(files[name]) : undefined;
}

async function withoutPrj(bytes: Uint8Array): Promise<Uint8Array> {
	const files = unzipSync(bytes);
	return zipSync(Object.fromEntries(Object.entries(files).filter(([name]) => !name.toLowerCase().endsWith('.prj'))));
}

import { InputError } from '../messages';
import type { CrsChoice } from './crs';
import { IMPORT_EXTENSIONS, MAX_IMPORT_BYTES } from './formats';
import type { ImportLayer } from './layerFromTable';
import { osmTable, readOsmElements } from './readOsm';
import { parseCsv } from './parseCsv';
import { readGeoJson } from './readGeoJson';
import { readShapefileZip } from './readShapefile';
import { readXlsx } from './readXlsx';
import type { ImportTable } from './table';

export { IMPORT_EXTENSIONS, MAX_IMPORT_BYTES };

/**
 * Reads any supported file into a table, choosing the reader by the file's extension. OSM files hold
 * every layer at once, so the layer being imported picks which elements become records.
 */
export async function readImportFile(bytes: Uint8Array, file: string, layer: ImportLayer = 'facilities'): Promise<{ table: ImportTable; declaredCrs?: CrsChoice }> {
	if (bytes.length > MAX_IMPORT_BYTES)
		throw new InputError([
			{
				file,
				message: {
					zh: `文件过大（${(bytes.length / 1048576).toFixed(0)} MB），上限为 ${MAX_IMPORT_BYTES / 1048576} MB：请按街道拆分或只保留所需字段`,
					en: `is too large (${(bytes.length / 1048576).toFixed(0)} MB; the limit is ${MAX_IMPORT_BYTES / 1048576} MB): split it by street or keep only the needed columns`
				}
			}
		]);
	const extension = file.toLowerCase().match(/\.[^.]+$/)?.[0] ?? '';
	if (extension === '.csv' || extension === '.txt') return { table: parseCsv(bytes, file) };
	if (extension === '.xlsx') return { table: await readXlsx(bytes, file) };
	if (extension === '.geojson' || extension === '.json') return readGeoJson(bytes, file);
	if (extension === '.zip') return readShapefileZip(bytes, file);
	if (extension === '.osm' || extension === '.pbf') return { table: osmTable(readOsmElements(bytes, file), file, layer), declaredCrs: { kind: 'wgs84' } };
	throw new InputError([
		{
			file,
			message: {
				zh: `不支持的文件类型“${extension || '无扩展名'}”：可导入 CSV、Excel（.xlsx）、GeoJSON、压缩的 Shapefile（.zip）、OSM（.osm、.osm.pbf）`,
				en: `has an unsupported type “${extension || 'no extension'}”: import CSV, Excel (.xlsx), GeoJSON, a zipped Shapefile (.zip) or OSM (.osm, .osm.pbf)`
			}
		}
	]);
}

import type { Geometry } from 'geojson';
import { InputError } from '../messages';
import type { CrsChoice } from './crs';
import { decodeText } from './decodeText';
import type { ImportTable } from './table';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A GeoJSON file's features as a table, and the system its (pre-RFC 7946) `crs` member names, if any. */
export function readGeoJson(bytes: Uint8Array, file: string): { table: ImportTable; declaredCrs?: CrsChoice } {
	const decoded = decodeText(bytes, file);
	if (decoded.text.trim() === '') throw new InputError([{ file, message: { zh: '文件为空', en: 'file is empty' } }]);
	let data: unknown;
	try {
		data = JSON.parse(decoded.text);
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		throw new InputError([{ file, message: { zh: `不是有效的 JSON（${detail}）`, en: `is not valid JSON (${detail})` } }]);
	}
	if (!isRecord(data)) throw new InputError([{ file, message: { zh: '应为 GeoJSON 对象', en: 'must be a GeoJSON object' } }]);
	const features = data.type === 'FeatureCollection' ? data.features : data.type === 'Feature' ? [data] : undefined;
	if (!Array.isArray(features))
		throw new InputError([{ file, message: { zh: `类型为 ${String(data.type)}，应为 FeatureCollection 或 Feature`, en: `type is ${String(data.type)}; expected FeatureCollection or Feature` } }]);
	if (features.length === 0) throw new InputError([{ file, message: { zh: '没有任何要素', en: 'has no features' } }]);
	const headers = new Set<string>();
	const records = features.map((feature, index) => {
		if (!isRecord(feature) || feature.type !== 'Feature')
			throw new InputError([{ file, featureIndex: index, message: { zh: '不是 GeoJSON Feature', en: 'is not a GeoJSON Feature' } }]);
		const values = isRecord(feature.properties) ? feature.properties : {};
		for (const key of Object.keys(values)) headers.add(key);
		return { values, geometry: (feature.geometry ?? null) as Geometry | null };
	});
	return {
		table: { file, recordKind: 'feature', firstRecordNumber: 1, headers: [...headers], records, notices: decoded.notice ? [decoded.notice] : [] },
		declaredCrs: declaredCrs(data.crs)
	};
}

/** Reads the old GeoJSON 2008 `crs` member ("EPSG:4547", "urn:ogc:def:crs:EPSG::4547", CRS84). */
function declaredCrs(crs: unknown): CrsChoice | undefined {
	if (!isRecord(crs) || !isRecord(crs.properties) || typeof crs.properties.name !== 'string') return undefined;
	const name = crs.properties.name;
	if (/CRS84|EPSG::?4326$/i.test(name)) return { kind: 'wgs84' };
	const code = name.match(/EPSG:+(\d+)$/i)?.[1];
	return code ? { kind: 'epsg', code: Number(code) } : undefined;
}

import gcoord from 'gcoord';
import proj4 from 'proj4';
import type { Position } from 'geojson';
import type { LocalizedText } from '../types';

/**
 * The coordinate systems planners' files come in. GCJ-02 (高德, 腾讯) and BD-09 (百度) are the
 * obfuscated systems of Chinese web maps; CGCS2000 geographic differs from WGS84 by centimetres, so
 * it is taken as is; projected systems come from an EPSG code or a .prj's WKT.
 */
export type CrsChoice =
	| { kind: 'wgs84' }
	| { kind: 'gcj02' }
	| { kind: 'bd09' }
	| { kind: 'cgcs2000' }
	| { kind: 'epsg'; code: number }
	| { kind: 'wkt'; wkt: string };

/**
 * CGCS2000 Gauss-Krüger definitions (EPSG registry, same parameters as PROJ's proj.db): 3-degree
 * zones 25–45 with the zone number in the false easting (EPSG:4513–4533), and central meridians
 * 75°E–135°E without it (EPSG:4534–4554); 6-degree zones 13–23 (EPSG:4491–4501) and CM 75°E–135°E
 * (EPSG:4502–4512).
 */
export function epsgDefinition(code: number): string | undefined {
	const tmerc = (lon0: number, falseEasting: number) =>
		`+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
	if (code === 4326 || code === 4490) return '+proj=longlat +ellps=GRS80 +no_defs';
	if (code === 3857) return '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';
	if (code >= 4513 && code <= 4533) {
		const zone = code - 4513 + 25;
		return tmerc(zone * 3, zone * 1_000_000 + 500_000);
	}
	if (code >= 4534 && code <= 4554) return tmerc(75 + 3 * (code - 4534), 500_000);
	if (code >= 4491 && code <= 4501) {
		const zone = code - 4491 + 13;
		return tmerc(zone * 6 - 3, zone * 1_000_000 + 500_000);
	}
	if (code >= 4502 && code <= 4512) return tmerc(75 + 6 * (code - 4502), 500_000);
	return undefined;
}

export const isProjected = (crs: CrsChoice) => crs.kind === 'epsg' ? crs.code !== 4326 && crs.code !== 4490 : crs.kind === 'wkt' && /^\s*PROJCS/i.test(crs.wkt);

export function describeCrs(crs: CrsChoice): LocalizedText {
	switch (crs.kind) {
		case 'wgs84':
			return { zh: 'WGS84（GPS、OpenStreetMap）', en: 'WGS84 (GPS, OpenStreetMap)' };
		case 'gcj02':
			return { zh: 'GCJ-02（高德、腾讯）', en: 'GCJ-02 (Amap, Tencent)' };
		case 'bd09':
			return { zh: 'BD-09（百度）', en: 'BD-09 (Baidu)' };
		case 'cgcs2000':
			return { zh: 'CGCS2000 经纬度', en: 'CGCS2000 geographic' };
		case 'epsg':
			return { zh: `EPSG:${crs.code}`, en: `EPSG:${crs.code}` };
		case 'wkt':
			return { zh: `.prj：${crs.wkt.match(/^\s*\w+\["([^"]+)"/)?.[1] ?? 'WKT'}`, en: `.prj: ${crs.wkt.match(/^\s*\w+\["([^"]+)"/)?.[1] ?? 'WKT'}` };
	}
}

/**
 * A function turning one position in `crs` into WGS84 longitude/latitude, or throws when the
 * system is unknown (an EPSG code we carry no definition for, or WKT proj4 cannot read).
 */
export function converterToWgs84(crs: CrsChoice): (position: Position) => [number, number] {
	switch (crs.kind) {
		case 'wgs84':
		case 'cgcs2000':
			return ([x, y]) => [x, y];
		case 'gcj02':
			return ([x, y]) => gcoord.transform([x, y], gcoord.GCJ02, gcoord.WGS84) as [number, number];
		case 'bd09':
			return ([x, y]) => gcoord.transform([x, y], gcoord.BD09, gcoord.WGS84) as [number, number];
		case 'epsg': {
			const definition = epsgDefinition(crs.code);
			if (!definition) throw new Error(`EPSG:${crs.code}`);
			const converter = proj4(definition, 'WGS84');
			return ([x, y]) => converter.forward([x, y]) as [number, number];
		}
		case 'wkt': {
			const converter = proj4(crs.wkt, 'WGS84');
			return ([x, y]) => converter.forward([x, y]) as [number, number];
		}
	}
}

/** Guesses the system from a .prj's WKT: geographic WGS84/CGCS2000 stay as is; anything projected goes through proj4. */
export function crsFromPrj(wkt: string): CrsChoice {
	if (/^\s*GEOGCS/i.test(wkt)) return /2000|CGCS/i.test(wkt) ? { kind: 'cgcs2000' } : { kind: 'wgs84' };
	return { kind: 'wkt', wkt };
}

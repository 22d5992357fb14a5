import { Geodesic } from 'geographiclib-geodesic';
import proj4 from 'proj4';
// @ts-expect-error coordtransform ships no types; an independent GCJ-02/BD-09 implementation used only as a check.
import coordtransform from 'coordtransform';
import { describe, expect, it } from 'vitest';
import { converterToWgs84, epsgDefinition } from '../../src/lib/engine/import/crs';
import { detectCoordinateIssues } from '../../src/lib/engine/import/detectCoordinates';

const distanceM = (a: number[], b: number[]) => Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0]).s12 as number;

describe('projected coordinates (proj4 with our EPSG definitions)', () => {
	it('reproduces the Transverse Mercator example of EPSG Guidance Note 7-2 to a centimetre', () => {
		// IOGP Publication 373-7-2 (Geomatics Guidance Note 7 part 2), §3.5.3.1 Transverse Mercator example:
		// OSGB 1936 / British National Grid, φ = 50°30'00"N, λ = 00°30'00"E → E = 577 274.99 m, N = 69 740.50 m.
		const bng = '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +units=m +no_defs';
		const [easting, northing] = proj4('WGS84', bng, [0.5, 50.5]) as number[];
		expect(Math.abs(easting - 577274.99)).toBeLessThan(0.02);
		expect(Math.abs(northing - 69740.5)).toBeLessThan(0.02);
		const back = converterToWgs84({ kind: 'wkt', wkt: bng })([577274.99, 69740.5]);
		expect(distanceM(back, [0.5, 50.5])).toBeLessThan(0.05);
	});

	// Expected grid coordinates from PROJ 9 via Debian's python3-pyproj 3.4.1 (an implementation independent of
	// proj4js), using the EPSG registry's own definitions: Transformer.from_crs('EPSG:4490', 'EPSG:<code>', always_xy=True).
	const PYPROJ_POINTS: [number, [number, number], [number, number]][] = [
		[4543, [102.26, 27.89], [525600.0581, 3086278.8759]],
		[4543, [101.5, 26.6], [450197.7896, 2943407.4418]],
		[4547, [113.264, 23.129], [424613.8648, 2559013.8708]],
		[4547, [114.06, 22.54], [506171.9992, 2493598.0441]],
		[4526, [114.3, 30.6], [38528770.2373, 3386666.2506]],
		[4513, [75.98, 39.47], [25584330.1749, 4371141.8445]],
		[4502, [75.98, 39.47], [584330.1749, 4371141.8445]],
		[4497, [113.264, 23.129], [19731931.8867, 2560624.2533]]
	];

	it.each(PYPROJ_POINTS)('EPSG:%i grid coordinates convert back to lon/lat within 1 cm of PROJ', (code, lonLat, grid) => {
		const result = converterToWgs84({ kind: 'epsg', code })(grid);
		expect(distanceM(result, lonLat)).toBeLessThan(0.01);
	});

	it('has a definition for every CGCS2000 Gauss-Krüger code 4491–4554 and none for unknown codes', () => {
		for (let code = 4491; code <= 4554; code++) expect(epsgDefinition(code), `EPSG:${code}`).toMatch(/\+proj=tmerc/);
		expect(epsgDefinition(4555)).toBeUndefined();
		expect(() => converterToWgs84({ kind: 'epsg', code: 2000 })).toThrow();
	});
});

describe('GCJ-02 and BD-09 (gcoord), checked against an independent implementation (coordtransform)', () => {
	// Points in 西昌, 广州 and 北京: the GCJ-02 offset varies over China.
	const WGS84_POINTS = [
		[102.26, 27.89],
		[113.264, 23.129],
		[116.397, 39.909]
	];

	it.each(WGS84_POINTS)('GCJ-02 → WGS84 at %f, %f is within 1 m (the forward offset is ~300–600 m)', (lon, lat) => {
		const gcj = coordtransform.wgs84togcj02(lon, lat) as number[];
		expect(distanceM(gcj, [lon, lat])).toBeGreaterThan(100);
		const wgs = converterToWgs84({ kind: 'gcj02' })(gcj);
		expect(distanceM(wgs, [lon, lat])).toBeLessThan(1);
	});

	it.each(WGS84_POINTS)('BD-09 → WGS84 at %f, %f is within 1 m', (lon, lat) => {
		const bd = coordtransform.gcj02tobd09(...(coordtransform.wgs84togcj02(lon, lat) as [number, number])) as number[];
		const wgs = converterToWgs84({ kind: 'bd09' })(bd);
		expect(distanceM(wgs, [lon, lat])).toBeLessThan(1);
	});

	it('leaves WGS84 and CGCS2000 geographic coordinates unchanged', () => {
		expect(converterToWgs84({ kind: 'wgs84' })([102.26, 27.89])).toEqual([102.26, 27.89]);
		expect(converterToWgs84({ kind: 'cgcs2000' })([102.26, 27.89])).toEqual([102.26, 27.89]);
	});
});

describe('coordinate warnings the planner confirms', () => {
	it('flags projected numbers in a lon/lat column, naming the rows', () => {
		const warnings = detectCoordinateIssues([[525600, 3086278], [102.26, 27.89]], false, 2);
		expect(warnings.map((warning) => warning.kind)).toEqual(['projected']);
		expect(warnings[0].message.zh).toContain('第 2 条');
		expect(warnings[0].message.en).toContain('look projected');
	});

	it('flags swapped longitude and latitude', () => {
		const warnings = detectCoordinateIssues([[27.89, 102.26], [27.9, 102.27], [27.88, 102.25]], false, 2);
		expect(warnings.map((warning) => warning.kind)).toEqual(['swapped']);
		expect(warnings[0].records).toEqual([0, 1, 2]);
		expect(warnings[0].message.en).toBe('records 2, 3, 4 seem to have longitude and latitude swapped (swapped, they fall in China)');
	});

	it('flags points outside China and points far from the rest', () => {
		// Row 5 is in 北京, ~1 600 km from the others in 西昌; row 6 is at 0, 0 (a common blank).
		const warnings = detectCoordinateIssues([[102.26, 27.89], [102.27, 27.9], [102.25, 27.88], [116.4, 39.9], [0, 0]], false, 2);
		expect(warnings.map((warning) => [warning.kind, warning.records])).toEqual([
			['outsideChina', [4]],
			['farFromRest', [3]]
		]);
	});

	it('flags degrees when a projected system was chosen, and says nothing for good data', () => {
		expect(detectCoordinateIssues([[102.26, 27.89]], true, 2).map((warning) => warning.kind)).toEqual(['degreesInProjected']);
		expect(detectCoordinateIssues([[525600, 3086278]], true, 2)).toEqual([]);
		expect(detectCoordinateIssues([[102.26, 27.89], [102.27, 27.9], [102.25, 27.88]], false, 2)).toEqual([]);
	});
});

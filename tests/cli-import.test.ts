import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cliHarness';

const FIXTURES = 'tests/fixtures/import';

/** Like cliHarness's, but `note:` lines (import notices) may precede the error. */
function expectOneLineError(result: ReturnType<typeof cli>, pattern: RegExp, status = 1) {
	expect(result.status).toBe(status);
	const lines = result.stderr.trim().split('\n').filter((line) => !line.startsWith('note: '));
	expect(lines).toHaveLength(1);
	expect(lines[0]).toMatch(/^error: /);
	expect(lines[0]).toMatch(pattern);
	expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
}

describe('npm run cli -- import', () => {
	it('writes a dataset folder the analyze command runs on (GBK CSV with GCJ-02 points)', () => {
		const out = mkdtempSync(join(tmpdir(), 'cli-import-'));
		const result = cli('import', '--base', 'geodata/xichang-demo', '--file', `${FIXTURES}/facilities-gbk-gcj02.csv`, '--crs', 'gcj02', '--out', out);
		expect(result.status).toBe(0);
		expect(result.stderr).toContain('note: facilities-gbk-gcj02.csv: does not declare its encoding and is not UTF-8');
		expect(result.stdout).toContain('6 facilities imported (gcj02)');
		const facilities = JSON.parse(readFileSync(join(out, 'facilities.geojson'), 'utf8')).features;
		expect(facilities.map((feature: { properties: { name: string } }) => feature.properties.name)[0]).toBe('西昌市托育综合服务中心');
		const analyzed = cli('analyze', '--data', out, '--rule', 'HH-1', '--out', join(out, 'uncovered.geojson'));
		expect(analyzed.status).toBe(0);
		expect(analyzed.stdout).toMatch(/^HH-1 \(300 m/);
	});

	it('imports the EPSG:4543 Shapefile as residential areas, reading its .prj', () => {
		const out = mkdtempSync(join(tmpdir(), 'cli-import-'));
		const result = cli('import', '--base', 'geodata/xichang-demo', '--layer', 'residential', '--file', `${FIXTURES}/residential-4543.zip`, '--out', out);
		expect(result.status).toBe(0);
		expect(JSON.parse(readFileSync(join(out, 'residential.geojson'), 'utf8')).features).toHaveLength(20);
	});

	it('stops on coordinate warnings unless the planner accepts them, and on unknown categories', () => {
		const out = mkdtempSync(join(tmpdir(), 'cli-import-'));
		const swapped = join(out, 'swapped.csv');
		writeFileSync(swapped, '名称,类型,床位,经度,纬度\n甲,养老院,60,27.89,102.26\n');
		expectOneLineError(cli('import', '--base', 'geodata/xichang-demo', '--file', swapped, '--out', join(out, 'x')), /^error: swapped\.csv: records 2 seem to have longitude and latitude swapped/);
		const unknown = join(out, 'unknown.csv');
		writeFileSync(unknown, '名称,类型,床位,经度,纬度\n甲,卫生院,60,102.26,27.89\n乙,卫生院,60,102.26,27.89\n');
		expectOneLineError(cli('import', '--base', 'geodata/xichang-demo', '--file', unknown, '--out', join(out, 'x'), '--lang', 'zh'), /^error: unknown\.csv: 第 2 行：类型“卫生院”未对应到设施类别（另有 1 处问题）$/);
		const mapped = cli('import', '--base', 'geodata/xichang-demo', '--file', unknown, '--category', '卫生院=medical_care_home', '--out', join(out, 'y'));
		expect(mapped.status).toBe(0);
	});

	it('gives one error line for bad files and bad arguments', () => {
		expectOneLineError(cli('import', '--base', 'geodata/xichang-demo', '--file', 'nowhere.csv', '--out', '/tmp/x'), /^error: nowhere\.csv: cannot read file nowhere\.csv$/);
		expectOneLineError(cli('import', '--base', 'geodata/xichang-demo', '--file', `${FIXTURES}/facilities-gbk-gcj02.csv`, '--crs', 'mars', '--out', '/tmp/x'), /unknown --crs mars/, 2);
		expectOneLineError(cli('import', '--base', 'geodata/xichang-demo', '--layer', 'roads', '--file', 'x.csv', '--out', '/tmp/x'), /unknown layer roads/, 2);
	});
});

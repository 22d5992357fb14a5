import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, collection, expectOneLineError as expectError, writeDataset } from './cliHarness';
import { facility, ringFromMetres } from './engine/fixtures';

const expectOneLineError = (result: ReturnType<typeof cli>, pattern: RegExp) => expectError(result, undefined, pattern);

describe('cli analyze', () => {
	it('writes the uncovered areas and prints a one-line summary', () => {
		const directory = writeDataset();
		const out = join(directory, 'out.geojson');
		const result = cli('analyze', '--data', directory, '--rule', 'HH-1', '--out', out);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		// a: 558 uncovered (square minus a quarter disc), b: 500 (out of reach) → 1058 of 1500.
		expect(result.stdout.trim()).toBe(`HH-1 (300 m, straight-line): 1058 of 1500 residents uncovered (70.5%), 1 areas wholly and 1 partly uncovered; 2 parts → ${out}`);
		const exported = JSON.parse(readFileSync(out, 'utf8'));
		expect(exported.features.map((f: { properties: { residentialId: string } }) => f.properties.residentialId)).toEqual(['a', 'b']);
	});

	it('takes categories and a radius, and proposals from a file', () => {
		const directory = writeDataset();
		const proposals = join(directory, 'proposals.geojson');
		writeFileSync(proposals, JSON.stringify(collection([facility('p', [3200, 200], 'community_childcare', 'planned')])));
		const out = join(directory, 'out.geojson');
		const result = cli('analyze', '--data', directory, '--categories', 'kindergarten,community_childcare', '--radius', '300', '--proposals', proposals, '--out', out);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('custom (300 m, straight-line, 1 proposals): 558 of 1500 residents uncovered');
	});

	it('walks along the network with --mode walk and records the parameters in the export', () => {
		const street = { type: 'Feature', properties: { id: 's' }, geometry: { type: 'LineString', coordinates: ringFromMetres([[-1000, 0], [1000, 0]]).slice(0, -1) } };
		const directory = writeDataset({ 'paths.geojson': JSON.stringify(collection([street])) });
		const out = join(directory, 'out.geojson');
		const result = cli('analyze', '--data', directory, '--rule', 'HH-1', '--mode', 'walk', '--minutes', '5', '--speed', '60', '--access', '100', '--out', out);
		expect(result.status).toBe(0);
		// Hand computation: 300 m budget, the kindergarten on the street: street x ∈ [−200, 200] widened by 100 m.
		// Inside square a (0–400 × 0–400): 200 × 100 + a quarter disc of 100 m = 27,853.98 m² of 160,000 → 826 of
		// 1000 uncovered; b (3 km away) 500 → 1326 of 1500.
		expect(result.stdout).toContain('HH-1 (walk 5 min × 60 m/min = 300 m along the network, access 100 m): 1326 of 1500 residents uncovered');
		const exported = JSON.parse(readFileSync(out, 'utf8'));
		expect(exported.features[0].properties).toMatchObject({ mode: 'walk', evaluatedAs: 'walk', minutes: 5, speedMPerMin: 60, accessM: 100, reachM: 300 });
	});

	it('refuses walking parameters out of range or without walking mode', () => {
		const directory = writeDataset();
		const out = join(directory, 'out.geojson');
		expectOneLineError(cli('analyze', '--data', directory, '--rule', 'HH-1', '--mode', 'walk', '--speed', 'fast', '--out', out), /--speed must be a number/);
		expectOneLineError(cli('analyze', '--data', directory, '--rule', 'HH-1', '--mode', 'walk', '--access=-5', '--out', out), /--access must be a number/);
		expectOneLineError(cli('analyze', '--data', directory, '--rule', 'HH-1', '--minutes', '5', '--out', out), /apply to --mode walk/);
		expectOneLineError(cli('analyze', '--data', directory, '--rule', 'HH-1', '--mode', 'bike', '--out', out), /--mode must be straight or walk/);
	});

	it('fails cleanly on a missing dataset file', () => {
		const directory = mkdtempSync(join(tmpdir(), 'cli-empty-'));
		expectOneLineError(cli('analyze', '--data', directory, '--rule', 'HH-1', '--out', join(directory, 'o.geojson')), /dataset\.json: cannot read file/);
	});

	it('fails cleanly on invalid JSON, naming the file', () => {
		const directory = writeDataset({ 'facilities.geojson': '{"type": "FeatureCollection", "features": [' });
		expectOneLineError(cli('analyze', '--data', directory, '--rule', 'HH-1', '--out', join(directory, 'o.geojson')), /^error: facilities\.geojson: is not valid JSON/);
	});

	it('fails cleanly on an unknown category, a missing id and projected coordinates, naming the feature', () => {
		const bad = (properties: Record<string, unknown>, coordinates = [102.26, 27.89]) =>
			writeDataset({ 'facilities.geojson': JSON.stringify(collection([{ type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { ...facility('k', [0, 0]).properties, ...properties } }])) });
		let directory = bad({ category: '幼儿园' });
		expectOneLineError(cli('analyze', '--data', directory, '--rule', 'HH-1', '--out', join(directory, 'o')), /facilities\.geojson, feature 1 \(id "k"\): property category has unknown value "幼儿园"/);
		directory = bad({ id: undefined });
		expectOneLineError(cli('analyze', '--data', directory, '--rule', 'HH-1', '--out', join(directory, 'o')), /facilities\.geojson, feature 1: missing property id/);
		directory = bad({}, [500_123.4, 3_086_420.7]);
		expectOneLineError(cli('analyze', '--data', directory, '--rule', 'HH-1', '--out', join(directory, 'o')), /looks projected, not WGS84/);
	});

	it('speaks Chinese when asked', () => {
		const directory = writeDataset({ 'facilities.geojson': '' });
		expectOneLineError(cli('analyze', '--data', directory, '--rule', 'HH-1', '--out', join(directory, 'o'), '--lang', 'zh'), /^error: facilities\.geojson: 文件为空$/);
	});

	it('rejects bad arguments with a usage hint and exit code 2', () => {
		const directory = writeDataset();
		const unknownRule = cli('analyze', '--data', directory, '--rule', 'XX-9', '--out', join(directory, 'o'));
		expectOneLineError(unknownRule, /unknown rule XX-9; known: GB-1, GB-2, GB-3, GB-4, GB-5, HH-1, HZ-1, LS-7/);
		expect(unknownRule.status).toBe(2);
		expectOneLineError(cli('analyze', '--data', directory, '--categories', 'school', '--radius', '300', '--out', join(directory, 'o')), /unknown category school/);
		expectOneLineError(cli('analyze', '--data', directory, '--rule', 'HH-1', '--radius', 'abc', '--out', join(directory, 'o')), /--radius must be a distance/);
		expectOneLineError(cli('analyze', '--data', directory, '--rule', 'HH-1'), /--out <file> is required/);
		expectOneLineError(cli('analyse', '--bogus'), /Unknown option '--bogus'|unknown command/);
	});
});

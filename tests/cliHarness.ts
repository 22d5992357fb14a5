import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { dataset, facility, residential, square } from './engine/fixtures';

export const collection = (features: unknown[]) => ({ type: 'FeatureCollection', features });

/**
 * A dataset folder for CLI tests: two areas in community c1, a (0..400 m square, 1000 residents) and
 * b (3000..3400, 500 residents), and one kindergarten k at (0, 0) with 100 places. `overrides` replace
 * whole files with raw text.
 */
export function writeDataset(overrides: Record<string, string> = {}): string {
	const directory = mkdtempSync(join(tmpdir(), 'cli-dataset-'));
	const data = dataset([residential('a', square(0, 0, 400), 1000), residential('b', square(3000, 0, 400), 500)], [facility('k', [0, 0])]);
	const contents: Record<string, string> = {
		'dataset.json': JSON.stringify(data.meta),
		'residential.geojson': JSON.stringify(collection(data.residential)),
		'facilities.geojson': JSON.stringify(collection(data.facilities)),
		'units.geojson': JSON.stringify(collection(data.units)),
		'paths.geojson': JSON.stringify(collection([])),
		...overrides
	};
	for (const [name, text] of Object.entries(contents)) writeFileSync(join(directory, name), text);
	return directory;
}

/** Runs the CLI as a user would (`npm run cli -- …` runs the same file with tsx). */
export function cli(...args: string[]) {
	const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A failure is one `error:` line naming the problem, with the given exit code: no stack trace. */
export function expectOneLineError(result: ReturnType<typeof cli>, status: number | undefined, pattern: RegExp) {
	if (status === undefined) expect(result.status).not.toBe(0);
	else expect(result.status).toBe(status);
	const lines = result.stderr.trim().split('\n');
	expect(lines).toHaveLength(1);
	expect(lines[0]).toMatch(/^error: /);
	expect(lines[0]).toMatch(pattern);
	expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDataset } from '../../src/lib/engine/validate';
import type { DatasetFiles } from '../../src/lib/engine/types';

export const FIXTURES = join(import.meta.dirname, '../fixtures/import');
export const DEMO = join(import.meta.dirname, '../../geodata/xichang-demo');

export const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
export const utf8 = (text: string) => new TextEncoder().encode(text);

/** The demo dataset, validated, as the app holds it before an import. */
export function demoDataset() {
	const files = Object.fromEntries(readdirSync(DEMO).filter((name) => /\.(geo)?json$/.test(name)).map((name) => [name, JSON.parse(readFileSync(join(DEMO, name), 'utf8'))]));
	return validateDataset(files as unknown as DatasetFiles);
}

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeDataset } from '../lib/engine/import/serializeDataset';
import { InputError } from '../lib/engine/messages';
import { parseRuleSet, proximityRulesOf, type ProximityRule, type RuleSet } from '../lib/engine/rules';
import { DATASET_FILE_NAMES, OPTIONAL_DATASET_FILE_NAMES, type Dataset, type DatasetFiles } from '../lib/engine/types';

/** Reads and parses a JSON file; a missing file or invalid JSON becomes an InputError naming the file. */
export function readJson(path: string, label = basename(path)): unknown {
	let content: string;
	try {
		content = readFileSync(path, 'utf8');
	} catch {
		throw new InputError([{ file: label, message: { zh: `找不到或无法读取文件 ${path}`, en: `cannot read file ${path}` } }]);
	}
	if (content.trim() === '') throw new InputError([{ file: label, message: { zh: '文件为空', en: 'file is empty' } }]);
	try {
		return JSON.parse(content.replace(/^\uFEFF/, ''));
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		throw new InputError([{ file: label, message: { zh: `不是有效的 JSON（${detail}）`, en: `is not valid JSON (${detail})` } }]);
	}
}

/** The five files of a dataset folder (README, "Data contract"), parsed but not yet validated. */
export function readDatasetFolder(directory: string): DatasetFiles {
	const files = {} as Record<keyof DatasetFiles, unknown>;
	for (const name of DATASET_FILE_NAMES) files[name] = readJson(join(directory, name), name);
	for (const name of OPTIONAL_DATASET_FILE_NAMES) if (existsSync(join(directory, name))) files[name] = readJson(join(directory, name), name);
	return files as DatasetFiles;
}

const SEEDS = join(dirname(fileURLToPath(import.meta.url)), '../../seeds');

/** Every rule set in seeds/, sorted by file name. */
export function loadRuleSets(): RuleSet[] {
	return readdirSync(SEEDS)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => parseRuleSet(readJson(join(SEEDS, name), `seeds/${name}`), `seeds/${name}`));
}

/** Every proximity rule of every rule set in seeds/. */
export function loadSeedRules(): ProximityRule[] {
	return loadRuleSets().flatMap(proximityRulesOf);
}

/** Writes a dataset as a folder in the data contract (one feature per line), creating the folder. */
export function writeDatasetFolder(directory: string, dataset: Dataset) {
	mkdirSync(directory, { recursive: true });
	for (const [file, text] of Object.entries(serializeDataset(dataset))) writeFileSync(join(directory, file), text);
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/lib/engine/messages';
import { parseRuleSet, targetForYear } from '../../src/lib/engine/rules';

const ROOT = join(import.meta.dirname, '../..');
const SEEDS = join(ROOT, 'seeds');
const seedFiles = readdirSync(SEEDS).filter((name) => name.endsWith('.json')).sort();
const load = (name: string) => parseRuleSet(JSON.parse(readFileSync(join(SEEDS, name), 'utf8')), `seeds/${name}`);

describe('rule sets in seeds/', () => {
	it('are the six plans, and every file passes the one schema', () => {
		expect(seedFiles).toEqual(['chongxin-2021.json', 'gb50180-2018.json', 'honghe-2022.json', 'huzhong-2023.json', 'liangshan-2023.json', 'wenshan-2021.json']);
		for (const name of seedFiles) expect(load(name).id).toBe(name.replace(/\.json$/, ''));
	});

	it('encode all six kinds between them', () => {
		const kinds = new Set(seedFiles.flatMap((name) => load(name).rules.map((rule) => rule.kind)));
		expect([...kinds].sort()).toEqual(['capacity_ratio', 'facility_attribute', 'floor_area', 'proximity', 'threshold_obligation', 'unit_has_facility']);
	});

	it('cover every rule id catalogued in shared/RULES.md: encoded, or listed as not checkable with a reason', () => {
		const catalogue = readFileSync(join(ROOT, '../shared/RULES.md'), 'utf8');
		const catalogued = [...new Set([...catalogue.matchAll(/^\| ((?:HH|WS|LS|HZ|CX|GB)-\d+) \|/gm)].map((match) => match[1]))];
		// 9 HH + 10 WS + 10 LS + 6 HZ + 3 CX + 8 GB, counted in RULES.md's tables by hand.
		expect(catalogued).toHaveLength(46);
		const accounted = new Set<string>();
		for (const name of seedFiles) {
			const set = load(name);
			for (const rule of set.rules) accounted.add(rule.catalogueId);
			for (const entry of set.notCheckable) {
				expect(entry.reason.zh.length).toBeGreaterThan(10);
				accounted.add(entry.catalogueId);
			}
		}
		expect(catalogued.filter((id) => !accounted.has(id))).toEqual([]);
		expect([...accounted].filter((id) => !catalogued.includes(id))).toEqual([]);
	});

	it('quote the plan: every quoted fragment of a local plan occurs in the plan text (ignoring whitespace)', () => {
		for (const name of seedFiles.filter((file) => !file.startsWith('gb'))) {
			const set = load(name);
			const plan = readFileSync(join(ROOT, '../shared', set.plan.file), 'utf8').replace(/\s/g, '').replace(/[()]/g, (c) => (c === '(' ? '（' : '）'));
			const sources = [...set.rules.map((rule) => rule.source), ...set.notCheckable.map((entry) => entry.source)];
			for (const source of sources) {
				for (const fragment of source.quote.split(/ … | \/ |；/)) {
					const key = fragment.replace(/^附件1：/, '').replace(/\s/g, '').replace(/[()]/g, (c) => (c === '(' ? '（' : '）')).slice(0, 10);
					expect(plan.includes(key), `${name}: "${fragment}"`).toBe(true);
				}
			}
		}
	});

	it('phase 凉山 LS-1 托位 3 → 3.7 → 4.5 over 2023–2025', () => {
		const rule = load('liangshan-2023.json').rules.find((candidate) => candidate.id === 'LS-1')!;
		expect(rule.kind).toBe('capacity_ratio');
		if (rule.kind !== 'capacity_ratio') return;
		expect([2022, 2023, 2024, 2025, 2030, undefined].map((year) => targetForYear(rule, year))).toEqual([3, 3, 3.7, 4.5, 4.5, 4.5]);
	});

	it('rejects a bad rule set with a message naming the file and the path', () => {
		const good = JSON.parse(readFileSync(join(SEEDS, 'honghe-2022.json'), 'utf8'));
		const bad = structuredClone(good);
		bad.rules[0].categories = ['hospital'];
		expect(() => parseRuleSet(bad, 'seeds/bad.json')).toThrow(InputError);
		try {
			parseRuleSet(bad, 'seeds/bad.json');
		} catch (error) {
			const problem = (error as InputError).problems[0];
			expect(problem.file).toBe('seeds/bad.json');
			expect(problem.message.en).toMatch(/^rules\.0\.categories\.0: /);
		}
		const unknownKind = structuredClone(good);
		unknownKind.rules[0].kind = 'vibes';
		expect(() => parseRuleSet(unknownKind, 'x')).toThrow(InputError);
		const duplicate = structuredClone(good);
		duplicate.rules.push(duplicate.rules[0]);
		expect(() => parseRuleSet(duplicate, 'x')).toThrow(/duplicate rule id HH-1/);
		const phased = structuredClone(good);
		phased.rules[1].phases = [{ year: 2025, target: 0.5 }];
		expect(() => parseRuleSet(phased, 'x')).toThrow(/last phase must equal target/);
	});
});

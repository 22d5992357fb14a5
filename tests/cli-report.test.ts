import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, collection, expectOneLineError, writeDataset } from './cliHarness';
import { facility } from './engine/fixtures';

describe('cli report', () => {
	it('writes every rule of the plan as JSON with per-unit rows', () => {
		const directory = writeDataset();
		const out = join(directory, 'report.json');
		const result = cli('report', '--data', directory, '--plan', 'huzhong-2023', '--out', out);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(/^huzhong-2023: 6 rules — 2 pass, 2 fail, 2 not checkable/);
		const report = JSON.parse(readFileSync(out, 'utf8'));
		const byId = Object.fromEntries(report.rules.map((rule: { id: string }) => [rule.id, rule]));
		// HZ-4: 100 places / 1500 residents × 1000 = 66.6667 ≥ 4.5.
		expect(byId['HZ-4']).toMatchObject({ kind: 'capacity_ratio', status: 'pass', value: 66.6667, target: 4.5, unit: 'per_1000_population', shortfall: 0 });
		expect(byId['HZ-4'].rows).toEqual([{ unitId: 'c1', name: 'c1', level: 'community', value: 66.6667, target: 4.5, status: 'pass', shortfall: 0 }]);
		// HZ-1: no day-care facility at all → nobody within reach: 1500 residents short.
		expect(byId['HZ-1']).toMatchObject({ status: 'fail', value: 0, shortfall: 1500, unit: 'share_of_residents' });
		// HZ-2: the one community has no day-care room: 1 unit short. HZ-6: it has childcare: pass.
		expect(byId['HZ-2']).toMatchObject({ status: 'fail', value: 0, shortfall: 1 });
		expect(byId['HZ-6']).toMatchObject({ status: 'pass', value: 1 });
		// HZ-3: the fixture's areas have 0 households → nothing to check; HZ-5: no care homes.
		expect(byId['HZ-3'].status).toBe('not_checkable');
		expect(byId['HZ-5'].status).toBe('not_checkable');
	});

	it('writes CSV in UTF-8 with a byte-order mark, and counts proposals', () => {
		const directory = writeDataset();
		const proposals = join(directory, 'proposals.geojson');
		writeFileSync(proposals, JSON.stringify(collection([facility('p', [3200, 200], 'elderly_daycare', 'planned')])));
		const out = join(directory, 'report.csv');
		const result = cli('report', '--data', directory, '--plan', 'huzhong-2023', '--year', '2025', '--proposals', proposals, '--out', out);
		expect(result.status).toBe(0);
		const bytes = readFileSync(out);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = bytes.toString('utf8').slice(1).split('\r\n');
		expect(lines[0]).toBe('plan,year,rule,catalogue_id,kind,group,title,unit_id,unit_name,level,status,value,target,unit,shortfall,shortfall_unit,reason');
		// With the proposed day-care in c1, HZ-2 passes; the line for the whole area has empty unit columns.
		expect(lines).toContain('huzhong-2023,2025,HZ-2,HZ-2,unit_has_facility,elderly,每个社区建有日间照料室,,,,pass,1,1,share_of_units,0,units,');
		// HZ-1: the proposal at (3200, 200) inside b covers b wholly (1000 m reach), so 1000 residents remain short.
		expect(lines.find((line) => line.startsWith('huzhong-2023,2025,HZ-1,HZ-1,proximity,elderly,') && line.includes(',,,,'))).toMatch(/,fail,0\.3333,1,share_of_residents,1000,residents,数据没有步行路网：步行 15 分钟按直线 1001 米计算/);
	});

	it('rejects bad arguments and bad data with one error line', () => {
		const directory = writeDataset();
		const out = join(directory, 'r.json');
		expectOneLineError(cli('report', '--data', directory, '--plan', 'atlantis-2030', '--out', out), 2, /unknown plan atlantis-2030; known: chongxin-2021/);
		expectOneLineError(cli('report', '--data', directory, '--plan', 'huzhong-2023', '--out', join(directory, 'r.xlsx')), 2, /--out must end in \.json or \.csv/);
		expectOneLineError(cli('report', '--data', directory, '--plan', 'huzhong-2023', '--year', 'soon', '--out', out), 2, /--year must be a year/);
		expectOneLineError(cli('report', '--data', directory, '--out', out), 2, /--plan <plan id> is required/);
		expectOneLineError(cli('report', '--data', join(directory, 'missing'), '--plan', 'huzhong-2023', '--out', out), 1, /dataset\.json: cannot read file/);
		const badFacility = writeDataset({ 'facilities.geojson': JSON.stringify(collection([{ ...facility('k', [0, 0]), properties: { ...facility('k', [0, 0]).properties, clinic: 'yes' } }])) });
		expectOneLineError(cli('report', '--data', badFacility, '--plan', 'honghe-2022', '--out', out), 1, /facilities\.geojson, feature 1 \(id "k"\): property clinic must be true or false, got "yes"/);
	});
});

// The compliance report as a planner uses it: pick a plan, read the badges, select a failing rule,
// see it on the map, add a proposed site and watch the shortfall fall, export the report as CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, openApp, sourceData, useApp, waitFor, waitForAnalysis, waitForMapIdle } from './harness.mjs';

const app = useApp();

let scratch;
let cliReport;
before(() => {
	scratch = mkdtempSync(join(tmpdir(), 'e2e-report-'));
	const out = join(scratch, 'liangshan.json');
	execFileSync('npm', ['run', '-s', 'cli', '--', 'report', '--data', 'geodata/xichang-demo', '--plan', 'liangshan-2023', '--out', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	cliReport = JSON.parse(readFileSync(out, 'utf8'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

const ruleButton = (page, id) => page.locator(`button[data-rule="${id}"]`);

test('pick a plan, select a failing rule, add a proposed site, export the report as CSV', async () => {
	const { page } = await openApp(app);
	await waitForAnalysis(page);

	await page.getByRole('combobox', { name: '规划', exact: true }).selectOption('liangshan-2023');
	await waitFor(async () => (await page.locator('button[data-rule^="LS-"]').count()) === cliReport.rules.length, 'the 凉山 rules to be listed');

	// Badges match the CLI's statuses for the same data.
	for (const rule of cliReport.rules) assert.equal(await ruleButton(page, rule.id).getAttribute('data-status'), rule.status, rule.id);
	assert.ok((await page.locator('.badge.pass').count()) > 0 && (await page.locator('.badge.fail').count()) > 0, 'pass and fail badges shown');
	assert.ok(await page.getByRole('heading', { name: '养老' }).isVisible());
	assert.ok(await page.getByRole('heading', { name: '托育' }).isVisible());

	// LS-1 fails: places per 1000 residents below 4.5; the shortfall is said in plain words.
	const lsOne = cliReport.rules.find((rule) => rule.id === 'LS-1');
	assert.equal(lsOne.status, 'fail');
	await ruleButton(page, 'LS-1').click();
	const shortfall = page.locator('[data-role="shortfall"]');
	await waitFor(async () => (await shortfall.textContent()) === `还需新增托位 ${lsOne.shortfall} 个`, `the shortfall "还需新增托位 ${lsOne.shortfall} 个"`);
	const failingUnits = lsOne.rows.filter((row) => row.status === 'fail' && row.level === 'community').map((row) => row.unitId).sort();
	const shaded = await waitFor(async () => {
		const data = await sourceData(page, 'compliance-failing');
		return data.features.length > 0 && data.features;
	}, 'failing units to be shaded');
	assert.deepEqual(shaded.map((feature) => feature.properties.id).sort(), failingUnits, 'the shaded units are the failing communities');
	assert.ok(await page.getByRole('table', { name: '分单元结果' }).isVisible());
	assert.ok(await page.getByRole('img', { name: '各单元现状与目标' }).isVisible());

	// A proposed kindergarten of 90 places (the default) anywhere in the town: 90 fewer places missing.
	await waitForMapIdle(page);
	const box = await page.locator('.map-area canvas').first().boundingBox();
	await page.getByRole('button', { name: '添加拟建设施' }).click();
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	const expected = lsOne.shortfall - 90;
	await waitFor(async () => (await shortfall.textContent()) === `还需新增托位 ${expected} 个`, `the shortfall to fall to ${expected}`);

	const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByRole('button', { name: '导出达标报告 CSV' }).click()]);
	assert.equal(download.suggestedFilename(), 'report-liangshan-2023.csv');
	const bytes = readFileSync(await download.path());
	assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
	const lines = bytes.toString('utf8').slice(1).split('\r\n');
	assert.equal(lines[0], 'plan,year,rule,catalogue_id,kind,group,title,unit_id,unit_name,level,status,value,target,unit,shortfall,shortfall_unit,reason');
	const lsOneLine = lines.find((line) => line.startsWith('liangshan-2023,,LS-1,LS-1,capacity_ratio,childcare,') && line.includes(',,,,'));
	assert.match(lsOneLine, new RegExp(`,per_1000_population,${expected},places,`), 'the export counts the proposed site');
});

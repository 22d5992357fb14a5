// Bring your own data, in a real browser: a GBK CSV with GCJ-02 points is imported through the file
// picker, bad files are refused with a message and leave the data alone, a proposed site is added,
// undo/redo work, and after a reload the imported data and the proposal are still there (IndexedDB).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, openApp, pagePoint, sourceData, useApp, waitFor, waitForAnalysis, waitForMapIdle } from './harness.mjs';

const app = useApp();
const FIXTURE = join(ROOT, 'tests/fixtures/import/facilities-gbk-gcj02.csv');
const TRUTH = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/import/facilities-gbk-gcj02.truth.json'), 'utf8'));

/** A point on screen near one of the imported facilities. */
async function visiblePoint(page) {
	for (const entry of TRUTH) {
		const point = await pagePoint(page, entry.wgs84, 90);
		if (point) return point;
	}
	assert.fail('no imported facility is on screen');
}

const fileInput = (page) => page.getByLabel(/^选择文件或拖放到此处/);

test('imports a GBK CSV with GCJ-02 points, refuses bad files, and keeps data and proposals across a reload', async () => {
	const { page, external } = await openApp(app);
	await waitForAnalysis(page);
	const demoFacilities = (await sourceData(page, 'facilities')).features.length;
	assert.ok(demoFacilities > TRUTH.length);

	// A bad file: the message names the file and the row, shows markup as text, and the data stays.
	const hostile = '名称,类型,床位,经度,纬度\n甲,"<img src=x onerror=""window.__pwned=1"">",60,102.26,27.89\n';
	await fileInput(page).setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(hostile, 'utf8') });
	await page.getByRole('button', { name: '导入', exact: true }).click();
	const alert = page.getByTestId('import-problems');
	await waitFor(() => alert.isVisible(), 'the import problems to show');
	const message = await alert.innerText();
	assert.match(message, /bad\.csv: 第 2 行：类型“<img src=x onerror="window\.__pwned=1">”未对应到设施类别/);
	assert.equal(await alert.locator('img').count(), 0, 'markup from the file is text, not elements');
	assert.equal(await page.evaluate(() => window.__pwned), undefined);
	assert.equal((await sourceData(page, 'facilities')).features.length, demoFacilities, 'the data is untouched');

	// The real fixture: GBK detected and announced, mapping suggested, GCJ-02 chosen.
	await fileInput(page).setInputFiles(FIXTURE);
	const step = page.getByTestId('import-step');
	await waitFor(() => step.isVisible(), 'the mapping step');
	assert.match(await step.innerText(), /已按 GBK\/GB18030 读取/);
	await step.getByRole('combobox', { name: '坐标系' }).selectOption('gcj02');
	await page.getByRole('button', { name: '导入', exact: true }).click();
	await waitFor(() => page.getByTestId('import-done').isVisible(), 'the import to finish');
	const imported = await waitFor(async () => {
		const data = await sourceData(page, 'facilities');
		return data.features.length === TRUTH.length && data;
	}, 'the map to show the imported facilities');
	const ids = imported.features.map((feature) => feature.properties.id).sort();
	assert.deepEqual(ids, TRUTH.map((entry) => entry.id).sort());
	await waitForAnalysis(page);
	await waitForMapIdle(page);

	// A proposed site, then undo and redo it with the buttons and the keyboard.
	const point = await visiblePoint(page);
	await page.getByRole('button', { name: '添加拟建设施' }).click();
	await page.mouse.click(point.x + 40, point.y + 40);
	await waitFor(async () => (await page.getByTestId('proposal-item').count()) === 1, 'the proposal to be listed');
	const coords = await page.getByTestId('proposal-item').locator('.coords').innerText();
	const undo = page.getByRole('button', { name: '撤销（Ctrl+Z）' });
	await waitFor(() => undo.isEnabled(), 'undo to become available');
	await undo.click();
	await waitFor(async () => (await page.getByTestId('proposal-item').count()) === 0, 'undo to remove the proposal');
	await page.getByRole('button', { name: '重做（Ctrl+Shift+Z）' }).click();
	await waitFor(async () => (await page.getByTestId('proposal-item').count()) === 1, 'redo to bring it back');
	await page.locator('body').click({ position: { x: 5, y: 890 } }).catch(() => {});
	await page.keyboard.press('Control+z');
	await waitFor(async () => (await page.getByTestId('proposal-item').count()) === 0, 'Ctrl+Z to remove it');
	await page.keyboard.press('Control+Shift+Z');
	await waitFor(async () => (await page.getByTestId('proposal-item').count()) === 1, 'Ctrl+Shift+Z to bring it back');
	await waitFor(async () => (await page.getByTestId('autosave-status').innerText()).includes('已自动保存'), 'the autosave to be confirmed');

	// Reload (as after a crash): imported data and the proposal come back.
	await page.reload();
	await waitForAnalysis(page);
	const restored = await sourceData(page, 'facilities');
	assert.deepEqual(restored.features.map((feature) => feature.properties.id).sort(), ids, 'the imported facilities are restored');
	assert.equal(await page.getByTestId('proposal-item').count(), 1, 'the proposal is restored');
	assert.match(await page.getByTestId('restored-notice').innerText(), /已恢复上次的工作/);
	assert.equal(await page.getByTestId('proposal-item').locator('.coords').innerText(), coords);
	assert.equal(await page.locator('.proposed-marker').count(), 1);
	assert.deepEqual(external, []);
});

test('a saved project file opens on a colleague’s machine with the imported data, proposals and settings', async () => {
	const { page } = await openApp(app);
	await waitForAnalysis(page);
	await fileInput(page).setInputFiles(FIXTURE);
	await waitFor(() => page.getByTestId('import-step').isVisible(), 'the mapping step');
	await page.getByTestId('import-step').getByRole('combobox', { name: '坐标系' }).selectOption('gcj02');
	await page.getByRole('button', { name: '导入', exact: true }).click();
	await waitFor(async () => (await sourceData(page, 'facilities')).features.length === TRUTH.length, 'the imported facilities');
	await waitForAnalysis(page);
	await waitForMapIdle(page);
	const point = await visiblePoint(page);
	await page.getByRole('button', { name: '添加拟建设施' }).click();
	await page.mouse.click(point.x + 30, point.y - 30);
	await waitFor(async () => (await page.getByTestId('proposal-item').count()) === 1, 'the proposal');
	const coords = await page.getByTestId('proposal-item').locator('.coords').innerText();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '保存项目文件' }).click()]);
	const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
	assert.equal(saved.type, 'FeatureCollection');
	assert.equal(saved.features.length, 1);
	assert.equal(saved.project.data.copy['facilities.geojson'].features.length, TRUTH.length);

	// A colleague: a fresh browser profile (nothing autosaved) opens the file.
	const colleague = await openApp(app);
	await waitForAnalysis(colleague.page);
	assert.ok((await sourceData(colleague.page, 'facilities')).features.length > TRUTH.length, 'the colleague starts on the demo');
	await colleague.page.getByLabel('打开项目文件').setInputFiles({ name: 'project.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(saved)) });
	await waitFor(async () => (await sourceData(colleague.page, 'facilities')).features.length === TRUTH.length, 'the project’s data on the colleague’s map');
	await waitFor(async () => (await colleague.page.getByTestId('proposal-item').count()) === 1, 'the project’s proposal');
	assert.equal(await colleague.page.getByTestId('proposal-item').locator('.coords').innerText(), coords);

	// A file that is not a project is refused with a message; the colleague's work stays.
	await colleague.page.getByLabel('打开项目文件').setInputFiles({ name: 'other.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{"type":"FeatureCollection","features":[]}') });
	await waitFor(async () => (await colleague.page.getByRole('alert').allInnerTexts()).some((text) => text.includes('other.geojson: 不是本工具的项目文件')), 'the refusal');
	assert.equal(await colleague.page.getByTestId('proposal-item').count(), 1);
});

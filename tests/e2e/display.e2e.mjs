// What the planner sees: both languages (with screenshots for a human look), and names from data
// files shown as text, never interpreted as HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_RESULTS, TIMEOUT_MS, interiorPoint, openApp, pagePoint, parseFigure, sourceData, useApp, waitFor, waitForAnalysis, waitForMapIdle } from './harness.mjs';

const app = useApp();

test('the language switch turns the whole UI to English and back', async () => {
	const { page } = await openApp(app);
	const chinese = await waitForAnalysis(page);
	await waitForMapIdle(page);
	mkdirSync(TEST_RESULTS, { recursive: true });
	await page.screenshot({ path: join(TEST_RESULTS, 'screenshot-zh.png'), fullPage: true });

	// The switch is named in the language it switches to, as language pickers are.
	const toEnglish = page.getByRole('button', { name: 'English', exact: true });
	assert.equal(await toEnglish.getAttribute('lang'), 'en');
	await toEnglish.click();
	await waitFor(async () => (await page.getAttribute('html', 'lang')) === 'en', 'html[lang=en]');
	for (const name of ['Add proposed site', 'Export uncovered areas'])
		assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, `button "${name}"`);
	assert.equal(await page.getByRole('combobox', { name: 'Rule', exact: true }).count(), 1, 'combobox "Rule"');
	assert.equal(await page.getByRole('button', { name: '添加拟建设施' }).count(), 0, 'no Chinese button left');
	const english = await waitForAnalysis(page);
	assert.equal(parseFigure(english.uncovered), parseFigure(chinese.uncovered), 'same figures in either language');
	await waitForMapIdle(page);
	await page.screenshot({ path: join(TEST_RESULTS, 'screenshot-en.png'), fullPage: true });

	await page.getByRole('button', { name: '中文', exact: true }).click();
	await waitFor(async () => (await page.getAttribute('html', 'lang')) === 'zh-CN', 'html[lang=zh-CN] again');
	assert.equal(await page.getByRole('button', { name: '添加拟建设施' }).count(), 1);
	assert.equal(await page.getByRole('combobox', { name: '规则' }).count(), 1);
});

/** A facility drawn on screen with no other facility within `gap` pixels, so a click hits only it. */
async function isolatedFacility(page, gap = 24) {
	const facilities = (await sourceData(page, 'facilities')).features;
	const placed = [];
	for (const feature of facilities) {
		const point = await pagePoint(page, feature.geometry.coordinates, 70);
		if (point) placed.push({ feature, point });
	}
	return placed.find(({ point }) => placed.every((other) => other.point === point || Math.hypot(other.point.x - point.x, other.point.y - point.y) > gap));
}

async function popupTitle(page) {
	const title = page.locator('.maplibregl-popup .popup > strong');
	await title.waitFor({ timeout: TIMEOUT_MS });
	return title.evaluate((element) => ({ text: element.textContent, children: element.children.length }));
}

test('a facility popup shows the facility name as text', async () => {
	const { page } = await openApp(app);
	await waitForAnalysis(page);
	await waitForMapIdle(page);
	const target = await isolatedFacility(page);
	assert.ok(target, 'a facility on screen away from others');
	await page.mouse.click(target.point.x, target.point.y);
	const title = await popupTitle(page);
	assert.deepEqual(title, { text: target.feature.properties.name, children: 0 });
});

const HOSTILE = (index) => `<img src=x onerror="window.__injected=(window.__injected||0)+1">设施${index}<b>粗</b>`;

test('markup in data names is shown literally, never run', async (t) => {
	const rename = (collection, name) => ({
		...collection,
		features: collection.features.map((feature, index) => ({ ...feature, properties: { ...feature.properties, name: name(index) } }))
	});
	// Serve the demo with hostile names in facilities, residential areas and units. (Vite inlines a
	// small data file into the bundle as a data: URL, which cannot be intercepted; `served` says which were.)
	const served = new Set();
	const { page } = await openApp(app, {
		async intercept(route, url) {
			const file = url.pathname.match(/\/(facilities|residential|units)[^/]*\.geojson$/)?.[1];
			if (!file) return false;
			const response = await route.fetch();
			const collection = await response.json();
			await route.fulfill({ response, json: rename(collection, (index) => `${HOSTILE(index)}${file}`) });
			served.add(file);
			return true;
		}
	});
	await waitForAnalysis(page);
	await waitForMapIdle(page);

	const target = await isolatedFacility(page);
	assert.ok(target, 'a facility on screen away from others');
	assert.match(target.feature.properties.name, /^<img /, 'the hostile data was served');
	await page.mouse.click(target.point.x, target.point.y);
	assert.deepEqual(await popupTitle(page), { text: target.feature.properties.name, children: 0 }, 'facility popup');

	// A residential area's popup, clicked where no facility is.
	const facilityPoints = await Promise.all((await sourceData(page, 'facilities')).features.map((feature) => pagePoint(page, feature.geometry.coordinates)));
	let area;
	for (const feature of (await sourceData(page, 'residential')).features) {
		const lngLat = interiorPoint(feature.geometry.type === 'Polygon' ? feature.geometry.coordinates : feature.geometry.coordinates[0]);
		const point = lngLat && (await pagePoint(page, lngLat, 70));
		if (point && facilityPoints.every((other) => !other || Math.hypot(other.x - point.x, other.y - point.y) > 30)) {
			area = { feature, point };
			break;
		}
	}
	assert.ok(area, 'a residential area on screen away from facilities');
	await page.mouse.click(area.point.x, area.point.y);
	await waitFor(async () => (await popupTitle(page)).text === area.feature.properties.name, 'the residential popup');
	assert.deepEqual(await popupTitle(page), { text: area.feature.properties.name, children: 0 }, 'residential popup');

	if (served.has('units')) {
		// A row header may wrap the name in a control; what matters is text only, no element from the name.
		const unitNames = await page
			.locator('table th[scope=row]')
			.evaluateAll((cells) => cells.map((cell) => ({ text: cell.textContent.trim(), fromName: cell.querySelectorAll('img, b').length })));
		assert.ok(unitNames.length > 0, 'the unit table has rows');
		for (const name of unitNames) assert.match(name.text, /^<img src=x onerror=.*<b>粗<\/b>units$/, 'unit name shown literally');
		assert.ok(unitNames.every((name) => name.fromName === 0), 'unit names are text only');
	} else t.diagnostic('units.geojson is inlined into the bundle (a data: URL), so unit names were not replaced');

	assert.equal(await page.locator('img[src=x], .popup b, table b').count(), 0, 'no element was created from a name');
	assert.equal(await page.evaluate(() => window.__injected), undefined, 'no handler from a name ran');
});

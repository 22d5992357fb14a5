// The planner's main loop in a real browser: the demo opens analysed, a proposed site changes the
// figures (added, dragged, deleted), and the rule controls change them or refuse bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	interiorPoint,
	metresBetween,
	openApp,
	pagePoint,
	parseFigure,
	readFigures,
	settledFigures,
	sleep,
	sourceData,
	useApp,
	waitFor,
	waitForAnalysis,
	waitForMapIdle
} from './harness.mjs';

const app = useApp();

const CATEGORIES = [
	'childcare_center',
	'kindergarten',
	'community_childcare',
	'elderly_daycare',
	'elderly_service_center',
	'care_home',
	'medical_care_home',
	'elderly_canteen',
	'senior_school'
];

/** Wholly uncovered residential areas' uncovered parts, largest first, each with a point inside it. */
async function whollyUncoveredTargets(page) {
	const uncovered = await sourceData(page, 'uncovered');
	return uncovered.features
		.filter((feature) => feature.properties.coveredShare === 0)
		.sort((a, b) => b.properties.uncoveredAreaM2 - a.properties.uncoveredAreaM2)
		.map((feature) => ({ feature, lngLat: interiorPoint(feature.geometry.coordinates) }))
		.filter((target) => target.lngLat !== null);
}

/** The first target whose point is on screen, away from the map's edges and controls. */
async function firstVisible(page, targets, accept = () => true) {
	for (const target of targets) {
		if (!accept(target)) continue;
		const point = await pagePoint(page, target.lngLat, 70);
		if (point) return { ...target, point };
	}
	return null;
}

test('opens in Chinese with the demo analysed, and the figures agree with the map', async () => {
	const { page, external } = await openApp(app);
	assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
	const figures = await waitForAnalysis(page);
	assert.match(await page.getByRole('note').innerText(), /示意数据/, 'the synthetic-data notice is shown');

	const facilities = await sourceData(page, 'facilities');
	assert.ok(facilities.features.length > 0, 'facilities on the map');
	const categories = new Set(facilities.features.map((feature) => feature.properties.category));
	assert.deepEqual([...categories].sort(), [...CATEGORIES].sort(), 'all nine facility categories are in the demo');

	const residential = await sourceData(page, 'residential');
	assert.ok(residential.features.length > 0, 'residential areas on the map');
	for (const feature of residential.features) {
		const share = feature.properties.coveredShare;
		assert.ok(share >= 0 && share <= 1 + 1e-9, `coveredShare of ${feature.properties.id} is ${share}`);
	}
	const uncovered = await sourceData(page, 'uncovered');
	assert.ok(uncovered.features.length > 0, 'uncovered parts on the map');
	const serviceAreas = await sourceData(page, 'service-areas');
	assert.ok(serviceAreas.features.length > 0, 'service areas on the map');

	const layers = await page.evaluate(() => window.__plannerMap.getStyle().layers.map((layer) => layer.id));
	for (const id of ['residential-fill', 'uncovered-fill', 'service-areas-line', 'facilities-circle'])
		assert.ok(layers.includes(id), `layer ${id} in the style`);

	const covered = parseFigure(figures.covered);
	const notCovered = parseFigure(figures.uncovered);
	const total = parseFigure(figures.total);
	assert.ok(total > 0 && notCovered > 0 && covered > 0, `figures ${JSON.stringify(figures)}`);
	assert.ok(Math.abs(covered + notCovered - total) <= 1, `covered ${covered} + uncovered ${notCovered} ≈ population ${total}`);
	const mapUncovered = uncovered.features.reduce((sum, feature) => sum + feature.properties.uncoveredPopulation, 0);
	assert.ok(Math.abs(mapUncovered - notCovered) <= 1 + 0.05 * uncovered.features.length, `uncovered parts hold ${mapUncovered}, panel says ${notCovered}`);
	const wholly = residential.features.filter((feature) => feature.properties.coveredShare < 1e-5).length;
	assert.equal(parseFigure(figures.uncoveredAreas), wholly, 'wholly uncovered areas: panel vs. map');
	assert.deepEqual(external, [], 'no request left the local server');
});

test('a proposed site can be added on the map, dragged and deleted, and the figures follow', async () => {
	const { page } = await openApp(app);
	const baseline = await waitForAnalysis(page);
	await waitForMapIdle(page);
	const baselineUncovered = parseFigure(baseline.uncovered);

	const targets = await whollyUncoveredTargets(page);
	const first = await firstVisible(page, targets);
	assert.ok(first, 'a wholly uncovered residential area visible on the map');

	await page.getByRole('button', { name: '添加拟建设施' }).click();
	await page.mouse.click(first.point.x, first.point.y);
	const added = await waitFor(async () => {
		const figures = await settledFigures(page);
		return parseFigure(figures.uncovered) < baselineUncovered && figures.uncoveredDelta !== null && figures;
	}, 'the uncovered population to fall and a delta to appear after adding a site');
	assert.match(added.uncoveredDelta, /^−/, 'the delta shows a decrease');
	assert.equal(parseFigure(added.uncoveredDelta), parseFigure(added.uncovered) - baselineUncovered, 'delta = new − baseline');
	assert.equal(await page.locator('.proposed-marker').count(), 1);
	assert.equal(await page.getByTestId('proposal-item').count(), 1);
	const serviceAreas = await sourceData(page, 'service-areas');
	assert.equal(serviceAreas.features.filter((feature) => feature.properties.proposed).length, 1, 'the proposed site has a service area');

	// Drag the marker to another wholly uncovered area well away from the first.
	const second = await firstVisible(page, targets, (target) => metresBetween(target.lngLat, first.lngLat) > 800);
	const box = await page.locator('.proposed-marker').boundingBox();
	const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
	const to = second?.point ?? { x: from.x - 200, y: from.y + 120 };
	const coordsBefore = await page.getByTestId('proposal-item').locator('.coords').innerText();
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move(from.x + 5, from.y + 5, { steps: 2 });
	await page.mouse.move(to.x, to.y, { steps: 15 });
	await page.mouse.up();
	const moved = await waitFor(async () => {
		const figures = await settledFigures(page);
		return figures.uncovered !== added.uncovered && figures;
	}, 'the figures to change after dragging the site');
	assert.notEqual(await page.getByTestId('proposal-item').locator('.coords').innerText(), coordsBefore, 'the listed position follows the marker');
	assert.ok(parseFigure(moved.uncovered) < baselineUncovered, 'the moved site still covers someone');

	await page.getByTestId('proposal-item').getByRole('button', { name: /^删除/ }).click();
	const restored = await waitFor(async () => {
		const figures = await settledFigures(page);
		return figures.uncovered === baseline.uncovered && figures;
	}, 'the figures to return to the baseline after deleting the site');
	assert.equal(restored.covered, baseline.covered);
	assert.equal(restored.uncoveredAreas, baseline.uncoveredAreas);
	assert.equal(restored.uncoveredDelta, null, 'no delta without proposals');
	assert.equal(await page.locator('.proposed-marker').count(), 0);
	assert.equal(await page.getByTestId('proposal-item').count(), 0);
});

test('the rule and its reach change the figures; bad reach values are refused', async () => {
	const { page } = await openApp(app);
	const baseline = await waitForAnalysis(page);
	const signature = async () => JSON.stringify((await sourceData(page, 'service-areas')).features.map((feature) => [feature.properties.facilityId, feature.geometry.coordinates[0][0]]));
	const baselineAreas = await signature();

	const radius = page.getByRole('spinbutton', { name: '服务半径（米）' });
	await assert.doesNotReject(radius.waitFor({ timeout: 5_000 }), 'the radius input is shown for HH-1');
	for (const bad of ['-5', '', '0']) {
		await radius.fill(bad);
		await sleep(700);
		const figures = await settledFigures(page);
		assert.deepEqual(figures, baseline, `radius ${JSON.stringify(bad)} leaves the figures alone`);
	}
	assert.equal(await signature(), baselineAreas, 'bad radius values leave the service areas alone');

	await radius.fill('500');
	const wider = await waitFor(async () => {
		const figures = await settledFigures(page);
		return figures.uncovered !== baseline.uncovered && figures;
	}, 'a 500 m radius to change the figures');
	assert.ok(parseFigure(wider.uncovered) < parseFigure(baseline.uncovered), 'a wider radius leaves fewer people uncovered');

	const rule = page.getByRole('combobox', { name: '规则' });
	await rule.selectOption('HZ-1');
	const elderly = await waitFor(async () => {
		const figures = await settledFigures(page);
		return figures.uncovered !== wider.uncovered && figures.uncovered !== baseline.uncovered && figures;
	}, 'HZ-1 to change the figures');
	await waitFor(async () => (await signature()) !== baselineAreas, 'HZ-1 to change the service areas');
	const minutes = page.getByRole('spinbutton', { name: '步行时间（分钟）' });
	await assert.doesNotReject(minutes.waitFor({ timeout: 5_000 }), 'the minutes input is shown for a walking rule');
	assert.equal(await minutes.inputValue(), '15');
	await minutes.fill('-5');
	await sleep(700);
	assert.deepEqual(await settledFigures(page), elderly, 'minutes -5 leaves the figures alone');

	await rule.selectOption('HH-1');
	await waitFor(async () => (await settledFigures(page)).uncovered === baseline.uncovered, 'HH-1 to restore its figures (radius back to 300 m)');
	assert.equal(await radius.inputValue(), '300');
	assert.deepEqual(await readFigures(page), baseline);
});

// Walking mode in a real browser: switching HH-1 from straight-line discs to walks along the demo's
// network changes the figures (a river and few bridges leave places outside the walk that the disc
// covers), both modes can be drawn side by side, and the main thread stays responsive (no long task
// over 50 ms) while the worker computes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, openApp, parseFigure, readFigures, settledFigures, sourceData, useApp, waitFor, waitForAnalysis } from './harness.mjs';

const app = useApp();

/**
 * Records long tasks (> 50 ms on the main thread) in window.__longTasks, and the windows while an
 * analysis runs in the worker (the summary's "computing" status is shown) in window.__busy.
 */
const recordLongTasks = () => {
	window.__longTasks = [];
	window.__busy = [];
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
	}).observe({ type: 'longtask', buffered: true });
	let open;
	new MutationObserver(() => {
		const busy = document.querySelector('#summary-heading .busy') !== null;
		if (busy && !open) window.__busy.push((open = [performance.now(), Infinity]));
		if (!busy && open) [open[1], open] = [performance.now(), undefined];
	}).observe(document, { subtree: true, childList: true });
};

test('switching to walking mode changes the figures, both modes side by side, no long main-thread task', async () => {
	const { page, context } = await openApp(app);
	await context.addInitScript(recordLongTasks);
	await page.reload();
	const straight = await waitForAnalysis(page);
	const straightUncovered = parseFigure(straight.uncovered);
	const straightAreas = await sourceData(page, 'service-areas');
	assert.ok(straightAreas.features.length > 0 && straightAreas.features.every((f) => f.properties.mode === 'straight'), 'discs drawn');

	const since = await page.evaluate(() => performance.now());
	await page.getByRole('radio', { name: '沿路网步行' }).check();
	const walk = await waitFor(async () => {
		const figures = await readFigures(page);
		return !figures.busy && figures.uncovered !== null && parseFigure(figures.uncovered) !== straightUncovered && figures;
	}, 'the walking analysis to change the figures');
	const walkUncovered = parseFigure(walk.uncovered);
	// A 300 m walk along streets (plus 100 m off them) reaches less than a 300 m disc.
	assert.ok(walkUncovered > straightUncovered, `walking leaves more residents uncovered (${walkUncovered} vs ${straightUncovered})`);
	const walkAreas = await waitFor(async () => {
		const data = await sourceData(page, 'service-areas');
		return data.features.length > 0 && data.features.every((f) => f.properties.mode === 'walk') && data;
	}, 'walking service areas on the map');
	assert.ok(walkAreas.features.some((f) => f.geometry.coordinates.length > 0), 'walking service areas have geometry');

	// Tasks that ran while the worker computed: started after the request and ended before the result
	// came back (the result's own handling — Svelte updates, MapLibre setData — follows the computation).
	const { during, windows, all } = await page.evaluate((since) => {
		const windows = window.__busy.filter(([start]) => start >= since - 5);
		const during = window.__longTasks.filter((task) => windows.some(([start, end]) => task.start >= start && task.start + task.duration <= end));
		return { during, windows, all: window.__longTasks.filter((task) => task.start >= since) };
	}, since);
	assert.ok(windows.length > 0 && windows.some(([start, end]) => end - start > 100), `the walk was computed in the worker (${JSON.stringify(windows)})`);
	assert.deepEqual(during, [], `no main-thread task over 50 ms while the worker computed (all long tasks: ${JSON.stringify(all)})`);

	await page.getByRole('radio', { name: '两者对比' }).check();
	await waitFor(() => page.getByTestId('straight-covered-share').isVisible(), 'the straight-line comparison figure');
	const both = await settledFigures(page);
	assert.equal(parseFigure(both.uncovered), walkUncovered, 'the figures are the walk’s');
	const shares = await page.evaluate(() => ({
		walk: document.querySelector('[data-testid="walk-covered-share"]').textContent,
		straight: document.querySelector('[data-testid="straight-covered-share"]').textContent
	}));
	assert.ok(parseFigure(shares.straight) > parseFigure(shares.walk), `straight ${shares.straight} covers more than walk ${shares.walk}`);
	const drawn = await waitFor(async () => {
		const data = await sourceData(page, 'service-areas');
		const modes = new Set(data.features.map((f) => f.properties.mode));
		return modes.has('walk') && modes.has('straight') && data;
	}, 'discs and walks drawn together');
	assert.ok(drawn.features.length >= 2 * straightAreas.features.length, 'every facility has both a disc and a walk');
	const layers = await page.evaluate(() => window.__plannerMap.getStyle().layers.map((layer) => layer.id));
	assert.ok(layers.includes('service-areas-walk-line') && layers.includes('service-areas-line'), 'both outline layers in the style');

	// A larger access distance reaches more.
	await page.getByRole('spinbutton', { name: '离路最远距离（米）' }).fill('200');
	await waitFor(async () => {
		const figures = await readFigures(page);
		return !figures.busy && figures.uncovered !== null && parseFigure(figures.uncovered) < walkUncovered;
	}, 'a 200 m access distance to cover more residents');

	// Back to straight-line: the discs' figures return.
	await page.getByRole('radio', { name: '直线距离' }).check();
	await waitFor(async () => {
		const figures = await readFigures(page);
		return !figures.busy && figures.uncovered !== null && parseFigure(figures.uncovered) === straightUncovered;
	}, 'straight-line figures to return');
});

test('paths that cross without a shared vertex are reported, and joining them is the planner’s choice', async () => {
	// The demo's network with two long footways laid across it without junctions, as in hand-drawn data.
	const demoPaths = JSON.parse(readFileSync(join(ROOT, 'geodata/xichang-demo/paths.geojson'), 'utf8'));
	const diagonal = (id, from, to) => ({ type: 'Feature', properties: { id, kind: 'footway' }, geometry: { type: 'LineString', coordinates: [from, to] } });
	demoPaths.features.push(diagonal('diagonal-1', [102.23, 27.85], [102.28, 27.905]), diagonal('diagonal-2', [102.23, 27.905], [102.28, 27.85]));
	const intercept = async (route, url) => {
		if (!/paths[^/]*\.geojson$/.test(url.pathname)) return false;
		await route.fulfill({ status: 200, contentType: 'application/geo+json', body: JSON.stringify(demoPaths) });
		return true;
	};
	const { page } = await openApp(app, { intercept });
	await waitForAnalysis(page);
	await page.getByRole('combobox', { name: '规则' }).selectOption('HZ-1');
	await page.getByRole('radio', { name: '沿路网步行' }).check();
	const warning = page.locator('section[aria-labelledby=walking-heading] .note.warn');
	await waitFor(async () => (await warning.count()) === 1, 'the crossings warning');
	const count = Number((await warning.innerText()).match(/路网中有 ([\d,]+) 处/)[1].replace(/,/g, ''));
	assert.ok(count >= 2, `crossings counted (${count})`);
	const apart = parseFigure((await settledFigures(page)).uncovered);

	await page.getByRole('checkbox', { name: '在交叉处连通（视为路口）' }).check();
	const joinedNote = page.locator('section[aria-labelledby=walking-heading] .note', { hasText: '交叉点连通路网' });
	await waitFor(async () => (await joinedNote.count()) === 1, 'the joined notice');
	assert.equal(await warning.count(), 0, 'no warning once joined');
	// New junctions can only shorten walks: no one is left further away than before.
	const joined = await waitFor(async () => {
		const figures = await settledFigures(page);
		return parseFigure(figures.uncovered) !== apart && figures;
	}, 'the figures to change once the crossings are joined');
	assert.ok(parseFigure(joined.uncovered) < apart, `fewer residents uncovered (${parseFigure(joined.uncovered)} < ${apart})`);
});

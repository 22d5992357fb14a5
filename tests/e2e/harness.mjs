// Shared set-up for the browser tests: a `vite preview` of the built app on a free 127.0.0.1 port,
// Debian's Chromium driven by playwright-core, pages that fail on any error and cannot reach the
// network, and small polling helpers. Tests assert what a planner relies on (map state, figures),
// not pixels.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const TEST_RESULTS = join(ROOT, 'test-results');

/** How long a condition may take to become true: generous for a 2-core machine, but bounded. */
export const TIMEOUT_MS = 20_000;

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	// With the GPU off, WebGL (which MapLibre needs) comes from the SwiftShader software renderer,
	// which recent Chromium only enables when asked.
	'--use-angle=swiftshader',
	'--enable-unsafe-swiftshader'
];

function chromiumPath() {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	try {
		return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
	} catch {
		throw new Error('chromium not found: install Debian\'s chromium (npm test does) or set CHROMIUM_PATH');
	}
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Serves the built app with `vite preview` on 127.0.0.1 and waits until it answers. */
async function startPreview() {
	if (!existsSync(join(ROOT, '.svelte-kit/output/client'))) throw new Error('the app is not built: run `npx vite build` first');
	const port = await freePort();
	const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
	const child = spawn(process.execPath, [vite, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}):\n${output}`);
		try {
			const response = await fetch(`${url}/`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`vite preview did not answer on ${url} within 30 s:\n${output}`);
		}
		await sleep(200);
	}
	return {
		url,
		async stop() {
			if (child.exitCode === null) child.kill('SIGTERM');
			await Promise.race([exited, sleep(5_000).then(() => child.kill('SIGKILL'))]);
		}
	};
}

/**
 * Registers the file's hooks: one server and one browser for the file, a fresh context per test, and
 * after each test a check that the page logged no errors. Returns an accessor for the running app.
 */
export function useApp() {
	const app = { url: '', browser: undefined, pages: [] };
	let preview;
	before(async () => {
		preview = await startPreview();
		app.url = preview.url;
		app.browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
	});
	afterEach(async () => {
		const pages = app.pages.splice(0);
		for (const { context } of pages) await context.close().catch(() => {});
		for (const { errors, url } of pages) assert.deepEqual(errors, [], `errors on ${url}`);
	});
	after(async () => {
		await app.browser?.close().catch(() => {});
		await preview?.stop();
	});
	return app;
}

/**
 * Opens the app in a new browser context. Every request that is not to the local server is aborted
 * (the app must work offline) and recorded in `external`; page errors and console errors go to
 * `errors`, which the test file's afterEach requires to be empty.
 * `intercept(route, url)` may answer a local request itself (return true when it did).
 */
export async function openApp(app, { intercept, viewport = { width: 1400, height: 900 } } = {}) {
	const context = await app.browser.newContext({ viewport, acceptDownloads: true, locale: 'zh-CN' });
	const errors = [];
	const external = [];
	const local = new URL(app.url);
	await context.route('**/*', async (route) => {
		const url = new URL(route.request().url());
		if (url.host !== local.host) {
			external.push(url.href);
			return route.abort('blockedbyclient');
		}
		if (intercept && (await intercept(route, url))) return;
		return route.continue();
	});
	const page = await context.newPage();
	page.on('pageerror', (error) => errors.push(`pageerror: ${error.stack ?? error.message}`));
	page.on('console', (message) => {
		if (message.type() !== 'error') return;
		const source = message.location()?.url ?? '';
		// A blocked request to an outside host (e.g. OSM tiles, off by default) is expected offline.
		if (message.text().startsWith('Failed to load resource') && source && !source.startsWith(app.url)) return;
		errors.push(`console.error: ${message.text()} (${source})`);
	});
	page.on('crash', () => errors.push('page crashed'));
	app.pages.push({ context, errors, url: app.url });
	await page.goto(`${app.url}/`);
	return { page, context, errors, external };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a truthy value (which is returned), or fails after `timeout` ms. */
export async function waitFor(check, message, timeout = TIMEOUT_MS) {
	const deadline = Date.now() + timeout;
	let last;
	for (;;) {
		try {
			const value = await check();
			if (value) return value;
			last = value;
		} catch (error) {
			last = error;
		}
		if (Date.now() > deadline) {
			const detail = last instanceof Error ? last.message : JSON.stringify(last);
			throw new Error(`timed out after ${timeout} ms waiting for ${message} (last: ${detail})`);
		}
		await sleep(100);
	}
}

/** Parses a figure as the page formats it ("12,345", "−1,234", "+56"). */
export function parseFigure(text) {
	const cleaned = text.replace(/\u2212/g, '-').replace(/[^\d.+-]/g, '');
	const value = Number(cleaned);
	assert.ok(cleaned !== '' && Number.isFinite(value), `not a number: ${JSON.stringify(text)}`);
	return value;
}

/** The summary panel's figures as shown, parsed; `total` is the population in the covered-share line. */
export async function readFigures(page) {
	return page.evaluate(() => {
		const text = (testId) => document.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? null;
		const share = text('covered-share');
		return {
			covered: text('covered-population'),
			uncovered: text('uncovered-population'),
			uncoveredAreas: text('uncovered-areas'),
			partlyCoveredAreas: text('partly-covered-areas'),
			uncoveredDelta: text('uncovered-population-delta'),
			total: share === null ? null : (share.match(/[\d,.]+(?=\s*$)/)?.[0] ?? null),
			busy: document.querySelector('#summary-heading .busy') !== null
		};
	});
}

/** Waits for the map, the first analysis and a settled worker; returns the figures. */
export async function waitForAnalysis(page) {
	await waitFor(
		() =>
			page.evaluate(async () => {
				const map = window.__plannerMap;
				if (!map || !map.loaded()) return false;
				const residential = await map.getSource('residential').getData();
				return residential.features.length > 0 && residential.features.every((feature) => typeof feature.properties.coveredShare === 'number');
			}),
		'the map to load and the first analysis to colour the residential areas'
	);
	return settledFigures(page);
}

/** Figures once no analysis is running. */
export async function settledFigures(page) {
	return waitFor(async () => {
		const figures = await readFigures(page);
		return figures.uncovered !== null && !figures.busy && figures;
	}, 'the summary figures to settle');
}

/** Reads a GeoJSON source's data from the map. */
export function sourceData(page, id) {
	return page.evaluate((id) => window.__plannerMap.getSource(id).getData(), id);
}

/** A [lng, lat] position as a point on the page (the map canvas' offset added), or null if off the canvas. */
export function pagePoint(page, lngLat, margin = 0) {
	return page.evaluate(
		([lngLat, margin]) => {
			const map = window.__plannerMap;
			const point = map.project(lngLat);
			const rect = map.getCanvas().getBoundingClientRect();
			if (point.x < margin || point.y < margin || point.x > rect.width - margin || point.y > rect.height - margin) return null;
			return { x: rect.left + point.x, y: rect.top + point.y };
		},
		[lngLat, margin]
	);
}

/** Waits until the map has drawn everything it has been given (for screenshots and clicks). */
export async function waitForMapIdle(page) {
	await waitFor(() => page.evaluate(() => window.__plannerMap.loaded() && !window.__plannerMap.isMoving()), 'the map to finish rendering');
	await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/**
 * A point well inside a polygon (exterior ring plus holes, [lng, lat]): the grid point farthest from
 * every edge, in a locally scaled plane. Good enough to click "the middle" of an area.
 */
export function interiorPoint(rings) {
	const [exterior] = rings;
	const lats = exterior.map((p) => p[1]);
	const lngs = exterior.map((p) => p[0]);
	const scale = Math.cos((((Math.min(...lats) + Math.max(...lats)) / 2) * Math.PI) / 180);
	const toPlane = ([lng, lat]) => [lng * scale, lat];
	const planar = rings.map((ring) => ring.map(toPlane));
	const inside = (point) => planar.reduce((count, ring) => count + (inRing(point, ring) ? 1 : 0), 0) === 1 && inRing(point, planar[0]);
	const distance = (point) => Math.min(...planar.flatMap((ring) => ring.slice(1).map((b, i) => segmentDistance(point, ring[i], b))));
	let best = null;
	const steps = 40;
	const [minX, maxX] = [Math.min(...lngs) * scale, Math.max(...lngs) * scale];
	const [minY, maxY] = [Math.min(...lats), Math.max(...lats)];
	for (let i = 1; i < steps; i++) {
		for (let j = 1; j < steps; j++) {
			const point = [minX + ((maxX - minX) * i) / steps, minY + ((maxY - minY) * j) / steps];
			if (!inside(point)) continue;
			const d = distance(point);
			if (!best || d > best.d) best = { point, d };
		}
	}
	if (!best) return null;
	return [best.point[0] / scale, best.point[1]];
}

function inRing([x, y], ring) {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

function segmentDistance([px, py], [ax, ay], [bx, by]) {
	const dx = bx - ax;
	const dy = by - ay;
	const length2 = dx * dx + dy * dy;
	const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
	return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Distance in metres between two [lng, lat] positions (spherical, for test thresholds only). */
export function metresBetween([lng1, lat1], [lng2, lat2]) {
	const rad = Math.PI / 180;
	const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
	return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

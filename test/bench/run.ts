/**
 * `npm run bench`: serves the built app on localhost, opens it in headless Chromium and prints each
 * figure as `name: value unit` (also written to bench-results.json).
 * Targets on a 2-core machine: first coloured map ≤ 1.5 s from a cold cache, ≤ 0.8 s on a
 * second visit (service worker); interactive ≤ 4 s; ≤ 15 MB transferred (`bytes_until_interactive_cold`:
 * what the start needs; `bytes_transferred_cold`: the whole first visit, every table included, as the
 * service worker keeps them for offline); changing level the first time ≤ 300 ms; switching
 * indicator ≤ 50 ms median, hover pick ≤ 16 ms.
 * `BENCH_DIR=<dir>` benches another build (e.g. the previous commit's, for before/after figures);
 * `BENCH_BASE=<dir>` also serves that build (e.g. `main`'s before a change) and alternates its cold
 * starts with this one's in the same run, its figures printed with `_base`;
 * `BENCH_ONLY=startup` only the start-up figures, `BENCH_ONLY=interactions` only those once started,
 * `BENCH_ONLY=soak` only the server's soak (soak.ts), `BENCH_ONLY=report` only the diagnostic report's (report.ts),
 * `BENCH_ONLY=scenario` only the « Et si… ? » ones (scenario.ts).
 * Targets: first coloured view (the prerendered picture, `first_view_painted`) ≤ 0.8 s and
 * ≤ 1.5 × the floor (`floor_static_image`: a static page with one image of the same size, same server);
 * first live, hoverable map (`first_colored_map`) ≤ 2 s; interactive ≤ 4 s; second visit: first view
 * ≤ 0.5 s, interactive ≤ 2 s; switch indicator ≤ 40 ms median; France-zoom frame ≤ 16 ms median;
 * bytes until interactive ≤ 10 MB.
 * `BENCH_BASE` with `BENCH_ONLY=interactions`: two runs of each build, alternated, their series put together.
 * Figures only: nothing here passes or fails. Chromium draws with SwiftShader (software WebGL) here,
 * so drawing competes with DuckDB for the two cores; a machine with a GPU does better.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startPreview, waitForColouredMap, type Server } from '../support/browser';
import { serveAtlas } from '../../scripts/serve.js';
import { ansImportBench, importBench, xlsxBench } from './import';
import { soakBench } from './soak';
import { reportBench } from './report';
import { scenarioNodeBench, scenarioPageBench } from './scenario';

interface Figure {
	name: string;
	value: number;
	unit: string;
}

const COLD_RUNS = 3;
const RECOLOR_ROUNDS = 12;
/** Indicators the re-colour benchmark alternates between (ids of the catalogue). */
const RECOLOR_INDICATORS = ['apl_mg_2022', 'densite_population', 'apl_mg_2023', 'radon_classe'];
/** Start-up marks of the app; `interactive`: the engine is up and every control works. */
const MARKS = ['geometry-ready', 'first-colored-map', 'duckdb-instantiated', 'duckdb-ready', 'interactive'] as const;
const FIRST_COLOURED = MARKS.indexOf('first-colored-map');

const figures: Figure[] = [];
function report(name: string, value: number, unit: string) {
	const rounded = Math.round(value * 10) / 10;
	figures.push({ name, value: rounded, unit });
	console.log(`${name}: ${rounded} ${unit}`);
}

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Bytes received by a page (bodies and headers), as its requests finish. */
function countBytes(page: Page): () => Promise<number> {
	let bytes = 0;
	const sizes: Promise<void>[] = [];
	page.on('requestfinished', (request) => {
		sizes.push(
			request.sizes().then(
				(s) => void (bytes += s.responseBodySize + s.responseHeadersSize),
				() => undefined
			)
		);
	});
	return async () => {
		await Promise.all(sizes);
		return bytes;
	};
}

/** When the browser painted the image marked `elementtiming="<identifier>"` (Element Timing), or NaN if it did not. */
function paintOf(page: Page, identifier: string): Promise<number> {
	// No named function inside evaluate: tsx would wrap it in a helper the page does not have.
	return page.evaluate(
		(id) =>
			new Promise<number>((resolve) => {
				new PerformanceObserver((list) => {
					const entry = list.getEntries().find((e) => (e as PerformanceEntry & { identifier: string }).identifier === id);
					if (entry) resolve((entry as PerformanceEntry & { renderTime: number }).renderTime || entry.startTime);
				}).observe({ type: 'element', buffered: true });
				setTimeout(() => resolve(NaN), 500);
			}),
		identifier
	);
}

/**
 * Loads the atlas and returns its start-up marks (ms since navigation), when the prerendered picture
 * was painted (NaN for a build without one) and the bytes received until it is interactive;
 * `received` keeps counting (the tables loaded in the background, after).
 */
async function load(page: Page, url: string): Promise<{ marks: number[]; picture: number; bytes: number; received: () => Promise<number> }> {
	const received = countBytes(page);
	await page.goto(url);
	await waitForColouredMap(page, 120_000);
	await page.waitForFunction(() => performance.getEntriesByName('cls:interactive').length > 0, undefined, { timeout: 120_000 });
	const bytes = await received();
	const marks = await page.evaluate(
		(names) => names.map((name) => performance.getEntriesByName(`cls:${name}`)[0]?.startTime ?? NaN),
		[...MARKS]
	);
	return { marks, picture: await paintOf(page, 'first-view'), bytes, received };
}

/** The count once it has not grown for two seconds (the last background loads finished). */
async function settled(count: () => Promise<number>): Promise<number> {
	let last = -1;
	let now = await count();
	while (now !== last) {
		last = now;
		await new Promise((resolve) => setTimeout(resolve, 2000));
		now = await count();
	}
	return now;
}

/** Waits (at most a minute) until the service worker controls the page and holds a complete data cache. */
async function offlineReady(page: Page): Promise<boolean> {
	return page
		.waitForFunction(
			async () => {
				if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller) return false;
				for (const name of await caches.keys()) {
					if (name.startsWith('cls-data-') && (await (await caches.open(name)).match('/data/manifest.json'))) return true;
				}
				return false;
			},
			undefined,
			{ timeout: 60_000, polling: 500 }
		)
		.then(
			() => true,
			() => false
		);
}

interface StartUp {
	cold: number[];
	picture: number;
	warm: { picture: number; coloured: number; interactive: number };
	interactiveBytes: number;
	coldBytes: number;
	warmBytes: number;
}

/** One cold start in a new context, then a second visit in a new tab of it (service worker, HTTP cache). */
async function startUp(browser: Browser, url: string, run: number): Promise<StartUp> {
	// A new context has an empty cache: a cold start.
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	const result = await load(page, url);
	// It is registered once every table is in: then the first visit has received all it ever will.
	if (!(await offlineReady(page))) console.log(`(run ${run + 1}: no service worker cache; second visit from the HTTP cache)`);
	const coldBytes = await settled(result.received);
	await page.close();
	const second = await load(await context.newPage(), url);
	await context.close();
	return {
		cold: result.marks,
		picture: result.picture,
		warm: { picture: second.picture, coloured: second.marks[FIRST_COLOURED], interactive: second.marks[MARKS.indexOf('interactive')] },
		interactiveBytes: result.bytes,
		coldBytes,
		warmBytes: second.bytes
	};
}

function reportStartUps(runs: StartUp[], suffix: string) {
	MARKS.forEach((mark, i) => report(`${mark.replaceAll('-', '_')}_cold_median${suffix}`, median(runs.map((r) => r.cold[i])), 'ms'));
	report(`first_colored_map_cold_worst${suffix}`, Math.max(...runs.map((r) => r.cold[FIRST_COLOURED])), 'ms');
	report(`first_view_painted_cold_median${suffix}`, median(runs.map((r) => r.picture)), 'ms');
	report(`bytes_until_interactive_cold${suffix}`, runs[runs.length - 1].interactiveBytes / 1e6, 'MB');
	report(`bytes_transferred_cold${suffix}`, runs[runs.length - 1].coldBytes / 1e6, 'MB');
	report(`first_view_painted_warm_median${suffix}`, median(runs.map((r) => r.warm.picture)), 'ms');
	report(`first_colored_map_warm_median${suffix}`, median(runs.map((r) => r.warm.coloured)), 'ms');
	report(`interactive_warm_median${suffix}`, median(runs.map((r) => r.warm.interactive)), 'ms');
	report(`bytes_transferred_warm${suffix}`, runs[runs.length - 1].warmBytes / 1e6, 'MB');
}

/**
 * The floor: a static page with the one image the explorer's first view painted (same file, same
 * size, same server), in a new context each time; the page itself is handed over by the browser's
 * router, so only the image crosses the network like the explorer's.
 */
async function floor(browser: Browser, serverUrl: string, image: string): Promise<number> {
	const times: number[] = [];
	for (let run = 0; run < COLD_RUNS; run++) {
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
		const page = await context.newPage();
		await page.route(`${serverUrl}/bench-floor.html`, (route) =>
			route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><body><img src="${image}" alt="" elementtiming="floor"></body></html>` })
		);
		await page.goto(`${serverUrl}/bench-floor.html`);
		await page.waitForFunction(() => document.querySelector('img')?.complete === true);
		times.push(await paintOf(page, 'floor'));
		await context.close();
	}
	return median(times);
}

const LEVELS = ['EPCI', 'Départements', 'Régions', 'Communes'];

/** Each level once, as soon as the map is coloured: the engine is still starting. */
async function firstLevelChanges(browser: Browser, url: string) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	await page.goto(url);
	await waitForColouredMap(page, 120_000);
	const times = await timedRecolours(page, 4, (i) => page.getByLabel(LEVELS[i], { exact: true }).check());
	report('change_level_first_time_max', Math.max(...times), 'ms');
	await context.close();
}

/** The page's JS heap (main thread; DuckDB's memory lives in its worker), by the DevTools protocol. */
async function jsHeap(page: Page): Promise<number> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Performance.enable');
	const { metrics } = await cdp.send('Performance.getMetrics');
	await cdp.detach();
	return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
}

/** Runs `act` n times, each time waiting for one more `cls:recolor` measure; returns their durations. */
async function timedRecolours(page: Page, n: number, act: (i: number) => Promise<void>): Promise<number[]> {
	const before = await page.evaluate(() => performance.getEntriesByName('cls:recolor').length);
	for (let i = 0; i < n; i++) {
		await act(i);
		await page.waitForFunction((count) => performance.getEntriesByName('cls:recolor').length >= count, before + i + 1);
	}
	const all = await page.evaluate(() => performance.getEntriesByName('cls:recolor').map((e) => e.duration));
	return all.slice(before);
}

function reportSeries(name: string, durations: number[]) {
	report(`${name}_median`, median(durations), 'ms');
	report(`${name}_max`, Math.max(...durations), 'ms');
}

/** The figures of one run of `interactions`, by name: a series of durations each (ms), or one value. */
type Interactions = Record<string, number[]>;

/**
 * A frame of the whole map at France's zoom, while dragging: real mouse moves (the browser's own
 * input), one after the other as the page takes them, and the time between the page's animation
 * frames meanwhile. Each move is handled at the start of a frame, so while a frame is being drawn
 * the next move waits: the interval between frames is what one frame of the moving map costs
 * (16.7 ms at best, vsync). Returns the intervals, and how far the map's centre moved (the moves
 * must have moved it, or the frames measured are not the map's). Caveat: on a starved machine the
 * moves can come slower than the frames, and frames with no move (16.7 ms) then pull the median down;
 * a median near 16.7 ms with a large max says so. Counting only the frames the map drew would need a
 * hook in the app.
 */
async function dragFrames(page: Page, moves: number): Promise<{ intervals: number[]; moved: number }> {
	const box = (await page.getByTestId('map').boundingBox())!;
	const [x, y] = [box.x + box.width * 0.5, box.y + box.height * 0.5];
	const centre = () => page.evaluate(() => location.hash);
	await page.mouse.move(x, y);
	await page.mouse.down();
	// A few moves first: MapLibre starts panning only past a small distance.
	for (let i = 1; i <= 3; i++) await page.mouse.move(x - i * 2, y);
	const before = await centre();
	// A string: tsx would wrap a named function in a helper the page does not have.
	await page.evaluate(`(() => {
		const times = (window.benchFrames = []);
		const tick = (t) => {
			times.push(t);
			if (times.length < 10000) requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	})()`);
	for (let i = 1; i <= moves; i++) await page.mouse.move(x - 6 - i * 3, y + (i % 2));
	const times = await page.evaluate(() => {
		const frames = (window as unknown as { benchFrames: number[] }).benchFrames;
		const copy = [...frames];
		frames.length = 10_000;
		return copy;
	});
	await page.mouse.up();
	// MapLibre writes the position in the hash once the camera stops.
	await page.waitForFunction((hash) => location.hash !== hash, before, { timeout: 5000 }).catch(() => undefined);
	const after = await centre();
	const longitude = (hash: string) => Number(hash.slice(1).split('/')[2]);
	return { intervals: times.slice(2).map((t, i) => t - times[i + 1]), moved: Math.abs(longitude(after) - longitude(before)) };
}

/** Whole France at commune level: indicator, classification and level changes, hover picking. */
async function interactions(browser: Browser, url: string): Promise<Interactions> {
	const out: Interactions = {};
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	await page.goto(url);
	await waitForColouredMap(page, 120_000);
	// Figures of the steady state: once the engine is up (before, level changes wait for it).
	await page.waitForFunction(() => performance.getEntriesByName('cls:interactive').length > 0, undefined, { timeout: 120_000 });
	await page.waitForLoadState('networkidle');
	// The communes drawn from their image at France's zoom (a build without it goes on after the wait).
	await page.waitForFunction(() => performance.getEntriesByName('cls:commune-raster').length > 0, undefined, { timeout: 15_000 }).catch(() => undefined);
	out.js_heap_after_start = [(await jsHeap(page)) / 1e6];

	out.switch_indicator = await timedRecolours(page, RECOLOR_ROUNDS, (i) =>
		page.selectOption('#indicator', RECOLOR_INDICATORS[i % RECOLOR_INDICATORS.length]).then(() => undefined)
	);
	await page.selectOption('#indicator', 'apl_mg_2023');
	await page.waitForFunction(() => !(document.querySelector('#indicator') as HTMLSelectElement).disabled);
	const methods = ['jenks', 'egal', 'quantiles'];
	out.switch_classification_all_communes = await timedRecolours(page, 9, (i) => page.selectOption('#method', methods[i % methods.length]).then(() => undefined));
	// First pass: each level once with the engine up; the second is the steady state.
	const levelTimes = await timedRecolours(page, 8, (i) => page.getByLabel(LEVELS[i % LEVELS.length], { exact: true }).check());
	out.change_level_first_time_after_engine = levelTimes.slice(0, 4);
	out.change_level = levelTimes.slice(4);

	const drag = await dragFrames(page, 30);
	out.france_zoom_drag_frame = drag.intervals;
	out.france_zoom_drag_moved_degrees = [drag.moved];
	const box = (await page.getByTestId('map').boundingBox())!;
	for (let i = 0; i < 40; i++) {
		await page.mouse.move(box.x + box.width * (0.35 + (i % 10) * 0.03), box.y + box.height * (0.35 + Math.floor(i / 10) * 0.08));
		await page.waitForTimeout(30);
	}
	out.hover = await page.evaluate(() => performance.getEntriesByName('cls:hover-pick').map((e) => e.duration));
	await context.close();
	return out;
}

/** Reports the runs of `interactions` on one build, their series put together. */
function reportInteractions(runs: Interactions[], suffix: string) {
	const all = (name: string) => runs.flatMap((r) => r[name] ?? []);
	report(`js_heap_after_start${suffix}`, median(all('js_heap_after_start')), 'MB');
	for (const name of ['france_zoom_drag_frame', 'switch_indicator', 'switch_classification_all_communes', 'change_level', 'hover']) reportSeries(`${name}${suffix}`, all(name));
	report(`france_zoom_drag_moved_degrees${suffix}`, Math.min(...all('france_zoom_drag_moved_degrees')), '°');
	report(`change_level_first_time_after_engine_max${suffix}`, Math.max(...all('change_level_first_time_after_engine')), 'ms');
}

/** `interactions` on this build, and on the base build if any, alternated (two runs each with a base). */
async function interactionsBench(browser: Browser, url: string, baseUrl: string | null) {
	const [runs, baseRuns]: Interactions[][] = [[], []];
	for (let run = 0; run < (baseUrl ? 2 : 1); run++) {
		if (baseUrl) baseRuns.push(await interactions(browser, baseUrl));
		runs.push(await interactions(browser, url));
	}
	reportInteractions(runs, '');
	if (baseRuns.length) reportInteractions(baseRuns, '_base');
}

async function serve(): Promise<Server> {
	const dir = process.env.BENCH_DIR;
	return startPreview(dir ? { dir: resolve(dir) } : {});
}

async function main() {
	const server = await serve();
	const baseDir = process.env.BENCH_BASE;
	const base = baseDir ? await serveAtlas({ dir: resolve(baseDir), port: 4320 + Number(process.env.E2E_PORT_OFFSET ?? 0), host: '127.0.0.1' }) : null;
	const browser = await launchChromium();
	try {
		const only = process.env.BENCH_ONLY;
		if (only === 'interactions') {
			await interactionsBench(browser, `${server.url}/`, base ? `${base.url}/` : null);
			return;
		}
		if (only === 'report') await reportBench(browser, server.url, report);
		const [runs, baseRuns]: StartUp[][] = [[], []];
		// Alternated, so that a change of the machine's load falls on both builds alike.
		for (let run = 0; run < (only === undefined || only === 'startup' ? COLD_RUNS : 0); run++) {
			if (base) baseRuns.push(await startUp(browser, `${base.url}/`, run));
			runs.push(await startUp(browser, `${server.url}/`, run));
		}
		if (runs.length) reportStartUps(runs, '');
		if (baseRuns.length) reportStartUps(baseRuns, '_base');
		const probe = await browser.newContext({ viewport: { width: 1280, height: 800 } });
		const page = await probe.newPage();
		await page.goto(`${server.url}/`);
		const image = await page.evaluate(() => document.querySelector<HTMLImageElement>('.fv-fill')?.currentSrc ?? null);
		await probe.close();
		if (image && runs.length) {
			const floorMs = await floor(browser, server.url, image);
			report('floor_static_image_median', floorMs, 'ms');
			report('first_view_painted_over_floor', median(runs.map((r) => r.picture)) / floorMs, '×');
		}
		if (only === undefined) {
			await firstLevelChanges(browser, `${server.url}/`);
			await interactionsBench(browser, `${server.url}/`, base ? `${base.url}/` : null);
			xlsxBench(report);
			await importBench(browser, server.url, report);
			await ansImportBench(browser, server.url, report);
			await reportBench(browser, server.url, report);
		}
		if (only === undefined || only === 'soak') await soakBench(server.url, report, resolve(process.env.BENCH_DIR ?? resolve(import.meta.dirname, '../../build')));
		if (only === undefined || only === 'scenario') {
			await scenarioNodeBench(report);
			await scenarioPageBench(browser, server.url, report);
		}
	} finally {
		await browser.close();
		server.stop();
		await base?.close();
	}
	writeFileSync(resolve(import.meta.dirname, '../../bench-results.json'), JSON.stringify(figures, null, 2) + '\n');
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});

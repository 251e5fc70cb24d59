/**
 * `BENCH_BASE=<dir> npx tsx test/bench/first-view-ab.ts`: only the explorer's first view, cold, this
 * build (build/ or `BENCH_DIR`) and the base build alternated, and the floor (a static page with the
 * same image); medians of `FIRST_VIEW_RUNS` (7) each. A quick check between two builds; run.ts gives
 * the whole start.
 */
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, startPreview } from '../support/browser';

const RUNS = Number(process.env.FIRST_VIEW_RUNS ?? 7);

async function paint(browser: Browser, url: string, floorImage?: string): Promise<number> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	if (floorImage) {
		await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><body><img src="${floorImage}" alt="" elementtiming="first-view"></body></html>` }));
	}
	await page.goto(url);
	const time = await page.evaluate(
		() =>
			new Promise<number>((done) => {
				new PerformanceObserver((list) => {
					const entry = list.getEntries().find((e) => (e as PerformanceEntry & { identifier: string }).identifier === 'first-view');
					if (entry) done((entry as PerformanceEntry & { renderTime: number }).renderTime || entry.startTime);
				}).observe({ type: 'element', buffered: true });
				setTimeout(() => done(NaN), 10_000);
			})
	);
	await context.close();
	return time;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

async function main() {
	const server = await startPreview(process.env.BENCH_DIR ? { dir: resolve(process.env.BENCH_DIR) } : {});
	const base = process.env.BENCH_BASE ? await startPreview({ dir: resolve(process.env.BENCH_BASE) }) : null;
	const browser = await launchChromium();
	const [mine, theirs, floor]: number[][] = [[], [], []];
	const probe = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const page = await probe.newPage();
	await page.goto(`${server.url}/`);
	const image = await page.evaluate(() => document.querySelector<HTMLImageElement>('.fv-fill')!.currentSrc);
	await probe.close();
	for (let run = 0; run < RUNS; run++) {
		if (base) theirs.push(await paint(browser, `${base.url}/`));
		mine.push(await paint(browser, `${server.url}/`));
		floor.push(await paint(browser, `${server.url}/bench-floor.html`, image));
	}
	console.log(`first_view_painted_cold_median: ${median(mine).toFixed(0)} ms  [${mine.map((t) => t.toFixed(0)).join(' ')}]`);
	if (base) console.log(`first_view_painted_cold_median_base: ${median(theirs).toFixed(0)} ms  [${theirs.map((t) => t.toFixed(0)).join(' ')}]`);
	console.log(`floor_static_image_median: ${median(floor).toFixed(0)} ms  [${floor.map((t) => t.toFixed(0)).join(' ')}]`);
	console.log(`first_view_painted_over_floor: ${(median(mine) / median(floor)).toFixed(2)} ×${base ? `, base ${(median(theirs) / median(floor)).toFixed(2)} ×` : ''}`);
	await browser.close();
	server.stop();
	base?.stop();
}

void main();

/**
 * `npx tsx test/bench/trace.ts`: one cold start of the built explorer (build/, or `BENCH_DIR`) in
 * Chromium under the DevTools tracer, then a second visit in a new tab (service worker, HTTP cache).
 * Prints, per visit, the requests (start, end, bytes), the app's marks, and the main thread's and
 * workers' tasks over `TRACE_MIN_MS` (30 ms by default) with what took most of each; writes the traces
 * (`TRACE_OUT`, trace-cold.json and trace-warm.json by default) for chrome://tracing or Perfetto.
 * Figures only, one run: for before/after comparisons use run.ts, which alternates cold starts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startPreview, waitForColouredMap } from '../support/browser';

interface TraceEvent {
	name: string;
	cat: string;
	ph: string;
	ts: number;
	dur?: number;
	pid: number;
	tid: number;
	args?: Record<string, unknown> & { data?: Record<string, unknown>; name?: string };
}

const CATEGORIES = [
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'v8.execute',
	'v8',
	'blink.user_timing',
	'loading',
	'v8.wasm',
	'disabled-by-default-v8.compile'
];
const MIN_MS = Number(process.env.TRACE_MIN_MS ?? 30);

/** What an event names: the script's URL, the function's, or its name. */
function label(e: TraceEvent): string {
	const data = e.args?.data ?? {};
	const url = (data.url ?? data.fileName ?? (data as { stackTrace?: { url: string }[] }).stackTrace?.[0]?.url ?? '') as string;
	const short = url ? ` ${url.replace(/^.*\/(?=[^/]+$)/, '')}` : '';
	return `${e.name}${short}`;
}

function threadNames(events: TraceEvent[]): Map<string, string> {
	const names = new Map<string, string>();
	for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String(e.args?.name));
	return names;
}

function summarise(events: TraceEvent[], origin: number, title: string) {
	const names = threadNames(events);
	const ms = (ts: number) => ((ts - origin) / 1000).toFixed(0).padStart(6);
	console.log(`\n== ${title}`);
	// Requests, by their timeline events.
	const sent = new Map<string, { url: string; start: number; priority: string }>();
	const lines: string[] = [];
	for (const e of events) {
		const d = e.args?.data as Record<string, unknown> | undefined;
		if (!d) continue;
		if (e.name === 'ResourceSendRequest') sent.set(String(d.requestId), { url: String(d.url), start: e.ts, priority: String(d.priority ?? '') });
		if (e.name === 'ResourceFinish') {
			const s = sent.get(String(d.requestId));
			if (s) lines.push(`${ms(s.start)} → ${ms(e.ts)}  ${String(Math.round(Number(d.encodedDataLength ?? 0) / 1024)).padStart(6)} KiB  ${s.priority.padEnd(8)} ${s.url.replace(/^https?:\/\/[^/]+/, '')}`);
		}
	}
	console.log('requests (ms since navigation → end, bytes on the wire, priority):');
	for (const line of lines.sort()) console.log('  ' + line);
	const marks = events.filter((e) => e.cat.includes('blink.user_timing') && e.name.startsWith('cls:') && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b'));
	console.log('marks:');
	for (const m of marks) console.log(`  ${ms(m.ts)}  ${m.name}`);
	for (const e of events) if (['firstContentfulPaint', 'firstPaint', 'largestContentfulPaint::Candidate', 'firstMeaningfulPaint'].includes(e.name)) console.log(`  ${ms(e.ts)}  ${e.name}`);
	// Long tasks per thread, with their heaviest children.
	const byThread = new Map<string, TraceEvent[]>();
	for (const e of events) {
		if (e.ph !== 'X' || e.dur === undefined) continue;
		const key = `${e.pid}:${e.tid}`;
		if (!byThread.has(key)) byThread.set(key, []);
		byThread.get(key)!.push(e);
	}
	for (const [key, list] of byThread) {
		const name = names.get(key) ?? key;
		if (!/CrRendererMain|Worker|DedicatedWorker|ServiceWorker/i.test(name)) continue;
		list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
		const tasks = list.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
		const long = tasks.filter((t) => t.dur! / 1000 >= MIN_MS);
		if (!long.length) continue;
		const busy = tasks.reduce((sum, t) => sum + t.dur!, 0) / 1000;
		console.log(`${name} (${key}): ${long.length} tasks ≥ ${MIN_MS} ms, ${busy.toFixed(0)} ms busy in all`);
		for (const t of long) {
			const children = list.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur! && e.dur! / 1000 >= MIN_MS / 3 && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask');
			const seen = new Set<string>();
			const top = children
				.sort((a, b) => b.dur! - a.dur!)
				.filter((c) => {
					const l = label(c);
					if (seen.has(l)) return false;
					seen.add(l);
					return true;
				})
				.slice(0, 4)
				.map((c) => `${label(c)} ${(c.dur! / 1000).toFixed(0)}`);
			console.log(`  ${ms(t.ts)} +${(t.dur! / 1000).toFixed(0).padStart(5)} ms  ${top.join(' | ')}`);
		}
	}
}

async function traced(browser: Browser, page: Page, url: string, file: string, title: string) {
	await browser.startTracing(page, { categories: CATEGORIES });
	await page.goto(url);
	await waitForColouredMap(page, 120_000);
	await page.waitForFunction(() => performance.getEntriesByName('cls:interactive').length > 0, undefined, { timeout: 120_000 });
	const buffer = await browser.stopTracing();
	writeFileSync(file, buffer);
	const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
	const navigation = events.find((e) => e.name === 'navigationStart' && String((e.args?.data as { documentLoaderURL?: string })?.documentLoaderURL ?? '').startsWith(url));
	const origin = navigation?.ts ?? events.reduce((min, e) => (e.ts > 0 && e.ts < min ? e.ts : min), Infinity);
	summarise(events, origin, title);
	const marks = await page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('cls:')).map((m) => `${m.name} ${m.startTime.toFixed(0)}`));
	const paint = await page.evaluate(() => performance.getEntriesByType('element').map((e) => `${(e as PerformanceEntry & { identifier: string }).identifier} ${((e as PerformanceEntry & { renderTime: number }).renderTime || e.startTime).toFixed(0)}`));
	console.log('page: ' + [...marks, ...paint].join(', '));
}

async function main() {
	// `TRACE_READ=<trace.json>`: only the summary of a trace written before.
	const read = process.env.TRACE_READ;
	if (read) {
		const events = (JSON.parse(readFileSync(read, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
		const navigation = events.find((e) => e.name === 'navigationStart');
		summarise(events, navigation?.ts ?? 0, read);
		return;
	}
	const dir = process.env.BENCH_DIR;
	const server = await startPreview(dir ? { dir: resolve(dir) } : {});
	const browser = await launchChromium();
	const out = process.env.TRACE_OUT ?? '.';
	try {
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
		const page = await context.newPage();
		await traced(browser, page, `${server.url}/`, resolve(out, 'trace-cold.json'), 'cold start');
		// The second visit: once the service worker holds the data (as run.ts waits for it).
		await page.waitForTimeout(Number(process.env.TRACE_SETTLE_MS ?? 15_000));
		await page.close();
		const second = await context.newPage();
		await traced(browser, second, `${server.url}/`, resolve(out, 'trace-warm.json'), 'second visit');
		await context.close();
	} finally {
		await browser.close();
		server.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});

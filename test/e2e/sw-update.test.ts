/**
 * A new version while a tab is open: the tab keeps running the build it started with, whose hashed files
 * the server no longer has, and must not break (nor reload) when it needs one of them. The second build
 * is the first one copied, with another version and without every hashed file the tab had not loaded
 * yet (as a build whose files all changed). The service worker is allowed in this file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { FixedOrigin, followLink, launchChromium, openWatchedContext, openWatchedPage, type Watch } from '../support/browser';

const BUILD = resolve(import.meta.dirname, '../../build');
/** The one origin of this file: the service worker of the first build meets the second build there. */
const origin = new FixedOrigin();
const copy = mkdtempSync(join(tmpdir(), 'cls-next-build-'));

let browser: Browser | undefined;

afterAll(async () => {
	await browser?.close();
	await origin.stop();
	rmSync(copy, { recursive: true, force: true });
});

/** The "next build": `BUILD` without the hashed scripts and styles the tab has not loaded, its service worker of another version listing only what is left. */
function nextBuild(loaded: Set<string>): string[] {
	const dir = join(copy, 'build');
	cpSync(BUILD, dir, { recursive: true });
	const immutable = join(dir, '_app/immutable');
	const removed = readdirSync(immutable, { recursive: true, encoding: 'utf8' })
		.map((f) => `/${relative(dir, join(immutable, f))}`)
		.filter((path) => /\.(js|css)$/.test(path) && !loaded.has(path));
	for (const path of removed) for (const twin of ['', '.br', '.gz']) rmSync(join(dir, path + twin), { force: true });
	const worker = join(dir, 'service-worker.js');
	let text = readFileSync(worker, 'utf8');
	for (const path of removed) text = text.replace(`e+\`${path}\`,`, '').replace(`,e+\`${path}\``, '');
	// SvelteKit's version is the build's time: the next one is later.
	text = text.replace(/=`(\d{13})`/, (_, v: string) => `=\`${Number(v) + 1000}\``);
	writeFileSync(worker, text);
	rmSync(`${worker}.br`, { force: true });
	rmSync(`${worker}.gz`, { force: true });
	return removed;
}

describe('a new version while a tab is open', () => {
	it('keeps the tab working on its own build: a page it had not opened yet comes from the previous cache, without a reload', { timeout: 600_000 }, async () => {
		browser = await launchChromium();
		const server = await origin.serve(BUILD);
		const watch: Watch = { errors: [], foreignRequests: [] };
		const context = await openWatchedContext(browser, server, watch, { serviceWorkers: 'allow' });
		const page = await openWatchedPage(context, server, '/cls', watch);
		await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 120_000 });
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });
		const shells = () => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('cls-shell-')));
		expect(await shells()).toHaveLength(1);
		// What the tab itself loaded (not what the service worker cached for later).
		const pageFiles = new Set(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)));
		const removed = nextBuild(pageFiles);
		expect(removed.length).toBeGreaterThan(10);
		// The /sql page's own chunk is one of them: gone from the server.
		await origin.serve(join(copy, 'build'));
		await page.evaluate(() => ((window as unknown as { oldTab: boolean }).oldTab = true));
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
		await expect.poll(shells, { timeout: 120_000 }).toHaveLength(2);
		const missing = await page.evaluate(async (paths) => {
			const absent: string[] = [];
			for (const path of paths) if ((await fetch(path, { cache: 'no-store' })).status !== 200) absent.push(path);
			return absent;
		}, removed.slice(0, 5));
		expect(missing).toEqual([]);

		await followLink(page, '/sql');
		await expect.poll(() => page.getByTestId('sql-input').isVisible(), { timeout: 120_000 }).toBe(true);
		expect(await page.evaluate(() => (window as unknown as { oldTab?: boolean }).oldTab)).toBe(true);
		expect(watch.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
		await context.close();
	});
});

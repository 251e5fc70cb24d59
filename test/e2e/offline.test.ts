/**
 * On the built app: the service worker's second visit without any network, a new data
 * version replacing the old cache, and the network lost while the engine starts. The service worker
 * is allowed in this file only (test/support/browser.ts blocks it elsewhere).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FixedOrigin, launchChromium, openWatchedContext, openWatchedPage, waitForColouredMap, type Server, type Watch } from '../support/browser';

const BUILD = resolve(import.meta.dirname, '../../build');
/** The one origin of this file (a service worker belongs to its origin), stopped and restarted by the tests. */
const origin = new FixedOrigin();

let browser: Browser;
let contexts: BrowserContext[] = [];
const copies: string[] = [];

const serve = (dir = BUILD): Promise<Server> => origin.serve(dir);

beforeAll(async () => {
	browser = await launchChromium();
});

afterEach(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	contexts = [];
});

afterAll(async () => {
	await browser?.close();
	await origin.stop();
	for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

async function open(server: Server, path: string, serviceWorkers: 'allow' | 'block'): Promise<{ page: Page; context: BrowserContext; watch: Watch }> {
	const watch: Watch = { errors: [], foreignRequests: [] };
	const context = await openWatchedContext(browser, server, watch, { serviceWorkers });
	contexts.push(context);
	return { page: await openWatchedPage(context, server, path, watch), context, watch };
}

const interactive = (page: Page) =>
	page.waitForFunction(() => performance.getEntriesByName('cls:interactive').length > 0, undefined, { timeout: 90_000 });

/** Names of the service worker's data caches that are complete (they hold their manifest). */
function dataCaches(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const complete: string[] = [];
		for (const name of await caches.keys()) {
			if (name.startsWith('cls-data-') && (await (await caches.open(name)).match('/data/manifest.json'))) complete.push(name);
		}
		return complete;
	});
}

/** Waits until the service worker controls the page and has filled its caches. */
async function cachedForOffline(page: Page): Promise<string[]> {
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 90_000 });
	await expect.poll(() => dataCaches(page), { timeout: 90_000 }).toHaveLength(1);
	return dataCaches(page);
}

describe('second visit (service worker)', () => {
	it('opens with no network at all: the server stopped and the browser offline, the map is coloured', async () => {
		const server = await serve();
		const { page, context, watch } = await open(server, '/?i=apl_mg_2023', 'allow');
		await waitForColouredMap(page);
		await interactive(page);
		await cachedForOffline(page);
		const legend = await page.locator('[data-testid=legend]').innerText();
		await origin.stop();
		await context.setOffline(true);
		await page.reload();
		await waitForColouredMap(page);
		// The same map: legend bounds and counts; then the engine starts from the cache too.
		await expect.poll(() => page.locator('[data-testid=legend]').innerText(), { timeout: 30_000 }).toBe(legend);
		await interactive(page);
		await page.getByRole('radio', { name: 'EPCI' }).check();
		await expect.poll(() => page.locator('[data-testid=legend]').innerText(), { timeout: 30_000 }).not.toBe(legend);
		expect(await page.getByRole('alert').count()).toBe(0);
		expect(watch.foreignRequests).toEqual([]);
	});

	it('a reload offline paints the prerendered first view from the HTML, before the live map', async () => {
		const server = await serve();
		const { page, context } = await open(server, '/', 'allow');
		await waitForColouredMap(page);
		await interactive(page);
		await cachedForOffline(page);
		await origin.stop();
		await context.setOffline(true);
		await page.reload();
		// The picture's paint, as the browser times it (Element Timing: `elementtiming="first-view"`).
		const painted = await page.evaluate(
			() =>
				new Promise<{ identifier: string; renderTime: number; naturalWidth: number } | null>((resolve) => {
					new PerformanceObserver((list) => {
						const entry = list.getEntries()[0] as PerformanceEntry & { identifier: string; renderTime: number; naturalWidth: number };
						resolve({ identifier: entry.identifier, renderTime: entry.renderTime, naturalWidth: entry.naturalWidth });
					}).observe({ type: 'element', buffered: true });
					setTimeout(() => resolve(null), 10_000);
				})
		);
		expect(painted?.identifier).toBe('first-view');
		expect(painted?.naturalWidth).toBeGreaterThan(0);
		await waitForColouredMap(page);
		const live = await page.evaluate(() => performance.getEntriesByName('cls:first-colored-map')[0].startTime);
		expect(painted!.renderTime).toBeGreaterThan(0);
		expect(painted!.renderTime).toBeLessThan(live);
	}, 240_000);

	it('a new data version (another manifest) replaces the old data cache', async () => {
		const server = await serve();
		const { page } = await open(server, '/', 'allow');
		await waitForColouredMap(page);
		await interactive(page);
		const [before] = await cachedForOffline(page);

		// The same build with another manifest: a title changed (the artefacts' hashes still hold).
		const copy = mkdtempSync(join(tmpdir(), 'cls-atlas-sw-'));
		copies.push(copy);
		cpSync(BUILD, copy, { recursive: true });
		const manifestPath = join(copy, 'data/manifest.json');
		const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { artefacts: { title: string }[] };
		manifest.artefacts[0].title += ' (nouvelle version)';
		writeFileSync(manifestPath, JSON.stringify(manifest, null, '\t'));
		rmSync(`${manifestPath}.br`, { force: true });
		rmSync(`${manifestPath}.gz`, { force: true });
		await serve(copy);

		await page.reload();
		await waitForColouredMap(page);
		await expect.poll(() => dataCaches(page), { timeout: 90_000 }).not.toEqual([before]);
		const after = await dataCaches(page);
		expect(after).toHaveLength(1);
		const cached = await page.evaluate(async (name) => (await (await caches.open(name)).match('/data/manifest.json'))!.text(), after[0]);
		expect(cached).toContain('(nouvelle version)');
		// The old version is gone, complete or not.
		expect(await page.evaluate(() => caches.keys())).not.toContain(before);
	});
});

describe('network lost while the engine starts', () => {
	it('says so in French, keeps the map, and « Réessayer » starts the engine once back online', async () => {
		const server = await serve();
		const watch: Watch = { errors: [], foreignRequests: [] };
		const context = await openWatchedContext(browser, server, watch);
		contexts.push(context);
		// The engine's wasm does not come: the connection dropped while it was starting.
		const lost = (route: { abort: (code: string) => Promise<void> }) => route.abort('internetdisconnected');
		await context.route('**/*.wasm', lost);
		const page = await context.newPage();
		await page.goto(`${server.url}/?i=apl_mg_2023`);
		const alert = page.getByRole('alert');
		await alert.waitFor({ timeout: 90_000 });
		expect(await alert.innerText()).toMatch(/Le chargement a échoué : .*Vérifiez la connexion/s);
		// The first view, drawn without the engine, stays.
		expect(await page.evaluate(() => performance.getEntriesByName('cls:first-colored-map').length)).toBe(1);
		expect(await page.evaluate(() => performance.getEntriesByName('cls:interactive').length)).toBe(0);
		await context.unroute('**/*.wasm', lost);
		await alert.getByRole('button', { name: 'Réessayer' }).click();
		await interactive(page);
		await expect.poll(() => page.getByRole('alert').count(), { timeout: 60_000 }).toBe(0);
		// A view that needs SQL now works: the communes of one département.
		await page.goto(`${server.url}/?i=apl_mg_2023&p=departement:46`);
		await waitForColouredMap(page);
		await interactive(page);
		await expect.poll(() => page.locator('[data-testid=legend]').innerText(), { timeout: 60_000 }).toMatch(/\d/);
	});

	it('a damaged engine file is said, naming the file, instead of an endless start', async () => {
		const server = await serve();
		const watch: Watch = { errors: [], foreignRequests: [] };
		const context = await openWatchedContext(browser, server, watch);
		contexts.push(context);
		// The server answers, but not with a WebAssembly module (a proxy's error page, a truncated file…).
		await context.route('**/*.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: 'pas un module' }));
		const page = await context.newPage();
		await page.goto(`${server.url}/?i=apl_mg_2023`);
		const alert = page.getByRole('alert');
		await alert.waitFor({ timeout: 90_000 });
		expect(await alert.innerText()).toMatch(/Le moteur de calcul \(duckdb-eh\.[\w-]+\.wasm\) n’a pas pu être téléchargé \(le fichier reçu n’est pas un moteur valide\)/);
		expect(await page.evaluate(() => performance.getEntriesByName('cls:first-colored-map').length)).toBe(1);
	});
});

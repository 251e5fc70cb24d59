import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { resolve } from 'node:path';
import { serveAtlas } from '../../scripts/serve.js';

/**
 * Shared by the end-to-end tests and the benchmark: serve the built app on localhost with
 * the server of `npm start` and drive Debian's Chromium through playwright-core.
 */

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-dev-shm-usage'
];

export function launchChromium(): Promise<Browser> {
	return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

export interface Server {
	url: string;
	stop(): void;
}

const ROOT = resolve(import.meta.dirname, '../..');
const BUILD = resolve(ROOT, 'build');

/**
 * Serves `dir` (build/ by default: needs a prior `vite build`) on localhost with the server of `npm start`
 * (scripts/serve.js), on a port the OS picks unless `port` is given: files run in parallel, and on one
 * machine several checkouts run their tests, so no two servers may want the same port.
 */
export async function startPreview({ dir = BUILD, port = 0 }: { dir?: string; port?: number } = {}): Promise<Server> {
	const server = await serveAtlas({ dir, port, host: '127.0.0.1' });
	return { url: server.url, stop: () => void server.close() };
}

/**
 * One origin for a whole test file, whose server may be stopped and restarted on other files (a new
 * build): a service worker and the browser's storage belong to their origin. The OS picks the port at
 * the first start; the later ones take it again.
 */
export class FixedOrigin {
	#port = 0;
	#running: { url: string; close: () => Promise<void> } | null = null;

	/** (Re)starts the server on this origin, serving `dir` (build/ by default). */
	async serve(dir = BUILD): Promise<Server> {
		await this.stop();
		this.#running = await this.#listen(dir);
		this.#port = Number(new URL(this.#running.url).port);
		return { url: this.#running.url, stop: () => void this.stop() };
	}

	/** Stops the server (the origin stays this file's: the next `serve` takes its port again). */
	async stop(): Promise<void> {
		const running = this.#running;
		this.#running = null;
		await running?.close();
	}

	async #listen(dir: string, attempts = 50): Promise<{ url: string; close: () => Promise<void> }> {
		try {
			return await serveAtlas({ dir, port: this.#port, host: '127.0.0.1' });
		} catch (error) {
			// Between a stop and the next start another program may have been given the port for a moment.
			if ((error as { code?: string }).code !== 'EADDRINUSE' || attempts <= 1) throw error;
			await new Promise((done) => setTimeout(done, 100));
			return this.#listen(dir, attempts - 1);
		}
	}
}

/** Resolves when the map is coloured (the app marks it), or throws with the app's error. */
export async function waitForColouredMap(page: Page, timeout = 60_000): Promise<void> {
	await page.waitForFunction(
		() =>
			performance.getEntriesByName('cls:first-colored-map').length > 0 ||
			document.querySelector('[role=alert]') !== null,
		undefined,
		{ timeout }
	);
	const alert = await page.locator('[role=alert]').count();
	if (alert > 0) throw new Error(`L'application affiche une erreur : ${await page.locator('[role=alert]').innerText()}`);
}

/** What the tests watch on every page: console errors, and requests to any host but the app's. */
export interface Watch {
	errors: string[];
	foreignRequests: string[];
}

/**
 * A fresh context (its own cache and IndexedDB) that refuses, and records, every host but the app's.
 * Service workers are blocked unless `options` allow them (`serviceWorkers: 'allow'`): each test then
 * sees a first visit, and its routes see every request.
 */
export async function openWatchedContext(
	browser: Browser,
	server: Server,
	watch: Watch,
	options: Parameters<Browser['newContext']>[0] = {}
): Promise<BrowserContext> {
	const context = await browser.newContext({
		viewport: { width: 1280, height: 900 },
		acceptDownloads: true,
		serviceWorkers: 'block',
		...options
	});
	const local = new URL(server.url).host;
	await context.route('**/*', (route) => {
		const url = new URL(route.request().url());
		if (url.host === local || url.protocol === 'blob:' || url.protocol === 'data:') return route.continue();
		watch.foreignRequests.push(url.href);
		return route.abort();
	});
	return context;
}

/** Opens `path` of the app in the context, recording the page's console errors. */
export async function openWatchedPage(context: BrowserContext, server: Server, path: string, watch: Watch): Promise<Page> {
	const page = await context.newPage();
	page.on('console', (msg) => {
		if (msg.type() === 'error') watch.errors.push(`${path}: ${msg.text()}`);
	});
	page.on('pageerror', (error) => watch.errors.push(`${path}: ${error.message}`));
	await page.goto(server.url + path);
	return page;
}

/** Client-side navigation, as a link of the app would do it. */
export async function followLink(page: Page, path: string) {
	await page.evaluate((href) => {
		const a = document.createElement('a');
		a.href = href;
		a.textContent = 'lien de test';
		document.body.append(a);
		a.click();
		a.remove();
	}, path);
}

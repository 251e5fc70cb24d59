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

/** Serves build/ on localhost with the server of `npm start` (scripts/serve.js). Needs a prior `vite build`. */
export async function startPreview(basePort: number): Promise<Server> {
	// Several checkouts may run their tests on one machine: each sets its own offset.
	const port = basePort + Number(process.env.E2E_PORT_OFFSET ?? 0);
	const server = await serveAtlas({ dir: resolve(ROOT, 'build'), port, host: '127.0.0.1' });
	return { url: server.url, stop: () => void server.close() };
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

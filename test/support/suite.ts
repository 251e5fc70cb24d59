import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, openWatchedContext, openWatchedPage, startPreview, waitForColouredMap, type Server, type Watch } from './browser';
import { openNodeAtlas } from '../../src/lib/data/engine/node';
import type { DbConnector } from '../../src/lib/data/engine/connector';

/** Where the end-to-end tests leave their screenshots. */
export const SHOTS = resolve(import.meta.dirname, '../../test-results');

type ContextOptions = Parameters<Browser['newContext']>[0] & { watch?: Watch };

export interface Opened {
	page: Page;
	context: BrowserContext;
	/** This page's own console errors and foreign requests. */
	watch: Watch;
	errors: string[];
	foreignRequests: string[];
}

export interface E2eSuite {
	/** The built app served on localhost, on a port of its own (the OS picks it). */
	readonly server: Server;
	readonly browser: Browser;
	/** The atlas's tables in Node (DuckDB), for expected values; only in a suite made with `{ db: true }`. */
	readonly db: DbConnector;
	/** Console errors and foreign requests of every page opened without a watch of its own. */
	readonly watch: Watch;
	/** A fresh context (its own cache and IndexedDB), refusing every host but the app's; closed after the test (after the file when a `beforeAll` opens it). */
	context(options?: ContextOptions): Promise<BrowserContext>;
	/** Opens `path` in `context`, recording into `watch` (the suite's by default). */
	page(context: BrowserContext, path: string, watch?: Watch): Promise<Page>;
	/** A fresh context with a watch of its own, `path` opened in it; with `waitForMap`, once the map is coloured. */
	open(path: string, options?: { viewport?: { width: number; height: number }; waitForMap?: boolean }): Promise<Opened>;
}

/**
 * What every end-to-end file sets up: the server of `npm start` on a free port, one Chromium, the Node
 * atlas if asked; contexts opened by a test are closed after it (each open atlas keeps an engine and a
 * WebGL canvas busy), everything else after the file.
 */
export function e2eSuite(options: { db?: boolean } = {}): E2eSuite {
	let server: Server | undefined;
	let browser: Browser | undefined;
	let db: DbConnector | undefined;
	/** Contexts opened by the running test (closed after it), and by `beforeAll` hooks (closed after the file). */
	let testContexts: BrowserContext[] = [];
	const hookContexts: BrowserContext[] = [];
	let inTest = false;
	const watch: Watch = { errors: [], foreignRequests: [] };
	const started = <T>(value: T | undefined, what: string): T => {
		if (value === undefined) throw new Error(`${what} : la suite n’a pas démarré (e2eSuite appelé hors d’un fichier de test ?)`);
		return value;
	};

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		[server, browser, db] = await Promise.all([startPreview(), launchChromium(), options.db ? openNodeAtlas() : undefined]);
	});
	beforeEach(() => {
		inTest = true;
	});
	afterEach(async () => {
		inTest = false;
		await Promise.all(testContexts.map((c) => c.close()));
		testContexts = [];
	});
	afterAll(async () => {
		await Promise.all(hookContexts.map((c) => c.close()));
		await browser?.close();
		server?.stop();
		await db?.close();
	});

	const suite: E2eSuite = {
		get server() {
			return started(server, 'serveur');
		},
		get browser() {
			return started(browser, 'Chromium');
		},
		get db() {
			return started(db, 'base Node (e2eSuite({ db: true }))');
		},
		watch,
		async context({ watch: own, ...contextOptions } = {}) {
			const context = await openWatchedContext(suite.browser, suite.server, own ?? watch, contextOptions);
			(inTest ? testContexts : hookContexts).push(context);
			return context;
		},
		page(context, path, own = watch) {
			return openWatchedPage(context, suite.server, path, own);
		},
		async open(path, { viewport, waitForMap = false } = {}) {
			const own: Watch = { errors: [], foreignRequests: [] };
			const context = await suite.context({ watch: own, ...(viewport ? { viewport } : {}) });
			const page = await suite.page(context, path, own);
			if (waitForMap) await waitForColouredMap(page);
			return { page, context, watch: own, errors: own.errors, foreignRequests: own.foreignRequests };
		}
	};
	return suite;
}

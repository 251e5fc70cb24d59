/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Second visit without the network: the app shell (pages, scripts, styles, fonts, DuckDB's wasm and
 * worker) is cached per build (`version`), the data artefacts per data version (SHA-256 of the manifest,
 * which holds every artefact's hash). Registered once the page has started (src/lib/data/engine/engine-offline.ts),
 * so that filling the caches reads the browser's HTTP cache and never competes with a first visit.
 *
 * - shell and pages: from the cache, else the network;
 * - `data/manifest.json`: from the network (a new data version is seen at once), else the cache; a new
 *   version gets its own cache, filled with the manifest's artefacts, and the old data cache is deleted
 *   once the new one is complete;
 * - artefacts: from the current data cache, else the network (and kept).
 * A first visit works offline without it: the page never needs it.
 */
import { base, build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

const SHELL_PREFIX = 'cls-shell-';
const SHELL_CACHE = `${SHELL_PREFIX}${version}`;
const DATA_PREFIX = 'cls-data-';
const DATA_DIR = `${base}/data/`;
const MANIFEST_URL = `${DATA_DIR}manifest.json`;
/** adapter-static's fallback (svelte.config.js): the shell that draws any route. */
const FALLBACK = `${base}/200.html`;
const IMMUTABLE = `${base}/_app/immutable/`;
const SHELL_FILES = [...build, ...files.filter((f) => !f.startsWith(DATA_DIR)), ...prerendered, FALLBACK];

/** The data cache being used: that of the last manifest read from the network, or the complete one. */
let currentData: string | null = null;

async function digest(text: string): Promise<string> {
	const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
	return Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Files named by a manifest: its artefacts, the CLS register and the prerendered first view (its images, and the commune image). */
function manifestFiles(text: string): string[] {
	const manifest = JSON.parse(text) as {
		artefacts?: { file: string }[];
		register?: { file: string };
		prerender?: { images: { file: string }[]; outlines: { file: string }; raster?: { file: string } };
	};
	const { images = [], outlines, raster } = manifest.prerender ?? {};
	const prerender = [...images, ...(outlines ? [outlines] : []), ...(raster ? [raster] : [])];
	return [...(manifest.artefacts ?? []), ...(manifest.register ? [manifest.register] : []), ...prerender].map((f) => DATA_DIR + f.file);
}

/** The data cache that holds its manifest (the manifest goes in last: the cache is then complete). */
async function completeDataCache(): Promise<string | null> {
	for (const name of await caches.keys()) {
		if (name.startsWith(DATA_PREFIX) && (await (await caches.open(name)).match(MANIFEST_URL))) return name;
	}
	return null;
}

/** Fills the cache of this manifest's version, then deletes the other data caches. */
async function adoptManifest(text: string, response: Response): Promise<void> {
	const name = DATA_PREFIX + (await digest(text));
	currentData = name;
	const cache = await caches.open(name);
	if (await cache.match(MANIFEST_URL)) return;
	for (const url of manifestFiles(text)) {
		if (!(await cache.match(url))) await cache.add(url);
	}
	await cache.put(MANIFEST_URL, response);
	for (const other of await caches.keys()) {
		if (other.startsWith(DATA_PREFIX) && other !== name) await caches.delete(other);
	}
}

async function fetchManifest(): Promise<Response> {
	const response = await fetch(MANIFEST_URL, { cache: 'no-cache' });
	if (!response.ok) throw new Error(`${MANIFEST_URL} : ${response.status}`);
	return response;
}

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const shell = await caches.open(SHELL_CACHE);
			for (const file of SHELL_FILES) if (!(await shell.match(file))) await shell.add(file);
			const response = await fetchManifest();
			await adoptManifest(await response.clone().text(), response);
			await sw.skipWaiting();
		})()
	);
});

/**
 * A tab opened on the previous build goes on running it and asks for its chunks as it needs them: the
 * previous build's shell cache is kept (the server now has only the new files), older ones are deleted.
 * SvelteKit's `version` is the build's time, so names sort by age.
 */
async function dropOldShells(): Promise<void> {
	const older = (await caches.keys()).filter((name) => name.startsWith(SHELL_PREFIX) && name !== SHELL_CACHE).sort();
	for (const name of older.slice(0, -1)) await caches.delete(name);
}

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			await dropOldShells();
			await sw.clients.claim();
		})()
	);
});

async function manifestResponse(event: FetchEvent): Promise<Response> {
	try {
		const response = await fetchManifest();
		const text = await response.clone().text();
		const kept = response.clone();
		// Filled in the background: the page reads the same artefacts meanwhile (from the network).
		event.waitUntil(adoptManifest(text, kept).catch(() => undefined));
		return response;
	} catch {
		const name = currentData ?? (await completeDataCache());
		const cached = name ? await (await caches.open(name)).match(MANIFEST_URL) : undefined;
		return cached ?? Response.error();
	}
}

async function artefactResponse(request: Request): Promise<Response> {
	const name = currentData ?? (currentData = await completeDataCache());
	const cache = name ? await caches.open(name) : null;
	const cached = await cache?.match(request);
	if (cached) return cached;
	const response = await fetch(request);
	if (response.ok && cache) await cache.put(request, response.clone());
	return response;
}

async function shellResponse(request: Request, url: URL): Promise<Response> {
	const cache = await caches.open(SHELL_CACHE);
	const cached = (await cache.match(url.pathname)) ?? (await cache.match(request)) ?? (await previousBuildFile(url.pathname));
	if (cached) return cached;
	try {
		return await fetch(request);
	} catch (error) {
		// A deep link offline: the app shell draws any route.
		if (request.mode === 'navigate') {
			const shell = (await cache.match(`${url.pathname.replace(/\/$/, '')}.html`)) ?? (await cache.match(FALLBACK));
			if (shell) return shell;
		}
		throw error;
	}
}

/**
 * A hashed file of the previous build (gone from the server), asked for by a tab still running it. A
 * hashed name is one content: taking it from an older cache never serves a stale file.
 */
async function previousBuildFile(pathname: string): Promise<Response | undefined> {
	if (!pathname.startsWith(IMMUTABLE)) return undefined;
	for (const name of (await caches.keys()).filter((n) => n.startsWith(SHELL_PREFIX) && n !== SHELL_CACHE)) {
		const cached = await (await caches.open(name)).match(pathname);
		if (cached) return cached;
	}
	return undefined;
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== sw.location.origin || request.headers.has('range')) return;
	if (url.pathname === MANIFEST_URL) event.respondWith(manifestResponse(event));
	else if (url.pathname.startsWith(DATA_DIR)) event.respondWith(artefactResponse(request));
	else event.respondWith(shellResponse(request, url));
});

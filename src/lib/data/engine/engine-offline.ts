import { dev } from '$app/environment';
import { base } from '$app/paths';

let registered = false;

/**
 * Registers the service worker (src/service-worker.ts), once the page has started (src/lib/data/queries/atlas.ts):
 * filling its caches then reads the browser's HTTP cache (the engine's files are there, marked
 * immutable) instead of competing with a first visit for the network and the CPU. Not in development
 * (vite serves modules, not a build).
 */
export function keepForOffline(): void {
	if (registered || dev || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	registered = true;
	navigator.serviceWorker.register(`${base}/service-worker.js`).catch(() => {
		// No service worker (blocked, private browsing…): the atlas works as on a first visit.
		registered = false;
	});
}

import { dev, version } from '$app/environment';
import { base } from '$app/paths';

let registered = false;

/**
 * Registers the service worker (src/service-worker.ts), once the page's engine is up: filling its
 * caches then reads what the page already downloaded instead of competing with a first visit for the
 * network and the CPU. The engine's files, which the page holds (`files`: URL and bytes), go into the
 * worker's cache of this build first (same name as there: `cls-shell-<version>`), so that they are
 * not downloaded twice. Not in development (vite serves modules, not a build).
 */
export function keepForOffline(files: readonly [string, Promise<Blob>][]): void {
	if (registered || dev || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	registered = true;
	(async () => {
		try {
			const cache = await caches.open(`cls-shell-${version}`);
			for (const [url, blob] of files) {
				const bytes = await blob;
				await cache.put(url, new Response(bytes, { headers: { 'Content-Type': bytes.type } }));
			}
		} catch {
			// No Cache API (private browsing…): the service worker downloads them itself.
		}
		await navigator.serviceWorker.register(`${base}/service-worker.js`);
	})().catch(() => {
		// No service worker (blocked, private browsing…): the atlas works as on a first visit.
		registered = false;
	});
}

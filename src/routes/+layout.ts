import { browser } from '$app/environment';
import { keepForOffline, startEngine } from '$lib/data/queries/atlas';

// The atlas runs entirely in the browser (DuckDB-WASM, WebGL): pages are prerendered shells.
export const prerender = true;
export const ssr = false;

export function load({ route }) {
	// Start the engine now, and keep the atlas for offline once it is up; failures surface where a page
	// awaits it. The explorer (/) does both itself: the engine once its first view's geometry is in, the
	// offline copy once every table is loaded.
	if (browser && route.id !== '/') startEngine().then(keepForOffline, () => undefined);
}

import { browser } from '$app/environment';
import { keepForOffline, startEngine } from '$lib/data/atlas';

// The atlas runs entirely in the browser (DuckDB-WASM, WebGL): pages are prerendered shells.
export const prerender = true;
export const ssr = false;

export function load({ route }) {
	// Start the engine now; failures surface where a page awaits it. The explorer (/) starts it
	// itself, once its first view's files are on their way, and keeps it for offline once it is fully loaded.
	if (browser && route.id !== '/') startEngine().then(keepForOffline, () => undefined);
}

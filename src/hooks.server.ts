import { readFileSync } from 'node:fs';
import type { Handle } from '@sveltejs/kit';
import { base } from '$app/paths';
import { firstViewFiles, parseManifest } from '$lib/data/artefacts';

/**
 * Runs when the pages are prerendered (`vite build`; the atlas has no server). The explorer's page
 * asks, in its HTML, for the files of its first view (`firstViewFiles`), so that the browser downloads
 * them while it loads and starts the app's scripts, instead of after. `as="fetch"` with
 * `crossorigin="anonymous"` matches the app's own `fetch` (same origin, no credentials mode change),
 * which then takes the preloaded response.
 */
const DATA_DIR = 'static/data';

function preloadLinks(): string {
	const manifest = parseManifest(readFileSync(`${DATA_DIR}/manifest.json`, 'utf8'));
	return firstViewFiles(manifest)
		.map((file) => `<link rel="preload" href="${base}/data/${file}" as="fetch" crossorigin="anonymous">`)
		.join('\n\t\t');
}

export const handle: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html }) => (event.route.id === '/' ? html.replace('</head>', `\t${preloadLinks()}\n\t</head>`) : html)
	});

import { readFileSync } from 'node:fs';
import type { Handle } from '@sveltejs/kit';
import { base } from '$app/paths';
import { firstViewFiles, parseManifest } from '$lib/data/queries/artefacts';
import { defaultPrerender, withFirstView as writeFirstView } from '$lib/features/explorer/first-view-html';

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

/** The explorer's HTML also paints the default view the pipeline drew, before any script runs (first-view-html.ts). */
function withFirstView(html: string): string {
	const prerender = defaultPrerender(parseManifest(readFileSync(`${DATA_DIR}/manifest.json`, 'utf8')));
	return prerender ? writeFirstView(html, prerender, base) : html;
}

export const handle: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html }) => (event.route.id === '/' ? withFirstView(html.replace('</head>', `\t${preloadLinks()}\n\t</head>`)) : html)
	});

import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { precompress } from './scripts/precompress.js';

const staticAdapter = adapter({ fallback: '200.html' });

/**
 * The explorer's one inline script of its own (src/lib/features/explorer/first-view-html.ts writes it as it is): its hash.
 * @type {`sha256-${string}`}
 */
const firstViewMatch = `sha256-${createHash('sha256')
	.update(readFileSync(new URL('./src/lib/features/explorer/first-view-match.js', import.meta.url)))
	.digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		// Static build: the whole atlas is files served as they are; data and engine run in the browser.
		// Then brotli and gzip twins of every text and wasm file, sent by scripts/serve.js (`npm start`).
		adapter: {
			...staticAdapter,
			async adapt(builder) {
				await staticAdapter.adapt(builder);
				builder.log.minor('Compressing assets and pages (brotli, gzip)');
				await precompress('build');
			}
		},
		alias: { $data: 'data' },
		// The page's policy, a `<meta>` of every prerendered page and of the fallback, with the hashes of
		// SvelteKit's inline bootstrap and of the explorer's first-view script (never 'unsafe-inline' for scripts); it travels with the page, so it
		// holds offline too. DuckDB compiles its wasm ('wasm-unsafe-eval') in a worker started from a
		// blob: URL, as MapLibre's is; PNG export draws blob: and data: images; styles set by Svelte and
		// MapLibre are inline. Nothing from another origin. `frame-ancestors` and the other headers:
		// scripts/serve.js.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval', firstViewMatch],
				'worker-src': ['self', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self', 'blob:', 'data:'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
		// Every page's styles in its HTML: a stylesheet is render-blocking, and eight of them queued behind the
		// scripts' preloads on the browser's six connections held the first view back (`npm run bench`).
		inlineStyleThreshold: Infinity,
		// Registered once the page has started (src/lib/data/engine/engine-offline.ts), not as it loads.
		serviceWorker: { register: false }
	}
};

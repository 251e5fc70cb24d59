import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { precompress } from './scripts/precompress.js';

const staticAdapter = adapter({ fallback: '200.html' });

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
		// Registered once the page has started (src/lib/db/engine-offline.ts), not as it loads.
		serviceWorker: { register: false }
	}
};

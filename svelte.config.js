import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		// Static build: the whole atlas is files served as they are; data and engine run in the browser.
		adapter: adapter({ fallback: '200.html' }),
		alias: { $data: 'data' }
	}
};

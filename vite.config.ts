import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// duckdb-wasm ships its own workers and wasm; pre-bundling them breaks their ?url imports.
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	test: {
		projects: [
			{
				extends: true,
				// Two files at once: Vitest's default (the cores less one) runs them one by one on CI's two cores.
				test: {
					name: 'unit',
					include: ['test/unit/**/*.test.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 120_000,
					maxWorkers: 2,
					// The first view's styles are written into the page's HTML as they are (first-view-html.ts): its test reads them.
					css: { include: [/first-view\.css/] }
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['test/e2e/**/*.test.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 180_000,
					// One file at a time: two Chromium drawing with software WebGL on two cores starve each other past
					// the map tests' ceilings. Each file's server takes a port the OS picks (test/support/browser.ts),
					// so copies of the repository can still test side by side.
					fileParallelism: false
				}
			}
		]
	}
});

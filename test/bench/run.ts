/**
 * `npm run bench`: serves the built app on localhost, opens it in headless Chromium with a cold
 * cache and prints each figure as `name: value unit` (also written to bench-results.json).
 * Targets on a 2-core machine: first coloured map ≤ 3 s cold, re-colour ≤ 100 ms.
 * Figures only: nothing here passes or fails.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium, startPreview, waitForColouredMap } from '../support/browser';

interface Figure {
	name: string;
	value: number;
	unit: string;
}

const RECOLOR_ROUNDS = 12;
/** Indicators the re-colour benchmark alternates between (ids of the catalogue). */
const RECOLOR_INDICATORS = ['apl_mg_2022', 'densite_population', 'apl_mg_2023', 'radon_classe'];

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function main() {
	const server = await startPreview(4319);
	const browser = await launchChromium();
	const figures: Figure[] = [];
	const add = (name: string, value: number, unit: string) => {
		figures.push({ name, value: Math.round(value * 10) / 10, unit });
		console.log(`${name}: ${Math.round(value * 10) / 10} ${unit}`);
	};
	try {
		// A new context has an empty cache: this is a cold start.
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
		const page = await context.newPage();
		let bytes = 0;
		page.on('requestfinished', async (request) => {
			const sizes = await request.sizes().catch(() => null);
			if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
		});
		await page.goto(server.url + '/');
		await waitForColouredMap(page, 120_000);
		const marks = await page.evaluate(() => {
			const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
			return {
				geometry: at('cls:geometry-ready'),
				duckdb: at('cls:duckdb-ready'),
				firstMap: at('cls:first-colored-map')
			};
		});
		add('commune_geometry_ready', marks.geometry, 'ms');
		add('duckdb_ready', marks.duckdb, 'ms');
		add('first_colored_map_cold', marks.firstMap, 'ms');
		await page.waitForLoadState('networkidle');
		add('bytes_transferred_cold', bytes / 1e6, 'MB');

		for (let i = 0; i < RECOLOR_ROUNDS; i++) {
			const id = RECOLOR_INDICATORS[i % RECOLOR_INDICATORS.length];
			await page.selectOption('#indicator', id);
			await page.waitForFunction((n) => performance.getEntriesByName('cls:recolor').length >= n, i + 1);
			await page.waitForFunction(() => !(document.querySelector('#indicator') as HTMLSelectElement).disabled);
		}
		const recolor = await page.evaluate(() => performance.getEntriesByName('cls:recolor').map((e) => e.duration));
		add('recolor_all_communes_median', median(recolor), 'ms');
		add('recolor_all_communes_max', Math.max(...recolor), 'ms');
		await context.close();
	} finally {
		await browser.close();
		server.stop();
	}
	writeFileSync(resolve(import.meta.dirname, '../../bench-results.json'), JSON.stringify(figures, null, 2) + '\n');
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});

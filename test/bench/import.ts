/**
 * Benchmark of the generic import on /donnees: a CSV of 35,000 rows × 100 columns (the size of the
 * INSEE commune base) made here from the atlas's real commune codes with **fictitious values**
 * (column names say so), written to the system's temporary folder, never committed.
 * Target on a 2-core machine: ≤ 10 s, no main-thread task over 200 ms (long tasks measured with
 * PerformanceObserver 'longtask'). Figures only: nothing here passes or fails.
 * Run alone with `npx tsx test/bench/import.ts` (after `vite build`), or by `npm run bench`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { openNodeAtlas } from '../../src/lib/db/node';
import { readXlsx } from '../../src/lib/db/xlsx';

export type Report = (name: string, value: number, unit: string) => void;

const ROWS = 35_000;
const VALUE_COLUMNS = 99;

/** The file: real commune codes (then old codes of cog_passage up to ROWS), fictitious values from a fixed LCG. */
async function makeCsv(): Promise<string> {
	const db = await openNodeAtlas();
	const codes = (await db.query(`SELECT code FROM (SELECT code, 0 AS o FROM communes UNION ALL SELECT code_hist, 1 FROM cog_passage WHERE code_hist <> code) ORDER BY o, code LIMIT ${ROWS}`))
		.toArray()
		.map((r) => String(r.toJSON().code));
	await db.close();
	let seed = 42;
	const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
	const header = ['CODGEO_COMMUNE', ...Array.from({ length: VALUE_COLUMNS }, (_, i) => `valeur_fictive_${i + 1}`)].join(';');
	const lines = codes.map((code) => [code, ...Array.from({ length: VALUE_COLUMNS }, () => (next() * 1000).toFixed(2).replace('.', ','))].join(';'));
	const file = join(tmpdir(), `cls-atlas-bench-import-${ROWS}x${VALUE_COLUMNS + 1}.csv`);
	writeFileSync(file, [header, ...lines].join('\n') + '\n');
	return file;
}

export async function importBench(browser: Browser, url: string, report: Report): Promise<void> {
	const file = await makeCsv();
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	await context.addInitScript(() => {
		const w = window as unknown as { longTasks: number[] };
		w.longTasks = [];
		new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
	});
	const page = await context.newPage();
	try {
		await page.goto(`${url}/donnees`);
		await page.locator('[data-testid=import-input]:enabled').waitFor({ timeout: 120_000 });
		// The engine starts at the first import of the page: a small file first, so that the figures are the import's.
		const tw = Date.now();
		await page.getByTestId('import-input').setInputFiles({ name: 'amorce.csv', mimeType: 'text/csv', buffer: Buffer.from('code;valeur_fictive\n46102;1\n') });
		await page.getByTestId('generic-submit').waitFor({ timeout: 120_000 });
		report('import_engine_warmup', Date.now() - tw, 'ms');
		await page.getByRole('button', { name: 'Annuler' }).click();
		const longTasks = () => page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));
		await longTasks();
		const t0 = Date.now();
		await page.getByTestId('import-input').setInputFiles(file);
		await page.getByTestId('generic-submit').waitFor({ timeout: 120_000 });
		const previewed = Date.now() - t0;
		const previewTasks = await longTasks();
		await page.getByTestId('generic-name').fill('Banc d’essai fictif');
		const t1 = Date.now();
		await page.getByTestId('generic-submit').click();
		await page.getByTestId('user-import').waitFor({ timeout: 300_000 });
		const imported = Date.now() - t1;
		const importTasks = await longTasks();
		report('import_csv_35000x100_preview', previewed, 'ms');
		report('import_csv_35000x100', imported, 'ms');
		report('import_csv_35000x100_total', previewed + imported, 'ms');
		for (const [phase, tasks] of [['preview', previewTasks], ['import', importTasks]] as const) {
			report(`import_longtask_max_${phase}`, Math.max(0, ...tasks), 'ms');
			report(`import_longtasks_over_200ms_${phase}`, tasks.filter((d) => d > 200).length, 'tasks');
		}
		await page.getByTestId('import-remove').click();
		await page.getByTestId('imports-empty').waitFor({ timeout: 60_000 });
	} finally {
		await context.close();
	}
}

/** The real DREES APL workbook (3.8 MB, sheets « APL 2022 » and « APL 2023 », ~35,000 rows × 6 each) read in Node by the atlas's XLSX reader. */
export function xlsxBench(report: Report): void {
	const file = resolve(import.meta.dirname, '../../../shared/data/apl-drees/raw/apl_generalistes.xlsx');
	if (!existsSync(file)) return console.warn(`${file} absent : lecture XLSX non mesurée`);
	const bytes = readFileSync(file);
	const t0 = performance.now();
	const wb = readXlsx(bytes, 'apl_generalistes.xlsx');
	let rows = 0;
	for (const sheet of wb.sheets.filter((s) => /^APL \d{4}$/.test(s))) rows += wb.rows(sheet).length;
	report('import_xlsx_apl_drees_read', performance.now() - t0, 'ms');
	report('import_xlsx_apl_drees_rows', rows, 'rows');
}

if (process.argv[1] === import.meta.filename) {
	xlsxBench((name, value, unit) => console.log(`${name}: ${Math.round(value * 10) / 10} ${unit}`));
	const { launchChromium, startPreview } = await import('../support/browser');
	const server = await startPreview(4377);
	const browser = await launchChromium();
	try {
		await importBench(browser, server.url, (name, value, unit) => console.log(`${name}: ${Math.round(value * 10) / 10} ${unit}`));
	} finally {
		await browser.close();
		server.stop();
	}
}

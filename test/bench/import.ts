/**
 * Benchmark of the generic import on /donnees: a CSV of 35,000 rows × 100 columns (the size of the
 * INSEE commune base) made here from the atlas's real commune codes with **fictitious values**
 * (column names say so), written to the system's temporary folder, never committed.
 * Target on a 2-core machine: ≤ 10 s, no main-thread task over 200 ms (long tasks measured with
 * PerformanceObserver 'longtask'). Figures only: nothing here passes or fails.
 * Run alone with `npx tsx test/bench/import.ts` (after `vite build`), or by `npm run bench`.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { openNodeAtlas } from '../../src/lib/data/engine/node';
import { readXlsx } from '../../src/lib/data/imports/xlsx';

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

/** /donnees in a new context, ready to import, its main-thread long tasks kept in `window.longTasks`. */
async function openDataPage(browser: Browser, url: string) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	await context.addInitScript(() => {
		const w = window as unknown as { longTasks: number[] };
		w.longTasks = [];
		new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
	});
	const page = await context.newPage();
	await page.goto(`${url}/donnees`);
	await page.locator('[data-testid=import-input]:enabled').waitFor({ timeout: 120_000 });
	return { context, page };
}

export async function importBench(browser: Browser, url: string, report: Report): Promise<void> {
	const file = await makeCsv();
	const { context, page } = await openDataPage(browser, url);
	try {
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

/** Size of the fictitious ANS « personne / activité » file (the real extraction is several hundred MB); BENCH_ANS_MB to try another. */
const ANS_MB = Number(process.env.BENCH_ANS_MB ?? 300);
const ANS_BYTES = ANS_MB * 1024 * 1024;
const ANS_FIXTURE = resolve(import.meta.dirname, '../fixtures/ans/PS_LibreAcces_Personne_activite_202407150830.txt');

/**
 * A file in the ANS layout (its 52 columns, the fixture's header) of ~300 MB, **fictitious** persons (names
 * FICTIF), real commune codes of the atlas, addresses filled so that a line weighs what a real one does.
 * Written to a temporary folder, removed after the run.
 */
async function makeAnsFile(): Promise<{ file: string; dir: string }> {
	const db = await openNodeAtlas();
	const codes = (await db.query(`SELECT code FROM communes ORDER BY code`)).toArray().map((r) => String(r.toJSON().code));
	await db.close();
	const [header, ...samples] = readFileSync(ANS_FIXTURE, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
	const cells = samples.map((l) => l.split('|'));
	const col = (name: string) => header.split('|').indexOf(name);
	const [id, nat, commune, voie, raison] = [col('Identifiant PP'), col('Identification nationale PP'), col('Code commune (coord. structure)'), col('Libellé Voie (coord. structure)'), col('Raison sociale site')];
	const dir = mkdtempSync(join(tmpdir(), 'cls-atlas-bench-ans-'));
	const file = join(dir, 'PS_LibreAcces_Personne_activite_202407150830.txt');
	const fd = openSync(file, 'w');
	let written = writeSync(fd, header + '\n');
	let chunk: string[] = [];
	for (let n = 0; written < ANS_BYTES; n++) {
		const line = [...cells[n % cells.length]];
		line[id] = String(81_000_000_000 + Math.floor(n / 2));
		line[nat] = '8' + line[id];
		line[commune] = codes[(n * 7919) % codes.length];
		line[voie] = `DE LA RUE FICTIVE NUMERO ${n % 997}`;
		line[raison] = `CABINET FICTIF ${n % 4999}`;
		chunk.push(line.join('|'));
		if (chunk.length === 10_000) {
			written += writeSync(fd, chunk.join('\n') + '\n');
			chunk = [];
		}
	}
	if (chunk.length) writeSync(fd, chunk.join('\n') + '\n');
	closeSync(fd);
	return { file, dir };
}

/**
 * Import of a ~300 MB ANS file (ANS_MB) on /donnees: the File goes to the worker as a handle read by slices.
 * Figures: the time, the main thread's JS heap (peak of samples) and its long tasks.
 */
export async function ansImportBench(browser: Browser, url: string, report: Report): Promise<void> {
	const { file, dir } = await makeAnsFile();
	const { context, page } = await openDataPage(browser, url);
	try {
		await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));
		// The main thread's JS heap, sampled by the DevTools protocol while the import runs.
		const cdp = await context.newCDPSession(page);
		let heapPeak = 0;
		let sampling = true;
		const sampler = (async () => {
			while (sampling) {
				heapPeak = Math.max(heapPeak, (await cdp.send('Runtime.getHeapUsage')).usedSize);
				await new Promise((r) => setTimeout(r, 100));
			}
		})();
		const t0 = Date.now();
		await page.getByTestId('import-input').setInputFiles(file);
		await page.getByTestId('user-import').waitFor({ timeout: 600_000 });
		report(`ans_import_${ANS_MB}mb`, (Date.now() - t0) / 1000, 's');
		sampling = false;
		await sampler;
		const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
		const rowsRead = /Lignes lues ([\d\s\u202f]+)/.exec((await page.getByTestId('import-report').innerText()).replace(/\s+/g, ' '))?.[1];
		report(`ans_import_${ANS_MB}mb_rows_read`, Number(rowsRead?.replace(/\D/g, '') ?? Number.NaN), 'rows');
		report(`ans_import_${ANS_MB}mb_main_heap_peak`, heapPeak / 1024 / 1024, 'MB');
		report(`ans_import_${ANS_MB}mb_longtask_max`, Math.max(0, ...tasks), 'ms');
		report(`ans_import_${ANS_MB}mb_longtasks_over_200ms`, tasks.filter((d) => d > 200).length, 'tasks');
		await page.getByTestId('import-remove').click();
		await page.getByTestId('imports-empty').waitFor({ timeout: 60_000 });
	} finally {
		await context.close();
		rmSync(dir, { recursive: true, force: true });
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
	const print: Report = (name, value, unit) => console.log(`${name}: ${Math.round(value * 10) / 10} ${unit}`);
	xlsxBench(print);
	const { launchChromium, startPreview } = await import('../support/browser');
	const server = await startPreview();
	const browser = await launchChromium();
	try {
		if (process.env.BENCH_ONLY !== 'ans') await importBench(browser, server.url, print);
		await ansImportBench(browser, server.url, print);
	} finally {
		await browser.close();
		server.stop();
	}
}

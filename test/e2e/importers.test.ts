import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { e2eSuite } from '../support/suite';
import { IMPORTED_INDICATORS } from '../../src/lib/indicators/catalogue';
import { aplWorkbook } from '../support/xlsx-fixture';
import { measureSql } from '../../src/lib/data/queries/measure';

// Fictitious counts in INSEE's BPE long layout: test/fixtures/bpe/README.md.
const BPE_FILE = resolve(import.meta.dirname, '../fixtures/bpe/bpe-2024-communes-long.csv');
const GPS = IMPORTED_INDICATORS.find((i) => i.id === 'generalistes_bpe')!;

const suite = e2eSuite({ db: true });
const { watch } = suite;

/**
 * GPs (D265) of the Lot in the fixture, computed here without the importer: the CSV split by hand, the first
 * line of each code × type kept, each code taken to its COG 2025 commune by SQL on cog_passage.
 */
async function expectedLotGps(): Promise<number> {
	const [header, ...lines] = readFileSync(BPE_FILE, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(';'));
	const col = (name: string) => header.indexOf(name);
	const seen = new Set<string>();
	let gps = 0;
	for (const cells of lines) {
		const code = cells[col('DEPCOM')].padStart(5, '0');
		const key = `${code} ${cells[col('TYPEQU')]}`;
		if (seen.has(key)) continue;
		seen.add(key);
		if (cells[col('TYPEQU')] !== 'D265') continue;
		const row = (await suite.db.query(`SELECT dep FROM communes WHERE code = coalesce((SELECT code FROM cog_passage WHERE code_hist = ?), ?)`, [code, code])).toArray()[0];
		if (row?.toJSON().dep === '46') gps += Number(cells[col('NB_EQUIP')]);
	}
	expect(gps).toBeGreaterThan(0);
	return gps;
}

async function runSql(page: Page, sql: string): Promise<string> {
	await page.getByTestId('sql-input').fill(sql);
	await page.getByTestId('sql-run').click();
	await expect.poll(() => page.getByTestId('sql-run').isEnabled(), { timeout: 60_000 }).toBe(true);
	return page.getByTestId('sql-result').locator('tbody td').first().innerText();
}

describe('official files on /donnees', () => {
	it('imports a BPE commune file (long layout): its report, then the indicator’s count for the Lot equals SQL on the file', async () => {
		const context = await suite.context();
		const page = await suite.page(context, '/donnees');
		// The list is drawn once the page is hydrated: read it when it is there, not before.
		const formats = page.locator('ul.formats li');
		await expect.poll(() => formats.count(), { timeout: 30_000 }).toBeGreaterThan(1);
		const texts = await formats.allInnerTexts();
		expect(texts.some((f) => f.startsWith('INSEE BPE, fichier communal au format long') && f.includes('DEPCOM ; TYPEQU ; NB_EQUIP ; AN'))).toBe(true);
		expect(texts.some((f) => f.startsWith('ANS Annuaire Santé'))).toBe(true);
		await page.locator('[data-testid=import-input]:enabled').waitFor({ timeout: 90_000 });
		await page.getByTestId('import-input').setInputFiles([BPE_FILE]);
		await expect.poll(() => page.getByTestId('import-outcomes').locator('li').count(), { timeout: 60_000 }).toBe(1);
		expect(await page.getByTestId('import-outcomes').innerText()).toContain('Importé : INSEE – Base permanente des équipements (BPE), fichier communal, 2024.');
		const report = (await page.getByTestId('import-report').innerText()).replace(/\s+/g, ' ');
		// 14 lines: codes of 7 communes 2025 (46048 → 46311, 46217 → 46172), 97501 outside the atlas, 46102 D281 twice.
		expect(report).toMatch(/Lignes lues 14 Communes 2025 6 \(2 issues de fusions ; [\d\s\u202f]+ sans ligne\) Codes rattachés 2 Codes inconnus 1 Doublons 1/);

		// A file above the official files' limit (sparse: 1.1 GB on no disk, never read): refused with the limit said, the BPE kept.
		const dir = mkdtempSync(join(tmpdir(), 'trop-gros-'));
		const huge = join(dir, 'PS_LibreAcces_Personne_activite_202407150830.txt');
		writeFileSync(huge, '');
		truncateSync(huge, 1100 * 1024 * 1024);
		await page.getByTestId('import-input').setInputFiles([huge]);
		await expect
			.poll(() => page.getByTestId('import-outcomes').innerText(), { timeout: 60_000 })
			.toContain('Fichier trop volumineux : PS_LibreAcces_Personne_activite_202407150830.txt (1100 Mo ; limite 1 Go)');
		rmSync(dir, { recursive: true, force: true });
		expect(await page.getByTestId('user-import').getAttribute('data-table')).toBe('bpe_sante');

		// The catalogue's SQL of the indicator, summed over the Lot, in the page's engine (the /sql console sees imported tables).
		const console = await suite.page(context, '/sql');
		await expect.poll(() => console.getByTestId('sql-run').isEnabled(), { timeout: 90_000 }).toBe(true);
		const shown = await runSql(console, `SELECT sum(i.num) AS n FROM (${measureSql(GPS.measure).text}) i JOIN communes c ON c.code = i.code WHERE c.dep = '46'`);
		expect(Number(shown.replace(/\s/g, ''))).toBe(await expectedLotGps());
		await context.close();
		expect(watch.errors).toEqual([]);
		expect(watch.foreignRequests).toEqual([]);
	});
	it('imports a DREES APL workbook (XLSX, read in a worker): its report, then its values in the page’s engine', async () => {
		// FICTITIOUS values in the DREES layout (test/support/xlsx-fixture.ts): nurses, two years.
		const file = join(mkdtempSync(join(tmpdir(), 'apl-')), 'apl-infirmiers.xlsx');
		const unit = 'En nombre d’ETP accessibles pour 100 000 habitants standardisés';
		writeFileSync(
			file,
			aplWorkbook('infirmiers', unit, [
				{ annee: 2022, lines: [['46042', 'Cahors', 90.5, 1000, 1100]] },
				{ annee: 2023, lines: [['46042', 'Cahors', 101.25, 2000, 2100], ['46102', 'Figeac', 77, 500, 520]] }
			])
		);
		const context = await suite.context();
		const page = await suite.page(context, '/donnees');
		await page.locator('[data-testid=import-input]:enabled').waitFor({ timeout: 90_000 });
		await page.getByTestId('import-input').setInputFiles([file]);
		await expect.poll(() => page.getByTestId('import-outcomes').innerText(), { timeout: 60_000 }).toContain('Importé : DREES – APL aux infirmiers, 2023.');
		expect((await page.getByTestId('import-report').innerText()).replace(/\s+/g, ' ')).toContain('classeur DREES, feuilles « APL 2022 », « APL 2023 »');

		const console = await suite.page(context, '/sql');
		await expect.poll(() => console.getByTestId('sql-run').isEnabled(), { timeout: 90_000 }).toBe(true);
		const shown = await runSql(console, `SELECT sum(apl * pop_standardisee) / sum(pop_standardisee) AS apl FROM apl_infirmiers WHERE annee = 2023`);
		expect(Number(shown.replace(/\s/g, '').replace(',', '.'))).toBeCloseTo((101.25 * 2000 + 77 * 500) / 2500, 6);
		await context.close();
		expect(watch.errors).toEqual([]);
	});
});

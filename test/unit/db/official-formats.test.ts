import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeAtlas } from '../../../src/lib/data/engine/node';
import type { FileDb } from '../../../src/lib/data/engine/connector';
import { ImportError, OFFICIAL_FORMATS, importOfficialFile, reportLines } from '../../../src/lib/data/imports/imports';
import { ansYear } from '../../../src/lib/data/imports/ans';

// The BPE and Annuaire Santé importers the app runs in the browser, here on the Node engine with the atlas's
// communes and cog_passage, on fixtures with fictitious values in each official layout (README.md beside them).
const FIXTURES = join(import.meta.dirname, '../../fixtures');
let db: FileDb;

beforeAll(async () => {
	db = await openNodeAtlas();
});
afterAll(() => db?.close());

const importOf = (file: string, table: string) => importOfficialFile(db, new Uint8Array(readFileSync(join(FIXTURES, file))), file.split('/').pop()!, { table });
async function refusal(file: string, table: string): Promise<string> {
	const error = await importOf(file, table).then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ImportError);
	return (error as Error).message;
}
async function byCode(table: string): Promise<Map<string, Record<string, unknown>>> {
	const rows = (await db.query(`SELECT * FROM ${table} ORDER BY code`)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
	return new Map(rows.map((r) => [r.code as string, r]));
}

describe('INSEE BPE, long layout', () => {
	it('is recognised by its header, remaps and sums codes onto COG 2025 communes, keeps the first of duplicated lines', async () => {
		const report = await importOf('bpe/bpe-2024-communes-long.csv', 'bpe_test');
		expect(report).toMatchObject({ table: 'bpe_sante', annee: 2024, rowsRead: 14, remapped: ['46048', '46217'], unknown: ['97501'], duplicates: ['46102 D281'], merged: 2 });
		const rows = await byCode('bpe_test');
		expect(rows.get('46042')).toMatchObject({ generalistes: 30, dentistes: 20, infirmiers: 45, pharmacies: 10 });
		// Sousceyrac-en-Quercy = its own 2 GPs + the 1 of its former commune 46048.
		expect(rows.get('46311')).toMatchObject({ generalistes: 3, pharmacies: 0 });
		expect(rows.get('46172')).toMatchObject({ pharmacies: 2 });
		expect(rows.get('46102')).toMatchObject({ infirmiers: 3 });
		expect(rows.get('01004')).toMatchObject({ generalistes: 4 });
		expect(rows.get('2A004')).toMatchObject({ generalistes: 50 });
		expect(rows.has('97501')).toBe(false);
		// The totals of the report are those of the table.
		expect(reportLines(report, 'f.csv')[0]).toContain('87 médecins généralistes, 20 chirurgiens-dentistes, 48 infirmiers, 12 pharmacies');
	});

	it('reads the SDMX layout of recent millésimes: communes, equipment counts and the most recent year only', async () => {
		const report = await importOf('bpe/DS_BPE_2025_data.csv', 'bpe_sdmx');
		expect(report).toMatchObject({ annee: 2025, rowsRead: 4, remapped: ['46048'], duplicates: [] });
		expect(reportLines(report, 'f.csv')[0]).toContain('millésimes antérieurs ignorés (2024)');
		const rows = await byCode('bpe_sdmx');
		expect(rows.get('46042')).toMatchObject({ generalistes: 31, pharmacies: 10 });
		expect(rows.get('46311')).toMatchObject({ generalistes: 3 });
		expect(rows.size).toBe(2);
	});

	it('refuses, each with its own French message: text for a count, no commune code, the former nomenclature', async () => {
		expect(await refusal('bpe/text-count.csv', 'bpe_bad')).toBe('text-count.csv, ligne 3 : nombre d’équipements invalide « deux » dans la colonne « NB_EQUIP »');
		expect(await refusal('bpe/unknown-codes.csv', 'bpe_bad')).toBe('unknown-codes.csv : aucun code ne correspond à une commune du COG 2025 (2 codes lus : 97501, 97502)');
		expect(await refusal('bpe/old-nomenclature.csv', 'bpe_bad')).toMatch(/^old-nomenclature\.csv : BPE 2013 dans l’ancienne nomenclature/);
		expect(await refusal('population-ages/not-insee.csv', 'bpe_bad')).toMatch(/^Format non reconnu : not-insee\.csv\. .*INSEE BPE, fichier communal au format long.*ANS Annuaire Santé/);
		expect((await db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'bpe_bad'`)).toArray()[0].toJSON().n).toBe(0n);
	});
});

describe('ANS Annuaire Santé, « personne / activité »', () => {
	it('counts each person once per commune of practice and profession; GPs by their savoir-faire', async () => {
		const report = await importOf('ans/PS_LibreAcces_Personne_activite_202407150830.txt', 'ans_test');
		expect(report).toMatchObject({ table: 'ans_professionnels', annee: 2024, rowsRead: 12, remapped: ['46048'], unknown: ['97501'] });
		const rows = await byCode('ans_test');
		expect(rows.get('46042')).toMatchObject({ generalistes: 1, medecins: 2, dentistes: 1, sages_femmes: 1, kines: 1, infirmiers: 0, pharmaciens: 0 });
		expect(rows.get('46102')).toMatchObject({ generalistes: 1, medecins: 1 });
		expect(rows.get('46311')).toMatchObject({ infirmiers: 1 });
		expect(rows.get('46172')).toMatchObject({ pharmaciens: 1 });
		expect(reportLines(report, 'f.txt')[0]).toContain('1 lignes d’activité sans commune');
	});

	it('refuses a file without its extraction date, and text in the commune column', async () => {
		expect(await refusal('ans/sans-date.txt', 'ans_bad')).toMatch(/^sans-date\.txt : date d’extraction introuvable/);
		expect(await refusal('ans/PS_LibreAcces_Personne_activite_202407150831-bad-code.txt', 'ans_bad')).toBe(
			'PS_LibreAcces_Personne_activite_202407150831-bad-code.txt, ligne 4 : code commune invalide « Cahors »'
		);
		expect(ansYear('dir/PS_LibreAcces_Personne_activite_202312010915.txt')).toBe(2023);
		expect(ansYear('annuaire.txt')).toBeNull();
	});
});

describe('the formats listed on /donnees', () => {
	it('each recognises only its own header', () => {
		const headers: Record<string, string[]> = {
			population_ages: ['CODGEO', 'P21_POP', 'P21_POP0014'],
			bpe_sante: ['REG', 'DEP', 'DEPCOM', 'DCIRIS', 'AN', 'TYPEQU', 'NB_EQUIP'],
			bpe_sdmx: ['GEO', 'GEO_OBJECT', 'FACILITY_DOM', 'FACILITY_SDOM', 'FACILITY_TYPE', 'BPE_MEASURE', 'TIME_PERIOD', 'OBS_VALUE'],
			ans_professionnels: ['Identifiant PP', 'Code profession', 'Libellé savoir-faire', 'Code commune (coord. structure)']
		};
		for (const format of OFFICIAL_FORMATS)
			for (const [table, header] of Object.entries(headers)) expect(format.recognise(header), `${format.table} on ${table}`).toBe(format.table === table.replace('bpe_sdmx', 'bpe_sante'));
	});
});

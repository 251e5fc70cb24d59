import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeAtlas } from '../../../src/lib/data/engine/node';
import type { FileDb } from '../../../src/lib/data/engine/connector';
import { importOfficialFile, reportLines } from '../../../src/lib/data/imports/imports';
import { genericReportLines, importGenericFile } from '../../../src/lib/data/imports/generic-import';
import { splitNotes } from '../../../src/lib/data/imports/splits';
import type { UserFileSpec } from '../../../src/lib/indicators/user';

// A user's file in a COG before 1 January 2025, when Neussargues en Pinatelle (15141) became five communes again,
// imported by the importers of /donnees on the Node engine with the atlas's artefacts; fictitious values
// (test/fixtures/population-ages/README.md, test/fixtures/user-files/README.md).
const FIXTURES = join(import.meta.dirname, '../../fixtures');
const FORMER = '15141';
const BECAME = ['15031', '15035', '15047', '15141', '15171'];
const REESTABLISHED = BECAME.filter((c) => c !== FORMER);
let db: FileDb;
/** Each commune's share, computed here from the shipped communes' legal population (not from cog_scissions). */
let shares: Map<string, number>;

beforeAll(async () => {
	db = await openNodeAtlas();
	const pops = (await db.query(`SELECT code, population FROM communes WHERE code IN (${BECAME.map(() => '?').join(', ')})`, BECAME)).toArray().map((r) => r.toJSON());
	expect(pops).toHaveLength(BECAME.length);
	const total = pops.reduce((s, r) => s + Number(r.population), 0);
	shares = new Map(pops.map((r) => [String(r.code), Number(r.population) / total]));
});
afterAll(() => db?.close());

const bytesOf = (file: string) => new Uint8Array(readFileSync(join(FIXTURES, file)));
async function byCode(table: string): Promise<Map<string, Record<string, number>>> {
	const rows = (await db.query(`SELECT * FROM ${table} ORDER BY code`)).toArray().map((r) => r.toJSON());
	return new Map(rows.map((r) => [String(r.code), r as Record<string, number>]));
}

const SPEC: UserFileSpec = {
	codeColumn: 0,
	level: 'commune',
	name: 'Scission fictive',
	source: 'Test',
	millesime: '2024',
	values: [
		{ column: 2, label: 'Médecins', kind: 'count', weight: 'population', unit: 'médecins' },
		{ column: 3, label: 'Taux de vaccination', kind: 'rate', weight: 'population', unit: '%' },
		{ column: 3, label: 'Taux pondéré par les médecins', kind: 'rate', weight: 2, unit: '%' }
	]
};

describe('a user’s file written before a commune was re-established', () => {
	it('official format: the former commune’s counts are shared among the five communes in proportion to their population, and the report says so', async () => {
		const file = 'population-ages/base-cc-evol-struct-pop-2020-neussargues.csv';
		const report = await importOfficialFile(db, bytesOf(file), 'neussargues.csv', { table: 'ages_split' });
		expect(report.splits).toHaveLength(1);
		expect(report.splits![0]).toMatchObject({ origin: FORMER, date: '2025-01-01', kinds: ['count'] });
		expect(report.splits![0].communes.map((c) => c.code)).toEqual(BECAME);
		const rows = await byCode('ages_split');
		for (const column of ['pop', 'age_0014', 'age_7589']) {
			const total = BECAME.reduce((s, c) => s + rows.get(c)![column], 0);
			expect(total, column).toBeCloseTo(column === 'pop' ? 1000 : column === 'age_0014' ? 150 : 130, 9);
		}
		for (const c of BECAME) expect(rows.get(c)!.pop, c).toBeCloseTo(1000 * shares.get(c)!, 9);
		// The other communes are as in the file.
		expect([rows.get('15014')!.pop, rows.get('15187')!.pop]).toEqual([700, 6500]);
		expect(rows.size).toBe(BECAME.length + 2);
		expect(report.communes).toBe(BECAME.length + 2);
		const line = reportLines(report, 'neussargues.csv').find((l) => l.includes('réparti'));
		expect(line).toMatch(/15141 Neussargues en Pinatelle \(avant 2025\) réparti sur 4 communes rétablies : 15031 Celles \(\d+(,\d)? %\), 15035 Chalinargues/);
		expect(line).toContain('15171 Sainte-Anastasie');
		expect(line).toContain('15141 garde');
	});

	it('official format: a file that already has the re-established communes apart is left as it is, and nothing is said', async () => {
		const file = 'population-ages/base-cc-evol-struct-pop-2021-neussargues-retablies.csv';
		const report = await importOfficialFile(db, bytesOf(file), 'retablies.csv', { table: 'ages_apart' });
		expect(report.splits).toEqual([]);
		const rows = await byCode('ages_apart');
		expect(BECAME.map((c) => rows.get(c)!.pop)).toEqual([150, 250, 120, 400, 80]);
		expect(reportLines(report, 'retablies.csv').join(' ')).not.toContain('réparti');
	});

	it('official format of whole counts (BPE): each commune gets a whole number of equipments, within one of its share, adding up to the former commune’s', async () => {
		const report = await importOfficialFile(db, bytesOf('bpe/bpe-2023-neussargues.csv'), 'bpe-neussargues.csv', { table: 'bpe_split' });
		expect(report.splits?.map((s) => s.origin)).toEqual([FORMER]);
		const rows = await byCode('bpe_split');
		for (const [column, total] of [
			['generalistes', 7],
			['pharmacies', 3]
		] as const) {
			const values = BECAME.map((c) => rows.get(c)![column]);
			expect(values.every(Number.isInteger), column).toBe(true);
			expect(values.reduce((a, b) => a + b, 0), column).toBe(total);
			BECAME.forEach((c, i) => expect(Math.abs(values[i] - total * shares.get(c)!), `${column} ${c}`).toBeLessThan(1));
		}
		expect(rows.get('15014')!.generalistes).toBe(1);
	});

	it('generic import: a count is shared, a rate copied whatever its weight, each commune marked « valeur de la commune d’origine »', async () => {
		const report = await importGenericFile(db, bytesOf('user-files/scission-avant-2025.csv'), 'scission.csv', SPEC, 'user_test_split');
		expect(report.splits?.map((s) => [s.origin, s.kinds])).toEqual([[FORMER, ['count', 'rate']]]);
		expect(report.territories).toBe(BECAME.length + 2);
		const rows = await byCode('user_test_split');
		expect(BECAME.reduce((s, c) => s + rows.get(c)!.v1_num, 0)).toBeCloseTo(10, 9);
		for (const c of BECAME) {
			const row = rows.get(c)!;
			expect(row.v1_num, c).toBeCloseTo(10 * shares.get(c)!, 9);
			expect(row.v2_num / row.v2_den, c).toBeCloseTo(62.5, 9);
			expect(row.v3_num / row.v3_den, c).toBeCloseTo(62.5, 9);
			// A rate weighted by a count: the weight is shared like the count.
			expect(row.v3_den, c).toBeCloseTo(10 * shares.get(c)!, 9);
		}
		expect(rows.get('15014')!.v1_num).toBe(3);
		expect(rows.get('15187')!.v2_num / rows.get('15187')!.v2_den).toBeCloseTo(66, 9);
		expect(genericReportLines(report, 'scission.csv').join('\n')).toMatch(/15141 Neussargues en Pinatelle \(avant 2025\) réparti sur 4 communes rétablies : 15031 Celles/);
		const notes = splitNotes(report.splits!);
		expect(notes.flatMap((n) => n.codes).sort()).toEqual(BECAME);
		for (const n of notes) expect(n).toMatchObject({ kind: 'origine', text: expect.stringMatching(/^valeur de la commune d’origine 15141 Neussargues en Pinatelle \(fichier avant 2025\) : effectifs répartis .*taux et classes recopiés$/) });
		expect(REESTABLISHED.every((c) => rows.has(c))).toBe(true);
	});

	it('generic import: with re-established communes in the file, every line stays where it is', async () => {
		const report = await importGenericFile(db, bytesOf('user-files/scission-deja-appliquee.csv'), 'deja.csv', SPEC, 'user_test_apart');
		expect(report.splits).toEqual([]);
		const rows = await byCode('user_test_apart');
		expect([...rows.keys()]).toEqual(['15014', '15031', '15035', '15141']);
		expect(rows.get('15141')!.v1_num).toBe(4);
		expect(genericReportLines(report, 'deja.csv').join(' ')).not.toContain('réparti');
	});
});

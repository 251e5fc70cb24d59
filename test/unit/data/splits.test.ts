import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cog, partCount, remapSource } from '../../../pipeline/lib/cog';
import { type CogHistory, communesAt, splitsSince } from '../../../pipeline/lib/cog-history';
import { APL_WORKBOOK } from '../../../pipeline/sources/apl';
import { readAplWorkbook } from '../../../src/lib/data/imports/apl';
import { readXlsx } from '../../../src/lib/data/imports/xlsx';
import { openNodeAtlas } from '../../../src/lib/data/engine/node';
import type { DbConnector } from '../../../src/lib/data/engine/connector';
import { parseManifest } from '../../../src/lib/data/engine/artefacts';
import { sharedPath } from '../../support/shared';
import { INDICATORS, tablesOf } from '../../../src/lib/indicators/catalogue';
import { measureSql } from '../../../src/lib/data/queries/measure';
import type { SqlParam } from '../../../src/lib/data/engine/connector';

// FICTITIOUS history: 99001 and 99002 merge into 99001 in 2016, the commune nouvelle is dissolved in 2024.
const movement = (mod: string, date: string, before: string, after: string) => ({ mod, date, before, beforeName: before === '99001' && date === '2024-01-01' ? 'Grande-Nouvelle' : before, after });
const history: CogHistory = {
	current: new Set(['99001', '99002', '99003']),
	movements: [
		movement('32', '2016-01-01', '99001', '99001'),
		movement('32', '2016-01-01', '99002', '99001'),
		movement('21', '2024-01-01', '99001', '99001'),
		movement('21', '2024-01-01', '99001', '99002')
	]
};
const cog = {
	communes: [],
	byCode: new Map([['99001', {}], ['99002', {}], ['99003', {}]]),
	passage: new Map([['99001', '99001'], ['99002', '99002'], ['99003', '99003']]),
	history,
	population: new Map([['99001', 300], ['99002', 100], ['99003', 50]])
} as unknown as Cog;

describe('communes re-established since a source’s COG', () => {
	it('knows which codes were communes in an older COG', () => {
		expect([...communesAt(history, 2015)].sort()).toEqual(['99001', '99002', '99003']);
		expect([...communesAt(history, 2020)].sort()).toEqual(['99001', '99003']);
		expect([...communesAt(history, 2024)].sort()).toEqual(['99001', '99002', '99003']);
	});

	it('splits only a commune that was whole in the source’s COG', () => {
		expect(splitsSince(history, 2020).map((s) => [s.parent, s.children])).toEqual([['99001', ['99001', '99002']]]);
		// In 2015 the two communes were apart: a source of that COG has each one's own value.
		expect(splitsSince(history, 2015)).toEqual([]);
		expect(splitsSince(history, 2024)).toEqual([]);
	});

	it('copies the rate to each commune and divides the counts by the 2025 population, whole numbers adding up', () => {
		const rows = [{ code: '99001', count: 7 }, { code: '99003', count: 2 }];
		const { groups, splits } = remapSource(cog, rows, (r) => r.code, 2020);
		expect(splits.map((s) => s.shares)).toEqual([[{ code: '99001', share: 0.75 }, { code: '99002', share: 0.25 }]]);
		const counts = ['99001', '99002'].map((c) => groups.get(c)!.map((p) => partCount(p.row.count, p.split, true))[0]);
		expect(counts).toEqual([5, 2]);
		expect(groups.get('99002')![0].row).toBe(rows[0]);
		expect(groups.get('99002')![0].split?.origin).toBe('99001');
		expect(partCount(8, groups.get('99002')![0].split, false)).toBe(2);
		expect(groups.get('99003')![0].split).toBeNull();
	});

	it('leaves a source alone that already has the re-established commune apart', () => {
		const { splits, groups } = remapSource(cog, [{ code: '99001' }, { code: '99002' }], (r) => r.code, 2020);
		expect(splits).toEqual([]);
		expect([...groups.keys()]).toEqual(['99001', '99002']);
	});
});

// The five communes of the former Neussargues en Pinatelle (15141), re-established on 1 January 2025.
const FIVE = ['15031', '15035', '15047', '15141', '15171'];
const ROOT = resolve(import.meta.dirname, '../../..');

let db: DbConnector;
beforeAll(async () => {
	db = await openNodeAtlas();
});
afterAll(async () => {
	await db?.close();
});
const rows = async (query: string, before: readonly SqlParam[] = []) => (await db.query(query, [...before, ...FIVE])).toArray().map((r) => r.toJSON());
const IN = `(${FIVE.map(() => '?').join(', ')})`;

describe('the shipped artefacts on Celles, Chalinargues, Chavagnac, Sainte-Anastasie and Neussargues-Moissac', () => {
	it('APL 2022 and 2023: the former commune’s APL on each, marked, its population shared out', async () => {
		const apl = await rows(`SELECT code, annee, apl_mg, apl_mg_moins65, pop_totale, pop_standardisee, code_origine FROM apl WHERE code IN ${IN} ORDER BY annee, code`);
		expect(apl).toHaveLength(10);
		for (const year of [2022, 2023]) {
			const of = apl.filter((r) => r.annee === year);
			expect(new Set(of.map((r) => r.apl_mg_moins65)).size).toBe(1);
			expect(new Set(of.map((r) => r.apl_mg)).size).toBe(1);
			expect(of.every((r) => r.code_origine === '15141' && r.apl_mg_moins65 !== null)).toBe(true);
			// Neussargues-Moissac no longer carries the whole former commune.
			const total = of.reduce((s, r) => s + (r.pop_totale as number), 0);
			expect(of.find((r) => r.code === '15141')!.pop_totale as number).toBeLessThan(total * 0.6);
		}
		const manifest = parseManifest(readFileSync(resolve(ROOT, 'static/data/manifest.json'), 'utf8'));
		const note = manifest.artefacts.find((a) => a.table === 'apl')?.about?.notes?.find((n) => n.codes.includes('15031'));
		expect(note?.text).toMatch(/^valeur de la commune d’origine Neussargues en Pinatelle \(15141\), APL 2022 et 2023$/);
		expect(FIVE.every((c) => note?.codes.includes(c))).toBe(true);
	});

	it('APL: the five communes’ populations add up to the DREES figure of the former commune', async () => {
		const file = sharedPath('data', APL_WORKBOOK);
		const book = readAplWorkbook(readXlsx(new Uint8Array(readFileSync(file)), file), file)!;
		const shipped = await rows(`SELECT annee, sum(pop_totale)::INTEGER AS pop, sum(pop_standardisee) AS std FROM apl WHERE code IN ${IN} GROUP BY annee ORDER BY annee`);
		for (const { annee, pop, std } of shipped) {
			const line = book.years.find((y) => y.annee === annee)!.lines.find((l) => l.code === '15141')!;
			expect(pop).toBe(Number(line.popTot));
			expect(std as number).toBeCloseTo(Number(line.popStd), 6);
		}
	});

	it('BPE 2013, radon, typologies, population: the five were communes in those files’ COG, each keeps its own figure', async () => {
		const found = await rows(
			`SELECT c.code, c.population, r.classe, r.code_origine AS radon_origine, b.code_origine AS bpe_origine, t.densite_niveau
			 FROM communes c LEFT JOIN radon r USING (code) LEFT JOIN bpe2013 b USING (code) LEFT JOIN typologies t USING (code) WHERE c.code IN ${IN}`
		);
		expect(found).toHaveLength(5);
		for (const r of found) {
			expect(r.population).toBeGreaterThan(0);
			expect(r.classe).not.toBeNull();
			expect(r.radon_origine).toBeNull();
			expect(r.bpe_origine).toBeNull();
			expect(r.densite_niveau).not.toBeNull();
		}
		// A commune the BPE 2013 had with no equipment has no row (0 of everything), not its former commune's.
		const bpe = await rows(`SELECT code FROM bpe2013 WHERE code IN ${IN}`);
		expect(bpe.map((r) => r.code)).toEqual(['15141']);
	});

	it('FINESS: the establishments are placed in their commune by their coordinates', async () => {
		const finess = await rows(`SELECT code_commune, lon, lat FROM finess WHERE code_commune IN ${IN}`);
		expect(finess.length).toBeGreaterThan(0);
		expect(finess.every((r) => r.lon !== null && r.lat !== null)).toBe(true);
	});

	it('every catalogue indicator on communes has a value for the five (APL, distances, density, radon, BPE…)', async () => {
		for (const indicator of INDICATORS) {
			if (indicator.importedFrom || !tablesOf(indicator).every((t) => t !== 'bassins_vie')) continue;
			const column = indicator.kind === 'class' ? 'value' : 'num';
			const measure = measureSql(indicator.measure);
			const found = await rows(`SELECT code, ${column} AS v FROM (${measure.text}) WHERE code IN ${IN}`, measure.params);
			// The BPE and the QPV list only the communes that have something: absent means 0 there.
			if (tablesOf(indicator).some((t) => t === 'bpe2013' || t === 'qpv')) continue;
			expect(found.map((r) => r.code).sort(), indicator.id).toEqual(FIVE);
			expect(found.every((r) => r.v !== null), indicator.id).toBe(true);
		}
	});
});

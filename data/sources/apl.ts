/**
 * DREES APL to general practitioners, 2022 and 2023, read from DREES's own workbook (sheets « APL 2022 », « APL 2023 »),
 * each year in the COG of its year, remapped to COG 2025.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { normalizeCommuneCode } from '../../src/lib/territory/insee-code';
import { f64, i16, i32, makeTable, utf8 } from '../lib/arrow';
import { readAplWorkbook, type AplLine, type AplWorkbook } from '../../src/lib/db/formats/apl';
import { readXlsx } from '../../src/lib/db/xlsx';
import { type Cog, remap, sum, weightedRate } from '../cog';

export const APL_YEARS = [2022, 2023] as const;

interface AplRow {
	code: string;
	apl: number | null;
	aplMoins65: number | null;
	popStd: number | null;
	popTot: number | null;
}

/** The DREES workbook, read once by the same reader as the import on /donnees (src/lib/db/formats/apl.ts). */
export const APL_WORKBOOK = 'apl-drees/raw/apl_generalistes.xlsx';

function readWorkbook(from: string): AplWorkbook {
	const file = join(from, APL_WORKBOOK);
	const book = readAplWorkbook(readXlsx(new Uint8Array(readFileSync(file)), file), file);
	if (!book || book.profession.slug !== 'medecins_generalistes') throw new Error(`${file} : pas un classeur DREES d’APL aux médecins généralistes`);
	return book;
}

function readYear(book: AplWorkbook, year: number): AplRow[] {
	const sheet = book.years.find((y) => y.annee === year);
	if (!sheet) throw new Error(`${APL_WORKBOOK} : feuille « APL ${year} » absente`);
	const seen = new Set<string>();
	const number = (text: string, line: AplLine) => {
		if (text.trim() === '') return null;
		const n = Number(text);
		if (!Number.isFinite(n)) throw new Error(`${APL_WORKBOOK}, feuille « APL ${year} », commune ${line.code} : nombre invalide « ${text} »`);
		return n;
	};
	return sheet.lines.map((line) => {
		const code = normalizeCommuneCode(line.code);
		if (!code) throw new Error(`${APL_WORKBOOK}, feuille « APL ${year} » : code commune invalide « ${line.code} »`);
		if (seen.has(code)) throw new Error(`${APL_WORKBOOK}, feuille « APL ${year} » : code ${code} en double`);
		seen.add(code);
		return { code, apl: number(line.apl, line), aplMoins65: number(line.aplMoins65, line), popStd: number(line.popStd, line), popTot: number(line.popTot, line) };
	});
}

/** Long format, one row per COG 2025 commune × year; a commune absent from a year has no row. */
export function buildApl(from: string, cog: Cog, log: (message: string) => void): Table {
	const book = readWorkbook(from);
	const byYear = APL_YEARS.map((year) => {
		const rows = readYear(book, year);
		const { groups, unknown } = remap(cog, rows, (r) => r.code);
		const merged = [...groups.values()].filter((g) => g.length > 1).length;
		log(`APL ${year} : ${rows.length} lignes source, ${merged} communes 2025 issues de fusions, ${unknown.length} codes inconnus${unknown.length ? ` (${unknown.join(' ')})` : ''}`);
		return groups;
	});
	// Communes in code order, years ascending: rows sorted by (code, annee).
	const records = cog.communes.flatMap((commune) =>
		APL_YEARS.flatMap((annee, y) => {
			const parts = byYear[y].get(commune.code);
			if (!parts) return [];
			return [{
				code: commune.code,
				annee,
				apl: weightedRate(parts.map((p) => ({ rate: p.apl, weight: p.popStd }))),
				apl65: weightedRate(parts.map((p) => ({ rate: p.aplMoins65, weight: p.popStd }))),
				popStd: sum(parts.map((p) => p.popStd)),
				popTot: sum(parts.map((p) => p.popTot)),
				n: parts.length
			}];
		})
	);
	return makeTable([
		utf8('code', records.map((r) => r.code)),
		i16('annee', records.map((r) => r.annee)),
		f64('apl_mg', records.map((r) => r.apl)),
		f64('apl_mg_moins65', records.map((r) => r.apl65)),
		f64('pop_standardisee', records.map((r) => r.popStd)),
		i32('pop_totale', records.map((r) => r.popTot)),
		i16('nb_codes_source', records.map((r) => r.n))
	]);
}

/**
 * DREES APL to general practitioners, 2022 and 2023, read from DREES's own workbook (sheets « APL 2022 », « APL 2023 »),
 * each year in the COG of its year, remapped to COG 2025.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { normalizeCommuneCode } from '../../src/lib/territory/insee-code';
import { f64, i16, i32, makeTable, utf8 } from '../lib/arrow';
import { readAplWorkbook, type AplLine, type AplWorkbook } from '../../src/lib/data/imports/apl';
import { readXlsx } from '../../src/lib/data/imports/xlsx';
import { type Cog, type Part, type RemapReport, describeRemap, remapRecord, originOf, partCount, remapSource, sum, weightedRate } from '../lib/cog';

export const APL_YEARS = [2022, 2023] as const;

/**
 * COG each sheet is written in: the 2022 sheet in COG 2022, the 2023 sheet already in COG 2024 (it has Les
 * Hauts-Talican 60694, L'Oie 85165 and Sainte-Florence 85212, re-established on 1 January 2024).
 */
export const APL_COG: Record<(typeof APL_YEARS)[number], number> = { 2022: 2022, 2023: 2024 };

interface AplRow {
	code: string;
	apl: number | null;
	aplMoins65: number | null;
	popStd: number | null;
	popTot: number | null;
}

/** The DREES workbook, read once by the same reader as the import on /donnees (src/lib/data/imports/apl.ts). */
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
export function buildApl(from: string, cog: Cog, log: (message: string) => void, report: RemapReport = () => {}): Table {
	const book = readWorkbook(from);
	const byYear = APL_YEARS.map((year) => {
		const rows = readYear(book, year);
		const remapped = remapSource(cog, rows, (r) => r.code, APL_COG[year]);
		const { groups, unknown, merges, splits } = remapped;
		log(
			`APL ${year} : ${rows.length} lignes source (COG ${APL_COG[year]}), ${merges.length} communes 2025 issues de fusions, ${splits.length} communes scindées, ` +
				`${unknown.length} codes inconnus${unknown.length ? ` (${unknown.join(' ')})` : ''}`
		);
		report(remapRecord(`feuille « APL ${year} »`, APL_COG[year], remapped));
		for (const line of describeRemap(`APL ${year}`, remapped, { splitRates: 'APL recopiée', splitCounts: 'populations partagées au prorata de la population légale 2025', mergeRule: 'populations sommées, APL pondérée par la population standardisée' })) log(line);
		return groups;
	});
	// Communes in code order, years ascending: rows sorted by (code, annee).
	const records = cog.communes.flatMap((commune) =>
		APL_YEARS.flatMap((annee, y) => {
			const parts = byYear[y].get(commune.code);
			if (!parts) return [];
			const popStd = (p: Part<AplRow>) => partCount(p.row.popStd, p.split, false);
			return [{
				code: commune.code,
				annee,
				apl: weightedRate(parts.map((p) => ({ rate: p.row.apl, weight: popStd(p) }))),
				apl65: weightedRate(parts.map((p) => ({ rate: p.row.aplMoins65, weight: popStd(p) }))),
				popStd: sum(parts.map(popStd)),
				popTot: sum(parts.map((p) => partCount(p.row.popTot, p.split, true))),
				n: parts.length,
				origin: originOf(parts)
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
		i16('nb_codes_source', records.map((r) => r.n)),
		utf8('code_origine', records.map((r) => r.origin))
	]);
}

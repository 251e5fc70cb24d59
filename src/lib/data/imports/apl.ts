/**
 * DREES « accessibilité potentielle localisée » (APL) workbooks → `apl_<profession>`: per COG 2025 commune and
 * year, the APL (and, for GPs, the APL to GPs under 65), the standardised and total populations.
 * The workbook as DREES publishes it (data.drees, « 530_l-accessibilite-potentielle-localisee-apl »): a sheet
 * « Paramètres », then one sheet « APL AAAA » per year with title lines, a header row (« Code commune INSEE »,
 * « Commune », « APL aux … », [« APL aux … de moins de 65 ans »], « Population standardisée … », « Population
 * totale … »), a units row, then one line per commune in the COG of that year.
 * The workbook is first written as CSV in the atlas's APL layout (`aplWorkbookCsv`, in a worker in the browser),
 * then read by DuckDB like every official file (`importApl`): codes of merged communes are merged with the
 * pipeline's rule, the APL weighted by the standardised population (DREES: « l'APL communal doit être pondéré
 * par la population standardisée »), populations summed.
 */
import { APL_PROFESSIONS, aplTable, foldText, type AplProfession } from '../../indicators/apl-professions';
import {
	CODES,
	CODE_SQL,
	COMMUNES_TABLE,
	ImportError,
	NUMBER_SQL,
	RAW,
	STAGING,
	mapCodes,
	quote,
	readRaw,
	refuseBadCodes,
	refuseBadNumbers,
	rows,
	scalar,
	writeStaging,
	type ImportReport,
	type ReadContext
} from './import-kit';
import type { XlsxWorkbook } from './xlsx';
import { splitCount } from './splits';

/** One line of a sheet, as written (numbers as text). */
export interface AplLine {
	code: string;
	apl: string;
	aplMoins65: string;
	popStd: string;
	popTot: string;
}

export interface AplWorkbook {
	profession: AplProfession;
	years: { annee: number; sheet: string; lines: AplLine[] }[];
}

const SHEET = /^APL (\d{4})$/;

/** The columns of the atlas's APL layout for a profession: the CSV written from a workbook, recognised by its header. */
export function aplColumns(p: AplProfession): string[] {
	return ['code_commune', 'annee', `apl_${p.slug}`, `apl_${p.slug}_moins65`, 'pop_standardisee', 'pop_totale'];
}

/** Whether a header is the atlas's APL layout of `p`. */
export const isAplHeader = (p: AplProfession) => (columns: readonly string[]) => aplColumns(p).every((c) => columns.includes(c));

/** Reads the « APL AAAA » sheets of a workbook; null when it has none (another workbook). */
export function readAplWorkbook(book: XlsxWorkbook, label: string): AplWorkbook | null {
	const sheets = book.sheets.filter((s) => SHEET.test(s.trim()));
	if (!sheets.length) return null;
	let profession: AplProfession | undefined;
	const years = sheets.map((sheet) => {
		const rowsOf = book.rows(sheet);
		const where = `« ${label} », feuille « ${sheet} »`;
		const at = rowsOf.findIndex((r) => foldText(r[0] ?? '').startsWith('code commune'));
		if (at < 0) throw new ImportError(`${where} : ligne d’en-tête « Code commune INSEE » introuvable.`);
		const header = rowsOf[at].map(foldText);
		const find = (test: (h: string) => boolean) => header.findIndex(test);
		const apl = find((h) => h.startsWith('apl aux ') && !h.includes('moins de 65'));
		const moins65 = find((h) => h.startsWith('apl aux ') && h.includes('moins de 65'));
		const popStd = find((h) => h.startsWith('population standardisee'));
		const popTot = find((h) => h.startsWith('population totale'));
		for (const [index, name] of [
			[apl, 'APL aux …'],
			[popStd, 'Population standardisée …'],
			[popTot, 'Population totale …']
		] as const)
			if (index < 0) throw new ImportError(`${where} : colonne « ${name} » absente de l’en-tête.`);
		const named = header[apl].slice('apl aux '.length);
		const found = APL_PROFESSIONS.find((p) => foldText(p.label) === named);
		if (!found)
			throw new ImportError(
				`${where} : profession « ${rowsOf[at][apl]} » non prise en charge (APL aux ${APL_PROFESSIONS.map((p) => p.label).join(', aux ')}).`
			);
		if (profession && profession !== found) throw new ImportError(`« ${label} » : feuilles de professions différentes (${profession.label}, ${found.label}).`);
		profession = found;
		// The units row under the header, when there is one, says what the APL counts.
		let first = at + 1;
		const units = rowsOf[first];
		if (units && !(units[0] ?? '').trim()) {
			if (!(units[apl] ?? '').toLowerCase().includes(found.unitWord.toLowerCase()))
				throw new ImportError(`${where} : unité inattendue pour l’APL aux ${found.label} (« ${units[apl] ?? ''} » ; attendu : ${found.unit}).`);
			first++;
		}
		const lines = rowsOf
			.slice(first)
			.filter((r) => (r[0] ?? '').trim() !== '')
			.map((r) => ({ code: r[0], apl: r[apl] ?? '', aplMoins65: moins65 < 0 ? '' : (r[moins65] ?? ''), popStd: r[popStd] ?? '', popTot: r[popTot] ?? '' }));
		return { annee: Number(SHEET.exec(sheet.trim())![1]), sheet, lines };
	});
	return { profession: profession!, years };
}

/** The workbook as CSV in the atlas's APL layout (one line per commune and year). */
export function aplWorkbookCsv(book: AplWorkbook): string[][] {
	return [
		aplColumns(book.profession),
		...book.years.flatMap((y) => y.lines.map((l) => [l.code, String(y.annee), l.apl, l.aplMoins65, l.popStd, l.popTot]))
	];
}

/** The atlas's APL layout → `apl_<profession>`: one row per COG 2025 commune and year. */
export function importApl(profession: AplProfession) {
	return async (ctx: ReadContext): Promise<ImportReport> => {
		const { db, label } = ctx;
		const [, annee, apl, moins65, popStd, popTot] = aplColumns(profession);
		const rowsRead = await readRaw(ctx, [`${CODE_SQL('"code_commune"')} AS code`, `"code_commune"`, ...[annee, apl, moins65, popStd, popTot].map(quote)].join(', '));
		await refuseBadCodes(db, label, 'code_commune');
		for (const [column, what] of [
			[annee, 'année'],
			[apl, 'APL'],
			[moins65, 'APL'],
			[popStd, 'population'],
			[popTot, 'population']
		])
			await refuseBadNumbers(ctx, column, what);
		const duplicates = (
			await rows<{ k: string }>(db, `SELECT code || ' (' || ${quote(annee)} || ')' AS k FROM ${RAW} GROUP BY code, ${quote(annee)} HAVING count(*) > 1 ORDER BY k`)
		).map((r) => r.k);
		const missingCells = await scalar(db, `SELECT count(*) FILTER (WHERE ${NUMBER_SQL(quote(apl))} IS NULL) AS n FROM ${RAW}`);
		const mapping = await mapCodes(db, ctx.passage, label, ['rate', 'count']);
		const n = (c: string) => NUMBER_SQL(`m.${quote(c)}`);
		const mapped =
			`SELECT r.*, k.cog, k.share FROM (SELECT * FROM ${RAW} QUALIFY row_number() OVER (PARTITION BY code, ${quote(annee)} ORDER BY line) = 1) r ` +
			`JOIN ${CODES} k ON k.code = r.code`;
		// The APL of a merged commune: Σ apl·pop_standardisee / Σ pop_standardisee over the codes that have one; a split
		// commune's is its former commune's (each weight is its share of the former population).
		const popShare = splitCount(n(popStd), 'm');
		const weighted = (c: string) => `sum(${n(c)} * ${popShare}) FILTER (WHERE ${n(c)} IS NOT NULL) / nullif(sum(${popShare}) FILTER (WHERE ${n(c)} IS NOT NULL), 0)`;
		await db.query(
			`CREATE OR REPLACE TEMP TABLE ${STAGING} AS SELECT cog AS code, ${n(annee)}::SMALLINT AS annee, ${weighted(apl)} AS apl, ${weighted(moins65)} AS apl_moins65, ` +
				`sum(${popShare}) AS pop_standardisee, sum(${splitCount(n(popTot), 'm')}) AS pop_totale FROM (${mapped}) m WHERE cog IS NOT NULL GROUP BY cog, ${n(annee)} ORDER BY cog, annee`
		);
		const years = (await rows<{ annee: number }>(db, `SELECT DISTINCT annee FROM ${STAGING} ORDER BY annee`)).map((r) => Number(r.annee));
		const last = years.at(-1)!;
		await writeStaging(ctx);
		// Communes of the most recent year: a commune absent from an older sheet only is not « absent ».
		const communes = await scalar(db, `SELECT count(*) AS n FROM ${STAGING} WHERE annee = ?`, [last]);
		const absent = (
			await rows<{ code: string }>(db, `SELECT c.code FROM ${COMMUNES_TABLE} c ANTI JOIN (SELECT code FROM ${STAGING} WHERE annee = ?) s ON s.code = c.code ORDER BY c.code`, [last])
		).map((r) => r.code);
		return {
			dataset: `DREES – APL aux ${profession.label}`,
			name: `APL aux ${profession.label}`,
			table: aplTable(profession),
			annee: last,
			rowsRead,
			...mapping,
			communes,
			absent,
			duplicates,
			missingCells,
			notes: [`millésimes ${years.join(', ')} (le plus récent sur la carte)`]
		};
	};
}

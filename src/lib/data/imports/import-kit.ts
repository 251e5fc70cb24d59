/**
 * What every official-file importer shares (`imports.ts` and `formats/*.ts`): the French error, the
 * engine helpers, the SQL fragments that read a cell, and the COG 2025 remap of commune codes.
 * Every name spliced into SQL is a constant of these modules or a header column that matched an
 * expected name exactly; values are bound parameters.
 */
import type { DbConnector, SqlParam } from '../engine/connector';
import { splitCodes, splitReportLine, type ImportSplit, type ValueKind } from './splits';

export { SPLITS_TABLE } from './splits';

/** A file the atlas cannot import; the message is French and names the file. */
export class ImportError extends Error {
	override name = 'ImportError';
}

/** Codes listed in a report before « … ». */
export const LISTED = 10;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Whether bytes are a ZIP archive (an XLSX, ODS, DOCX… or any zip). */
export const isZip = (bytes: Uint8Array) => ZIP_MAGIC.every((b, i) => bytes[i] === b);
/** COG 2025 communes, and every code valid since 2003 → its COG 2025 commune (artefacts of the atlas). */
export const COMMUNES_TABLE = 'communes';
export const PASSAGE_TABLE = 'cog_passage';
/** Staging tables of an import (one import at a time per engine). */
export const RAW = 'import_raw';
export const STAGING = 'import_staging';
export const CODES = 'import_codes';

/** A list capped at LISTED codes, « … » when longer. */
export const listed = (codes: readonly string[]) => codes.slice(0, LISTED).join(', ') + (codes.length > LISTED ? '…' : '');

export const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** What a DuckDB error means for a file, in French, by its kind (DuckDB's messages are English). */
const ENGINE_REASONS: [RegExp, string][] = [
	[/out of memory|allocation failure/i, 'la mémoire du navigateur ne suffit pas pour ce fichier'],
	[/sniff|csv error|unterminated quote|quote|delimiter|expected \d+ (?:columns|values)/i, 'il n’a pas pu être lu comme un tableau CSV (séparateur, guillemets ou nombre de colonnes)'],
	[/unicode|utf-?8|encoding/i, 'son encodage n’est ni UTF-8 ni Latin-1'],
	[/conversion error|could not convert/i, 'une valeur n’a pas le type attendu'],
	[/permission error/i, 'le moteur ne lit que les fichiers déposés dans la page'],
	[/no files found|cannot open file|io error/i, 'le fichier n’a pas pu être ouvert']
];

/**
 * A DuckDB error as a user reads it: the French meaning, then DuckDB's own first line as a detail
 * (on a line of its own), for whoever needs to look further.
 */
export function reason(error: unknown): string {
	const original = (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/^Error: /, '').trim();
	const meaning = ENGINE_REASONS.find(([pattern]) => pattern.test(original))?.[1] ?? 'le moteur DuckDB l’a refusé';
	return `${meaning}.\nDétail (DuckDB) : ${original}`;
}

/** Columns a file may have: wider, it is refused before the engine reads a byte (10,000 columns froze the tab). */
export const MAX_COLUMNS = 500;
/** Bytes a header line may take. */
const MAX_HEADER_BYTES = 256 * 1024;
const HEADER_DELIMITERS = [';', ',', '\t', '|'];

/**
 * Why a file is too wide to read (a French sentence stating the limits), from its first bytes, or null.
 * The columns are those of the delimiter the header has most of, outside double quotes; `sizeLimit`
 * says the size limit too (« 200 Mo par fichier »).
 */
export function widthRefusal(head: Uint8Array, label: string, sizeLimit: string): string | null {
	const bytes = head.subarray(0, MAX_HEADER_BYTES + 1);
	const end = bytes.indexOf(0x0a);
	if (end < 0 && bytes.length > MAX_HEADER_BYTES)
		return `« ${label} » : sa première ligne dépasse ${MAX_HEADER_BYTES / 1024} Kio ; l’atlas lit au plus ${MAX_COLUMNS} colonnes (et ${sizeLimit}).`;
	const line = new TextDecoder('latin1').decode(end < 0 ? bytes : bytes.subarray(0, end));
	const counts = new Map(HEADER_DELIMITERS.map((d) => [d, 0]));
	let quoted = false;
	for (const ch of line) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
	}
	const columns = Math.max(...counts.values()) + 1;
	if (columns <= MAX_COLUMNS) return null;
	return `« ${label} » a ${columns.toLocaleString('fr-FR')} colonnes : l’atlas en lit au plus ${MAX_COLUMNS} (et ${sizeLimit}). Gardez les colonnes utiles dans un tableur, puis importez le fichier réduit.`;
}

export async function rows<T>(db: DbConnector, sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
	return (await db.query(sql, params)).toArray().map((r) => r.toJSON() as T);
}

/** The value of a single-value query (`… AS n`). */
export async function scalar(db: DbConnector, sql: string, params: readonly SqlParam[] = []): Promise<number> {
	const [row] = await rows<{ n: number | bigint | null }>(db, sql, params);
	return Number(row?.n ?? 0);
}

/** A commune code as INSEE writes it after the repairs of normalizeCommuneCode: trimmed, upper-case, leading zero restored. */
export const CODE_SQL = (c: string) => `CASE WHEN regexp_full_match(trim(${c}), '[0-9]{1,4}') THEN lpad(trim(${c}), 5, '0') ELSE upper(trim(${c})) END`;
/** Whether a repaired code has the shape of a commune code. */
export const VALID_CODE_SQL = (c: string) => `regexp_full_match(${c}, '[0-9]{5}|2[AB][0-9]{3}')`;
/** Cells read as missing (secret statistique or blank), never as 0. */
export const MISSING_SQL = (c: string) => `(trim(${c}) = '' OR ${c} IS NULL OR lower(trim(${c})) IN ('s', 'nd', 'na', 'secret'))`;
export const NUMBER_SQL = (c: string) => `TRY_CAST(replace(trim(${c}), ',', '.') AS DOUBLE)`;

/** Line number (header = line 1) given to every row of RAW. */
export const LINE_SQL = 'row_number() OVER () + 1 AS line';

/** How a file's codes met the COG 2025. */
export interface CodeMapping {
	/** Old codes the passage table moved to another COG 2025 code. */
	remapped: string[];
	/** Codes of no COG 2025 commune (not attached anywhere). */
	unknown: string[];
	/** COG 2025 communes made of several codes of the file (merged communes). */
	merged: number;
	/** Former communes of the file shared among the communes re-established since (splits.ts). */
	splits: ImportSplit[];
}

/**
 * Fills CODES (`code, cog, share, origin`) with every distinct `code` of RAW and its COG 2025 commune (null when
 * none): the passage table first (old codes), then the commune itself; a former commune re-established since the
 * file's COG goes to each commune it became, with its share (splits.ts), its columns being of `kinds`.
 * Refuses a file none of whose codes is a commune.
 */
export async function mapCodes(db: DbConnector, passage: boolean, label: string, kinds: readonly ValueKind[]): Promise<CodeMapping> {
	const cog = passage ? `coalesce(p.code, c.code)` : `c.code`;
	const passageJoin = passage ? `LEFT JOIN ${PASSAGE_TABLE} p ON p.code_hist = r.code ` : '';
	await db.query(
		`CREATE OR REPLACE TEMP TABLE ${CODES} AS SELECT r.code, ${cog} AS cog FROM (SELECT DISTINCT code FROM ${RAW}) r ` +
			`${passageJoin}LEFT JOIN ${COMMUNES_TABLE} c ON c.code = r.code`
	);
	const matched = await scalar(db, `SELECT count(*) AS n FROM ${CODES} WHERE cog IS NOT NULL`);
	const unknown = (await rows<{ code: string }>(db, `SELECT code FROM ${CODES} WHERE cog IS NULL ORDER BY code`)).map((r) => r.code);
	if (matched === 0) throw new ImportError(`${label} : aucun code ne correspond à une commune du COG 2025 (${unknown.length} codes lus : ${listed(unknown)})`);
	const remapped = (await rows<{ code: string }>(db, `SELECT code FROM ${CODES} WHERE cog IS NOT NULL AND cog <> code ORDER BY code`)).map((r) => r.code);
	const merged = await scalar(db, `SELECT count(*) AS n FROM (SELECT cog FROM ${CODES} WHERE cog IS NOT NULL GROUP BY cog HAVING count(*) > 1)`);
	const splits = await splitCodes(db, { codes: CODES, communes: COMMUNES_TABLE, kinds, apply: passage });
	return { remapped, unknown, merged, splits };
}

/** Writes STAGING (one row per COG 2025 commune) to the import's table; its communes and the COG 2025 communes it lacks. */
export async function writeStaging(ctx: { db: DbConnector; table: string }): Promise<{ communes: number; absent: string[] }> {
	const communes = await scalar(ctx.db, `SELECT count(*) AS n FROM ${STAGING}`);
	const absent = (await rows<{ code: string }>(ctx.db, `SELECT c.code FROM ${COMMUNES_TABLE} c ANTI JOIN ${STAGING} s ON s.code = c.code ORDER BY c.code`)).map((r) => r.code);
	await ctx.db.query(`CREATE OR REPLACE TABLE ${quote(ctx.table)} AS SELECT * FROM ${STAGING} ORDER BY code`);
	return { communes, absent };
}

/** The first line whose repaired code is not shaped as a commune code: an ImportError. */
export async function refuseBadCodes(db: DbConnector, label: string, column: string): Promise<void> {
	const bad = await rows<{ line: bigint | number; code: string | null }>(
		db,
		`SELECT line, ${quote(column)} AS code FROM ${RAW} WHERE code IS NULL OR NOT ${VALID_CODE_SQL('code')} ORDER BY line LIMIT 1`
	);
	if (bad.length) throw new ImportError(`${label}, ligne ${bad[0].line} : code commune invalide « ${bad[0].code ?? ''} »`);
}

export interface ImportReport {
	/** French title of the dataset the file was recognised as. */
	dataset: string;
	/** Short French name for report lines (« Population par âge »). */
	name: string;
	table: string;
	annee: number;
	rowsRead: number;
	/** COG 2025 communes with data. */
	communes: number;
	/** COG 2025 communes made of several codes of the file (merged communes). */
	merged: number;
	/** Old codes the passage table moved to another COG 2025 code. */
	remapped: string[];
	/** Codes of no COG 2025 commune (not attached anywhere). */
	unknown: string[];
	/** Population (or head count) the unknown codes carry, when the format has one. */
	unknownPopulation?: number;
	/** Keys on more than one line: the first line is kept. */
	duplicates: string[];
	/** Empty or secret (« s ») cells, kept as missing values. */
	missingCells: number;
	/** COG 2025 communes without a line. */
	absent: string[];
	/** Former communes shared among the communes re-established since (reports stored before splits were read have none). */
	splits?: ImportSplit[];
	/** What else the format's reader says (French, one line each). */
	notes: string[];
}

/** The report as French lines (the build log, the data page). */
export function reportLines(report: ImportReport, label: string): string[] {
	const name = `${report.name} ${report.annee}`;
	const lines = [
		`${name} (${label}) : ${report.rowsRead} lignes → ${report.communes} communes 2025, ${report.merged} issues de fusions` +
			(report.notes.length ? ` ; ${report.notes.join(' ; ')}` : '')
	];
	if (report.remapped.length) lines.push(`${name} : ${report.remapped.length} anciens codes rattachés à leur commune 2025 : ${listed(report.remapped)}`);
	for (const split of report.splits ?? []) lines.push(`${name} : ${splitReportLine(split)}`);
	if (report.unknown.length) {
		const carried = report.unknownPopulation === undefined ? '' : ` (${Math.round(report.unknownPopulation)} habitants)`;
		lines.push(`${name} : ${report.unknown.length} codes inconnus du COG 2025, non rattachés${carried} : ${listed(report.unknown)}`);
	}
	if (report.duplicates.length) lines.push(`${name} : ${report.duplicates.length} lignes en double, première ligne gardée : ${listed(report.duplicates)}`);
	if (report.missingCells) lines.push(`${name} : ${report.missingCells} valeurs absentes ou sous secret statistique, gardées comme manquantes`);
	if (report.absent.length) lines.push(`${name} : ${report.absent.length} communes COG 2025 sans ligne : ${listed(report.absent)}`);
	return lines;
}

/** A registered file whose header was read, and where its import goes. */
export interface ReadContext {
	db: DbConnector;
	/** Name the file is registered under. */
	file: string;
	label: string;
	encoding: string;
	delim: string;
	columns: string[];
	/** Remap old codes with `cog_passage`. */
	passage: boolean;
	/** Table written. */
	table: string;
}

/** Fills RAW with `line` and `select` (expressions over the file's columns, all read as text), of the lines kept by `where`. */
export async function readRaw(ctx: ReadContext, select: string, where = 'true'): Promise<number> {
	try {
		await ctx.db.query(
			`CREATE OR REPLACE TEMP TABLE ${RAW} AS SELECT * FROM (SELECT ${LINE_SQL}, ${select}, ${where} AS kept ` +
				`FROM read_csv(?, delim = ?, header = true, all_varchar = true, encoding = ?, quote = '"')) WHERE kept`,
			[ctx.file, ctx.delim, ctx.encoding]
		);
	} catch (error) {
		throw new ImportError(`Lecture impossible de ${ctx.label} : ${reason(error)}`);
	}
	const rowsRead = await scalar(ctx.db, `SELECT count(*) AS n FROM ${RAW}`);
	if (rowsRead === 0) throw new ImportError(`Aucune ligne de données dans ${ctx.label}`);
	return rowsRead;
}

/** The first line of RAW where `column` is neither missing nor a non-negative number (integer when asked): an ImportError. */
export async function refuseBadNumbers(ctx: ReadContext, column: string, what: string, integer = false, shown = column): Promise<void> {
	const c = quote(column);
	const invalid = `${NUMBER_SQL(c)} IS NULL OR ${NUMBER_SQL(c)} < 0` + (integer ? ` OR ${NUMBER_SQL(c)} <> floor(${NUMBER_SQL(c)})` : '');
	const [wrong] = await rows<{ line: bigint | number; v: string }>(ctx.db, `SELECT line, ${c} AS v FROM ${RAW} WHERE NOT ${MISSING_SQL(c)} AND (${invalid}) ORDER BY line LIMIT 1`);
	if (wrong) throw new ImportError(`${ctx.label}, ligne ${wrong.line} : ${what} invalide « ${wrong.v} » dans la colonne « ${shown} »`);
}

/**
 * Any CSV/TSV with a commune, EPCI (SIREN) or département code column, read by DuckDB (`read_csv`, in
 * the worker in the browser) and turned into a table of the user's values on COG 2025 territories:
 * counts summed, rates weighted by the population or by a weight column (ratio of sums).
 * Encoding (UTF-8, else Latin-1/Windows-1252) and delimiter (`;` `,` tab `|`) are detected on the first
 * bytes; decimal commas, codes that lost their leading zero, 2A/2B and old codes (cog_passage) are
 * repaired and counted in the report. Columns are renamed `c0…cN` at reading: no header text of the
 * file ever enters the SQL; values are bound parameters.
 */
import { IMPORT_DIR, type DbConnector, type FileDb } from '../engine/connector';
import { COMMUNES_TABLE, ImportError, MISSING_SQL, PASSAGE_TABLE, isZip, listed, reason, rows, scalar, widthRefusal } from './import-kit';
import { IMPORT_LIMIT, sizeRefusal } from './imports';
import { workbookToCsv } from './workbook';
import { SPLITS_TABLE, splitCodes, splitCount, splitReportLine, type ImportSplit } from './splits';
import { CODE_LEVEL_LABELS, valueColumns, type CodeLevel, type UserFileSpec } from '../../indicators/user';

export type Encoding = 'utf-8' | 'latin-1';

/** How the engine should read a file, decided on its first bytes. */
export interface CsvDialect {
	encoding: Encoding;
	delimiter: string;
	/** Header names, as written in the file. */
	columns: string[];
}

/** For a workbook: the sheet read, and every sheet with a header row (the user may choose another). */
export interface WorkbookSheets {
	sheet: string;
	sheets: string[];
}

export interface FilePreview extends CsvDialect {
	/** The sheet read and those that could be, for an XLSX workbook. */
	workbook?: WorkbookSheets;
	/** First rows, as text. */
	sample: (string | null)[][];
	/** Columns whose values are mostly codes of a level (most matched first). */
	codeColumns: { column: number; level: CodeLevel; matched: number; share: number }[];
	/** Columns whose sampled values are all numbers or missing. */
	numericColumns: number[];
}

export interface GenericReport {
	dataset: string;
	level: CodeLevel;
	encoding: Encoding;
	delimiter: string;
	rowsRead: number;
	/** COG 2025 territories with a line. */
	territories: number;
	/** Codes given back their leading zero (46102 written 4 6102 → « 6102 » → « 06102 »…). */
	padded: number;
	remapped: string[];
	unknown: string[];
	duplicates: string[];
	/** Lines without a code (totals, blank lines): skipped. */
	noCode: number;
	missingCells: number;
	/** Cells written with a decimal comma. */
	decimalCommas: number;
	/** The sheet read, for a workbook (reports written before workbooks were read have none). */
	sheet?: string;
	/** Former communes shared among the communes re-established since (reports written before splits were read have none). */
	splits?: ImportSplit[];
}

/** How far an import is, for the progress bar: `fraction` from 0 to 1, `stage` in French. */
export interface ImportProgress {
	fraction: number;
	stage: string;
}
export type OnProgress = (progress: ImportProgress) => void;

export const DELIMITER_LABELS: Record<string, string> = { ';': 'point-virgule', ',': 'virgule', '\t': 'tabulation', '|': 'barre verticale' };
const DELIMITERS = Object.keys(DELIMITER_LABELS);
/** Bytes read on the main thread to decide the encoding and the delimiter. */
const SAMPLE_BYTES = 256 * 1024;
const SAMPLE_ROWS = 1000;

/** A number as spreadsheets write it: decimal comma, spaces (also non-breaking) between thousands. */
const NUMBER = (c: string) => `TRY_CAST(replace(replace(replace(replace(${c}, ' ', ''), '\u00a0', ''), '\u202f', ''), ',', '.') AS DOUBLE)`;
/** A code cell as given, only trimmed and upper-cased (to count the codes repaired). */
const GIVEN = (c: string) => `upper(replace(trim(${c}), ' ', ''))`;

const RAW = 'generic_raw';
const CODED = 'generic_coded';
const PARSED = 'generic_parsed';
const FIRST = 'generic_first';
/** Each code of the file and its COG 2025 territory (`code, cog, share, origin`: splits.ts). */
const CODES = 'generic_codes';

/** Magic numbers of formats that are not text. */
const BINARY: [number[], string][] = [
	[[0xd0, 0xcf, 0x11, 0xe0], 'un classeur Excel 97-2003 (XLS) : enregistrez la feuille au format CSV ou XLSX'],
	[[0x25, 0x50, 0x44, 0x46], 'un document PDF'],
	[[0x1f, 0x8b], 'une archive gzip'],
	[[0x89, 0x50, 0x4e, 0x47], 'une image PNG']
];

/**
 * An XLSX workbook as the CSV of `sheet`, or of its first sheet with data (workbook.ts, in a worker in
 * the browser), with what was read (`note`) and the sheets it could be read from; other files as they are.
 */
async function asCsv(bytes: Uint8Array, label: string, sheet?: string): Promise<{ bytes: Uint8Array; note?: string; workbook?: WorkbookSheets }> {
	if (!isZip(bytes)) return { bytes };
	const read = await workbookToCsv(bytes, label, sheet);
	return { bytes: read.csv, note: read.note, workbook: read.sheet === undefined ? undefined : { sheet: read.sheet, sheets: read.sheets } };
}

/** Encoding, delimiter and header of a file, from its first bytes (a cheap look: the engine reads the rest). */
export function detectDialect(bytes: Uint8Array, label: string): CsvDialect {
	if (bytes.byteLength === 0) throw new ImportError(`Fichier vide : ${label}`);
	for (const [magic, what] of BINARY)
		if (magic.every((b, i) => bytes[i] === b)) throw new ImportError(`« ${label} » n’est pas un fichier texte CSV : c’est ${what}.`);
	let head = bytes.subarray(0, SAMPLE_BYTES);
	if (head.includes(0)) throw new ImportError(`« ${label} » n’est pas un fichier texte CSV (octets binaires).`);
	const tooWide = widthRefusal(bytes, label, `${IMPORT_LIMIT.label} par fichier`);
	if (tooWide) throw new ImportError(tooWide);
	// A sample cut inside a UTF-8 sequence is not invalid UTF-8: decode up to its last line break.
	if (bytes.byteLength > SAMPLE_BYTES) head = head.subarray(0, Math.max(head.lastIndexOf(0x0a), 1));
	let encoding: Encoding = 'utf-8';
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(head);
	} catch {
		encoding = 'latin-1';
		text = new TextDecoder('windows-1252').decode(head);
	}
	const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
	const counts = DELIMITERS.map((d) => splitLine(header, d).length - 1);
	const best = Math.max(...counts);
	if (best === 0) throw new ImportError(`« ${label} » : aucune colonne séparée par « ; », « , », une tabulation ou « | » dans la première ligne.`);
	const delimiter = DELIMITERS[counts.indexOf(best)];
	const columns = splitLine(header, delimiter).map((c) => c.trim());
	return { encoding, delimiter, columns };
}

/** Fields of one CSV line (quotes honoured). */
function splitLine(line: string, delimiter: string): string[] {
	const out: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i];
		if (quoted) {
			if (ch === '"' && line[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === delimiter) {
			out.push(field);
			field = '';
		} else field += ch;
	}
	out.push(field);
	return out;
}

/** `c0, c1…`: the names the engine gives the columns (never the file's header). */
const names = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);

function readCsv(dialect: CsvDialect, encoding: Encoding): string {
	// Constants only: the delimiter is one of DELIMITERS, the names are c0…cN.
	const delim = dialect.delimiter === '\t' ? '\\t' : dialect.delimiter;
	const columns = names(dialect.columns.length)
		.map((n) => `'${n}': 'VARCHAR'`)
		.join(', ');
	// The dialect is known (detectDialect): DuckDB's sniffer is not run, so a header or cells full of
	// markup, quotes or odd widths are read as the text they are.
	return `read_csv(?, auto_detect = false, delim = '${delim}', quote = '"', escape = '"', header = false, skip = 1, columns = {${columns}}, encoding = '${encoding}', null_padding = true)`;
}

/** Code of a level as the atlas writes it, from a cell (trimmed, upper-case, leading zero restored). */
function codeSql(c: string, level: CodeLevel): string {
	const t = GIVEN(c);
	switch (level) {
		case 'commune':
			return `CASE WHEN regexp_full_match(${t}, '[0-9]{4}') THEN lpad(${t}, 5, '0') ELSE ${t} END`;
		case 'departement':
			return `CASE WHEN regexp_full_match(${t}, '[0-9]') THEN lpad(${t}, 2, '0') ELSE ${t} END`;
		case 'epci':
			return t;
	}
}

/** The COG 2025 code of a normalised code, by level (passage: old commune codes → their 2025 commune). */
function mappedJoin(level: CodeLevel, passage: boolean): { cog: string; join: string } {
	if (level === 'commune')
		return passage
			? { cog: 'coalesce(p.code, t.code)', join: `LEFT JOIN ${PASSAGE_TABLE} p ON p.code_hist = r.code LEFT JOIN ${COMMUNES_TABLE} t ON t.code = r.code` }
			: { cog: 't.code', join: `LEFT JOIN ${COMMUNES_TABLE} t ON t.code = r.code` };
	return { cog: 't.code', join: `LEFT JOIN ${level === 'epci' ? 'epci' : 'departements'} t ON t.code = r.code` };
}

/** Tables a generic import joins on, by level. */
export function genericTables(level: CodeLevel | null, passage: boolean): string[] {
	if (level === 'epci') return [COMMUNES_TABLE, 'epci'];
	if (level === 'departement') return [COMMUNES_TABLE, 'departements'];
	return passage ? [COMMUNES_TABLE, PASSAGE_TABLE, SPLITS_TABLE, 'epci', 'departements'] : [COMMUNES_TABLE, 'epci', 'departements'];
}

async function withFile<T>(db: FileDb, bytes: Uint8Array, label: string, run: (file: string) => Promise<T>): Promise<T> {
	const refusal = sizeRefusal(bytes.byteLength, label);
	if (refusal) throw new ImportError(refusal);
	const file = `${IMPORT_DIR}generic-${label.replace(/[^\w.-]+/g, '_').slice(-80)}`;
	await db.registerFile(file, bytes);
	try {
		return await run(file);
	} finally {
		await db.query(`DROP TABLE IF EXISTS ${RAW}`);
		for (const table of [CODED, PARSED, FIRST, CODES]) await db.query(`DROP TABLE IF EXISTS ${table}`);
		await db.dropFile(file);
	}
}

/** Reads the file into RAW (all text), UTF-8 first when the sample said so, then Latin-1. */
async function readRaw(db: DbConnector, file: string, dialect: CsvDialect, label: string, limit: number | null): Promise<Encoding> {
	const encodings: Encoding[] = dialect.encoding === 'utf-8' ? ['utf-8', 'latin-1'] : ['latin-1'];
	let first: unknown;
	for (const encoding of encodings) {
		try {
			await db.query(
				// File order is kept (DuckDB preserves insertion order): a line's number is its rowid + 2 (header, 1-based).
				`CREATE OR REPLACE TEMP TABLE ${RAW} AS SELECT * FROM ` +
					(limit === null ? readCsv(dialect, encoding) : `(SELECT * FROM ${readCsv(dialect, encoding)} LIMIT ${Math.floor(limit)})`),
				[file]
			);
			return encoding;
		} catch (error) {
			first ??= error;
		}
	}
	throw new ImportError(`Lecture impossible de ${label} : ${reason(first)}`);
}

/** The first rows of a file and the columns that look like territory codes or numbers, for the import form. */
export async function previewGenericFile(db: FileDb, given: Uint8Array, label: string, { passage = true, sheet }: { passage?: boolean; sheet?: string } = {}): Promise<FilePreview> {
	const { bytes, workbook } = await asCsv(given, label, sheet);
	const dialect = detectDialect(bytes, label);
	return withFile(db, bytes, label, async (file) => {
		const encoding = await readRaw(db, file, dialect, label, SAMPLE_ROWS);
		const n = dialect.columns.length;
		const sample = (await rows<Record<string, string | null>>(db, `SELECT * FROM ${RAW} ORDER BY rowid LIMIT 5`)).map((r) => names(n).map((c) => r[c] ?? null));
		const stats = await rows<{ col: string; n: number | bigint; numeric: number | bigint; commune: number | bigint; epci: number | bigint; departement: number | bigint }>(
			db,
			`WITH u AS (UNPIVOT (SELECT * FROM ${RAW}) ON COLUMNS(*) INTO NAME col VALUE v)
			SELECT col, count(*) AS n,
				count(*) FILTER (WHERE ${MISSING_SQL('v')} OR ${NUMBER('v')} IS NOT NULL) AS numeric,
				count(*) FILTER (WHERE ${codeSql('v', 'commune')} IN (SELECT code FROM ${COMMUNES_TABLE})${passage ? ` OR ${codeSql('v', 'commune')} IN (SELECT code_hist FROM ${PASSAGE_TABLE})` : ''}) AS commune,
				count(*) FILTER (WHERE ${codeSql('v', 'epci')} IN (SELECT code FROM epci)) AS epci,
				count(*) FILTER (WHERE ${codeSql('v', 'departement')} IN (SELECT code FROM departements)) AS departement
			FROM u WHERE NOT ${MISSING_SQL('v')} GROUP BY col`
		);
		const codeColumns: FilePreview['codeColumns'] = [];
		const numericColumns: number[] = [];
		for (const s of stats) {
			const column = Number(s.col.slice(1));
			const total = Number(s.n);
			if (total > 0 && Number(s.numeric) === total) numericColumns.push(column);
			const levels: CodeLevel[] = ['commune', 'epci', 'departement'];
			const best = levels.map((level) => ({ level, matched: Number(s[level]) })).sort((a, b) => b.matched - a.matched)[0];
			if (total > 0 && best.matched / total >= 0.5) codeColumns.push({ column, level: best.level, matched: best.matched, share: best.matched / total });
		}
		codeColumns.sort((a, b) => b.share - a.share || b.matched - a.matched || a.column - b.column);
		return { ...dialect, encoding, sample, codeColumns, numericColumns: numericColumns.sort((a, b) => a - b), ...(workbook ? { workbook } : {}) };
	});
}

/** Said when no column of a file looks like territory codes. */
export const noCodeColumn = (label: string) =>
	`« ${label} » : aucune colonne de codes de commune (INSEE), d’EPCI (SIREN) ou de département n’a été reconnue dans les premières lignes. Vérifiez le fichier, ou choisissez la colonne des codes vous-même.`;

/** Why a spec cannot be applied to a file's columns, in French; null when it can. */
export function specProblem(spec: UserFileSpec, columns: readonly string[]): string | null {
	const inRange = (c: number) => Number.isInteger(c) && c >= 0 && c < columns.length;
	if (!inRange(spec.codeColumn)) return 'Choisissez la colonne des codes.';
	if (!spec.name.trim()) return 'Donnez un nom à ce jeu de données.';
	if (spec.values.length === 0) return 'Choisissez au moins une colonne de valeurs.';
	for (const v of spec.values) {
		if (!inRange(v.column) || v.column === spec.codeColumn) return `Colonne de valeurs invalide : « ${columns[v.column] ?? v.column} ».`;
		if (v.kind === 'rate' && v.weight !== 'population' && (!inRange(v.weight) || v.weight === spec.codeColumn)) return `Poids invalide pour « ${v.label} ».`;
	}
	return null;
}

/**
 * Imports a user's file into `table` (code, v1_num, v1_den…) as `spec` says; refused with a French
 * ImportError (nothing written) when a value column holds text, no line carries a known code, or the
 * file cannot be read. The engine must hold `communes` and the tables of `genericTables(level)`.
 */
export async function importGenericFile(db: FileDb, given: Uint8Array, label: string, spec: UserFileSpec, table: string, { passage = true, progress }: { passage?: boolean; progress?: OnProgress } = {}): Promise<GenericReport> {
	const { bytes, note } = await asCsv(given, label, spec.sheet);
	const dialect = detectDialect(bytes, label);
	const problem = specProblem(spec, dialect.columns);
	if (problem) throw new ImportError(`${label} : ${problem}`);
	return withFile(db, bytes, label, async (file) => {
		progress?.({ fraction: 0.35, stage: 'Lecture du fichier par le moteur de données' });
		const encoding = await readRaw(db, file, dialect, label, null);
		progress?.({ fraction: 0.6, stage: 'Contrôle des valeurs' });
		const rowsRead = await scalar(db, `SELECT count(*) AS n FROM ${RAW}`);
		if (rowsRead === 0) throw new ImportError(`Aucune ligne de données dans ${label}`);
		const code = `c${spec.codeColumn}`;
		const numbers = [...new Set(spec.values.flatMap((v) => [v.column, ...(v.kind === 'rate' && v.weight !== 'population' ? [v.weight] : [])]))];

		// Each number parsed once; the raw cells stay beside for the checks (evaluated only where a number failed).
		await db.query(
			`CREATE OR REPLACE TEMP TABLE ${PARSED} AS SELECT rowid + 2 AS line, ${codeSql(code, spec.level)} AS code, ${MISSING_SQL(code)} AS no_code, ${GIVEN(code)} AS given, ` +
				numbers.map((c) => `c${c}, ${NUMBER(`c${c}`)} AS n${c}`).join(', ') +
				` FROM ${RAW}`
		);
		await db.query(`DROP TABLE IF EXISTS ${RAW}`);
		// Text in a numeric column: the first such line of each column, and the missing cells, among the lines
		// where a number failed (few: string checks run on them only); then the counts of the whole file.
		const [failed] = await rows<Record<string, number | bigint | null>>(
			db,
			`SELECT ${numbers.map((c) => `min(line) FILTER (WHERE n${c} IS NULL AND NOT ${MISSING_SQL(`c${c}`)}) AS b${c}`).join(', ')},
				${numbers.map((c) => `count_if(n${c} IS NULL AND ${MISSING_SQL(`c${c}`)})`).join(' + ')} AS missing
			FROM ${PARSED} WHERE ${numbers.map((c) => `n${c} IS NULL`).join(' OR ')}`
		);
		const [counts] = await rows<Record<string, number | bigint | null>>(
			db,
			`SELECT ${numbers.map((c) => `count_if(contains(c${c}, ','))`).join(' + ')} AS commas, count_if(no_code) AS no_code, count_if(NOT no_code AND code <> given) AS padded FROM ${PARSED}`
		);
		const stats = { ...failed, ...counts };
		const bad = numbers.map((c) => ({ c, line: stats?.[`b${c}`] })).filter((b) => b.line !== null && b.line !== undefined);
		if (bad.length) {
			const { c, line } = bad.sort((a, b) => Number(a.line) - Number(b.line))[0];
			const [cell] = await rows<{ v: string }>(db, `SELECT c${c} AS v FROM ${PARSED} WHERE line = ?`, [Number(line)]);
			throw new ImportError(`${label}, ligne ${line} : valeur non numérique « ${cell?.v ?? ''} » dans la colonne « ${dialect.columns[c]} » (attendu : un nombre, ou vide)`);
		}
		const { missing, commas, no_code, padded } = stats ?? {};

		progress?.({ fraction: 0.7, stage: 'Rattachement des codes aux territoires 2025' });
		// One line per code (the first).
		await db.query(`CREATE OR REPLACE TEMP TABLE ${FIRST} AS SELECT code, min(line) AS line, count(*) AS n FROM ${PARSED} WHERE NOT no_code GROUP BY code`);
		await db.query(
			`CREATE OR REPLACE TEMP TABLE ${CODED} AS SELECT p.line, p.code, ${numbers.map((c) => `p.n${c}`).join(', ')} FROM ${PARSED} p SEMI JOIN ${FIRST} f ON f.line = p.line`
		);
		const duplicates = (await rows<{ code: string }>(db, `SELECT code FROM ${FIRST} WHERE n > 1 ORDER BY code`)).map((r) => r.code);
		await db.query(`DROP TABLE IF EXISTS ${PARSED}`);
		const remap = passage && spec.level === 'commune';
		const { cog, join } = mappedJoin(spec.level, remap);
		await db.query(`CREATE OR REPLACE TEMP TABLE ${CODES} AS SELECT r.code, ${cog} AS cog FROM ${CODED} r ${join}`);
		const unknown = (await rows<{ code: string }>(db, `SELECT code FROM ${CODES} WHERE cog IS NULL ORDER BY code`)).map((r) => r.code);
		const remapped = (await rows<{ code: string }>(db, `SELECT code FROM ${CODES} WHERE cog IS NOT NULL AND cog <> code ORDER BY code`)).map((r) => r.code);
		if ((await scalar(db, `SELECT count(*) AS n FROM ${CODES} WHERE cog IS NOT NULL`)) === 0)
			throw new ImportError(
				`${label} : aucun code de la colonne « ${dialect.columns[spec.codeColumn]} » n’est un code de ${CODE_LEVEL_LABELS[spec.level]} connu (par exemple « ${unknown[0] ?? ''} »).`
			);

		const splits = await splitCodes(db, { codes: CODES, communes: COMMUNES_TABLE, kinds: spec.values.map((v) => v.kind), apply: remap });
		const mapped = `SELECT r.*, k.cog, k.share FROM ${CODED} r JOIN ${CODES} k ON k.code = r.code`;

		progress?.({ fraction: 0.85, stage: 'Agrégation (effectifs sommés, taux pondérés)' });
		// The population of each territory, for rates weighted by it.
		const population =
			spec.level === 'commune'
				? `SELECT code AS k, greatest(coalesce(population, 0), 1) AS pop FROM ${COMMUNES_TABLE}`
				: `SELECT ${spec.level === 'epci' ? 'epci' : 'dep'} AS k, sum(greatest(coalesce(population, 0), 1)) AS pop FROM ${COMMUNES_TABLE} GROUP BY 1`;
		const columns = spec.values.map((v, i) => {
			const { num, den } = valueColumns(i);
			const x = `m.n${v.column}`;
			// A commune re-established since the file's COG: its share of the former commune's count, and of a rate's weight.
			if (v.kind === 'count') return `sum(${splitCount(x, 'm')}) AS ${num}, NULL::DOUBLE AS ${den}`;
			// Equal weight to each line of a merged commune, the territory's population as the weight.
			if (v.weight === 'population') return `avg(${x}) * any_value(w.pop) AS ${num}, CASE WHEN count(${x}) > 0 THEN any_value(w.pop) END AS ${den}`;
			const y = splitCount(`m.n${v.weight}`, 'm');
			return `sum(${x} * ${y}) AS ${num}, sum(CASE WHEN ${x} IS NOT NULL THEN ${y} END) AS ${den}`;
		});
		// Written under the name given (the caller's candidate): every check is behind.
		await db.query(
			`CREATE OR REPLACE TABLE ${table} AS SELECT m.cog AS code, ${columns.join(', ')}
			FROM (${mapped}) m LEFT JOIN (${population}) w ON w.k = m.cog WHERE m.cog IS NOT NULL GROUP BY m.cog ORDER BY m.cog`
		);
		const territories = await scalar(db, `SELECT count(*) AS n FROM ${table}`);
		return {
			dataset: spec.name.trim(),
			level: spec.level,
			encoding,
			delimiter: dialect.delimiter,
			rowsRead,
			territories,
			padded: Number(padded),
			remapped,
			unknown,
			duplicates,
			noCode: Number(no_code),
			missingCells: Number(missing),
			decimalCommas: Number(commas),
			splits,
			...(note ? { sheet: note } : {})
		};
	});
}

/** The report as French lines. */
export function genericReportLines(report: GenericReport, label: string): string[] {
	const name = `${report.dataset} (${label})`;
	const lines = [
		`${name} : ${report.rowsRead} lignes lues (${report.encoding === 'utf-8' ? 'UTF-8' : 'Latin-1 / Windows-1252'}, séparateur ${DELIMITER_LABELS[report.delimiter] ?? report.delimiter}) → ${report.territories} ${CODE_LEVEL_LABELS[report.level]} 2025`
	];
	if (report.sheet) lines.push(`Classeur XLSX : ${report.sheet}`);
	if (report.padded) lines.push(`${report.padded} codes sans leur zéro initial, complétés`);
	if (report.remapped.length) lines.push(`${report.remapped.length} anciens codes rattachés à leur commune 2025 : ${listed(report.remapped)}`);
	for (const split of report.splits ?? []) lines.push(splitReportLine(split));
	if (report.unknown.length) lines.push(`${report.unknown.length} codes inconnus du COG 2025, non rattachés : ${listed(report.unknown)}`);
	if (report.duplicates.length) lines.push(`${report.duplicates.length} codes en double, première ligne gardée : ${listed(report.duplicates)}`);
	if (report.noCode) lines.push(`${report.noCode} lignes sans code ignorées`);
	if (report.decimalCommas) lines.push(`${report.decimalCommas} nombres à virgule décimale lus`);
	if (report.missingCells) lines.push(`${report.missingCells} valeurs vides ou sous secret statistique, gardées manquantes`);
	return lines;
}

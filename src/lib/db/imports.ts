/**
 * Official files read by DuckDB (`read_csv`) and turned into tables of the atlas with the COG 2025
 * rules, by one code path for the pipeline (Node engine) and the browser (duckdb-wasm worker):
 * the file is registered with the engine, parsed there, never on the main thread.
 *
 * Today: INSEE « base-cc-evol-struct-pop » → `population_ages` (counts of merged communes summed).
 * Every name spliced into the SQL is either a constant of this module or a header column that
 * matched an expected name exactly (`P21_POP0014`…); values are bound parameters.
 */
import type { DbConnector, FileDb, SqlParam } from './connector';
import { AGE_BANDS, POPULATION_AGES_TABLE, ageColumn, menColumn, womenColumn } from '../portrait/age-bands';

/** Files above this size are refused before a byte is read. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
export const MAX_IMPORT_LABEL = '200 Mo';
/** Codes listed in a report before « … ». */
export const LISTED = 10;
/** COG 2025 communes, and every code valid since 2003 → its COG 2025 commune (artefacts of the atlas). */
export const COMMUNES_TABLE = 'communes';
export const PASSAGE_TABLE = 'cog_passage';

/** A file the atlas cannot import; the message is French and names the file. */
export class ImportError extends Error {
	override name = 'ImportError';
}

/** A readable file whose header is of no official layout: the page then offers the generic import. */
export class UnknownFormatError extends ImportError {
	override name = 'UnknownFormatError';
}

export interface PopulationAgesLayout {
	/** Census year: the most recent `PAA_POP` column. */
	annee: number;
	/** Earlier censuses the file also carries (ignored). */
	older: number[];
	/** Whether the file has the columns by sex (all of them). */
	bySex: boolean;
	/** Source column of each artefact count column, in POPULATION_AGES_COUNTS order (null: absent, by sex). */
	sources: (string | null)[];
}

/** Count columns of `population_ages`, in order. */
export const POPULATION_AGES_COUNTS = ['pop', ...AGE_BANDS.map(ageColumn), ...AGE_BANDS.map(menColumn), ...AGE_BANDS.map(womenColumn)];

/** Census years of a header, most recent first: `P21_POP` → 2021 (files of the 2000s may carry P99_). */
function censusYears(columns: readonly string[]): number[] {
	const years = columns.flatMap((c) => {
		const yy = /^P(\d{2})_POP$/.exec(c)?.[1];
		return yy === undefined ? [] : [Number(yy) >= 90 ? 1900 + Number(yy) : 2000 + Number(yy)];
	});
	return years.sort((a, b) => b - a);
}

/** Whether a header is the one of base-cc-evol-struct-pop: `CODGEO` and at least one `PAA_POP`. */
export function isPopulationAgesHeader(columns: readonly string[]): boolean {
	return columns.includes('CODGEO') && censusYears(columns).length > 0;
}

/** The layout of a base-cc-evol-struct-pop header; an ImportError naming `label` when a column is missing. */
export function populationAgesLayout(columns: readonly string[], label: string): PopulationAgesLayout {
	if (!columns.includes('CODGEO')) throw new ImportError(`Colonne « CODGEO » absente de ${label}`);
	const [annee, ...older] = censusYears(columns);
	if (annee === undefined) throw new ImportError(`Millésime introuvable dans ${label} : aucune colonne « PAA_POP » (par exemple P21_POP)`);
	const p = `P${String(annee).slice(2)}_`;
	const ages = [`${p}POP`, ...AGE_BANDS.map((b) => `${p}POP${b.insee}`)];
	const sex = [...AGE_BANDS.map((b) => `${p}H${b.insee}`), ...AGE_BANDS.map((b) => `${p}F${b.insee}`)];
	const present = new Set(columns);
	const require = (names: readonly string[]) => {
		const missing = names.find((c) => !present.has(c));
		if (missing) throw new ImportError(`Colonne « ${missing} » absente de ${label}`);
	};
	require(ages);
	// Sex is optional as a whole (a trimmed extract may drop it), never column by column.
	const bySex = sex.some((c) => present.has(c));
	if (bySex) require(sex);
	return { annee, older, bySex, sources: [...ages, ...sex.map((c) => (bySex ? c : null))] };
}

export interface ImportReport {
	/** French title of the dataset the file was recognised as. */
	dataset: string;
	table: string;
	annee: number;
	rowsRead: number;
	/** COG 2025 communes with data. */
	communes: number;
	/** COG 2025 communes made of several lines of the file (merged communes). */
	merged: number;
	/** Old codes the passage table moved to another COG 2025 code. */
	remapped: string[];
	/** Codes of no COG 2025 commune, with the population they carry (not attached anywhere). */
	unknown: string[];
	unknownPopulation: number;
	/** Codes on more than one line: the first line is kept. */
	duplicates: string[];
	/** Empty or secret (« s ») cells, kept as missing values. */
	missingCells: number;
	/** COG 2025 communes without a line. */
	absent: string[];
	bySex: boolean;
	older: number[];
}

/** A list capped at LISTED codes, « … » when longer. */
export const listed = (codes: readonly string[]) => codes.slice(0, LISTED).join(', ') + (codes.length > LISTED ? '…' : '');

export const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** French message of a DuckDB error, without its stack. */
export function reason(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/^[A-Za-z ]*Error: /, '');
}

export async function rows<T>(db: DbConnector, sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
	return (await db.query(sql, params)).toArray().map((r) => r.toJSON() as T);
}

const RAW = 'import_raw';
const STAGING = 'import_staging';
/** Code as INSEE writes it after the repairs of normalizeCommuneCode: trimmed, upper-case, leading zero restored. */
const CODE_SQL = `CASE WHEN regexp_full_match(trim("CODGEO"), '[0-9]{1,4}') THEN lpad(trim("CODGEO"), 5, '0') ELSE upper(trim("CODGEO")) END`;
/** Cells read as missing (secret statistique or blank), never as 0. */
export const MISSING_SQL = (c: string) => `(trim(${c}) = '' OR ${c} IS NULL OR lower(trim(${c})) IN ('s', 'nd', 'na', 'secret'))`;
export const NUMBER_SQL = (c: string) => `TRY_CAST(replace(trim(${c}), ',', '.') AS DOUBLE)`;

/**
 * Reads the header of a registered CSV; tries UTF-8, then Latin-1 (spreadsheet exports).
 * DuckDB's sniffer reads a sample only: a file of another format is refused before being read in full.
 */
async function sniff(db: DbConnector, file: string, label: string): Promise<{ columns: string[]; encoding: string }> {
	let first: unknown;
	for (const encoding of ['utf-8', 'latin-1']) {
		try {
			const described = await rows<{ column_name: string }>(
				db,
				`DESCRIBE SELECT * FROM read_csv(?, delim = ';', header = true, all_varchar = true, encoding = ?)`,
				[file, encoding]
			);
			return { columns: described.map((d) => d.column_name.trim()), encoding };
		} catch (error) {
			first ??= error;
		}
	}
	throw new ImportError(`Fichier illisible comme CSV « ; » : ${label} (${reason(first)})`);
}

/** The number of rows of a single-value query. */
export async function scalar(db: DbConnector, sql: string, params: readonly SqlParam[] = []): Promise<number> {
	const [row] = await rows<{ n: number | bigint | null }>(db, sql, params);
	return Number(row?.n ?? 0);
}

/** The official layouts the atlas recognises by their header. */
export const OFFICIAL_FORMATS = [
	{
		table: POPULATION_AGES_TABLE,
		label: 'INSEE « base-cc-evol-struct-pop » (population par âge et sexe, base communale)',
		header: 'CODGEO ; P21_POP ; P21_POP0014 … P21_POP90P (et P21_H…, P21_F…)',
		recognise: isPopulationAgesHeader
	}
] as const;

export type OfficialTable = (typeof OFFICIAL_FORMATS)[number]['table'];

export interface ImportOptions {
	/** Remap old codes with `cog_passage` (the engine holds it). */
	passage?: boolean;
	/** Table written; the format's own table by default. */
	table?: string;
	/** Read the file as this format, whatever its header (the pipeline knows what each folder holds). */
	format?: OfficialTable;
}

/** Refusals decided on the size alone, before reading a byte (the browser checks `File.size`). */
export function sizeRefusal(bytes: number, label: string): string | null {
	if (bytes === 0) return `Fichier vide : ${label}`;
	if (bytes > MAX_IMPORT_BYTES) return `Fichier trop volumineux : ${label} (${Math.round(bytes / 1024 / 1024)} Mo ; limite ${MAX_IMPORT_LABEL})`;
	return null;
}

/**
 * Imports an official file into its table (`population_ages`…), replacing the table only when the whole
 * file is valid: on any error the tables of the engine are as they were.
 * The engine must hold `communes` (and `cog_passage`, when `passage` is true, to remap old codes).
 */
export async function importOfficialFile(db: FileDb, bytes: Uint8Array, label: string, { passage = true, table, format }: ImportOptions = {}): Promise<ImportReport> {
	const refusal = sizeRefusal(bytes.byteLength, label);
	if (refusal) throw new ImportError(refusal);
	const file = `import-${label.replace(/[^\w.-]+/g, '_').slice(-80)}`;
	await db.registerFile(file, bytes);
	try {
		const { columns, encoding } = await sniff(db, file, label);
		const known = format ?? OFFICIAL_FORMATS.find((f) => f.recognise(columns))?.table;
		if (!known) {
			const shown = columns.slice(0, 6).join(' ; ') + (columns.length > 6 ? ' …' : '');
			throw new UnknownFormatError(
				`Format non reconnu : ${label}. En-tête lu : « ${shown} ». Formats acceptés : ` + OFFICIAL_FORMATS.map((f) => `${f.label}, en-tête ${f.header}`).join(' ; ')
			);
		}
		const layout = populationAgesLayout(columns, label);
		// The report names the dataset's table, whatever table was written.
		return { ...(await build(db, file, encoding, layout, label, passage, table ?? known)), table: known };
	} finally {
		await db.query(`DROP TABLE IF EXISTS ${RAW}`);
		await db.query(`DROP TABLE IF EXISTS ${STAGING}`);
		await db.dropFile(file);
	}
}

/** The pipeline's reading of base-cc-evol-struct-pop. */
export function importPopulationAges(db: FileDb, bytes: Uint8Array, label: string, options: Omit<ImportOptions, 'format'> = {}): Promise<ImportReport> {
	return importOfficialFile(db, bytes, label, { ...options, format: POPULATION_AGES_TABLE });
}

/** Replaces `table` by the candidate an import wrote (same engine, one statement each). */
export async function commitImport(db: DbConnector, candidate: string, table: string): Promise<void> {
	await db.query(`DROP TABLE IF EXISTS ${quote(table)}`);
	await db.query(`ALTER TABLE ${quote(candidate)} RENAME TO ${quote(table)}`);
}

export async function dropTable(db: DbConnector, table: string): Promise<void> {
	await db.query(`DROP TABLE IF EXISTS ${quote(table)}`);
}

async function build(db: FileDb, file: string, encoding: string, layout: PopulationAgesLayout, label: string, passage: boolean, table: string): Promise<ImportReport> {
	const sourceColumns = layout.sources.filter((c): c is string => c !== null);
	const read = [`"CODGEO"`, ...sourceColumns.map(quote)].join(', ');
	try {
		await db.query(
			`CREATE OR REPLACE TEMP TABLE ${RAW} AS SELECT row_number() OVER () + 1 AS line, ${CODE_SQL} AS code, ${read} ` +
				`FROM read_csv(?, delim = ';', header = true, all_varchar = true, encoding = ?)`,
			[file, encoding]
		);
	} catch (error) {
		throw new ImportError(`Lecture impossible de ${label} : ${reason(error)}`);
	}
	const rowsRead = await scalar(db, `SELECT count(*) AS n FROM ${RAW}`);
	if (rowsRead === 0) throw new ImportError(`Aucune ligne de données dans ${label}`);

	const bad = await rows<{ line: bigint | number; code: string }>(
		db,
		`SELECT line, "CODGEO" AS code FROM ${RAW} WHERE NOT regexp_full_match(code, '[0-9]{5}|2[AB][0-9]{3}') OR code IS NULL ORDER BY line LIMIT 1`
	);
	if (bad.length) throw new ImportError(`${label}, ligne ${bad[0].line} : code commune invalide « ${bad[0].code ?? ''} »`);
	for (const column of sourceColumns) {
		const c = quote(column);
		const [wrong] = await rows<{ line: bigint | number; v: string }>(
			db,
			`SELECT line, ${c} AS v FROM ${RAW} WHERE NOT ${MISSING_SQL(c)} AND (${NUMBER_SQL(c)} IS NULL OR ${NUMBER_SQL(c)} < 0) ORDER BY line LIMIT 1`
		);
		if (wrong) throw new ImportError(`${label}, ligne ${wrong.line} : effectif invalide « ${wrong.v} » dans la colonne « ${column} »`);
	}
	const missingCells = sourceColumns.length
		? await scalar(db, `SELECT ${sourceColumns.map((c) => `count(*) FILTER (WHERE ${MISSING_SQL(quote(c))})`).join(' + ')} AS n FROM ${RAW}`)
		: 0;

	// The bands add up to the population: a shifted or mislabelled column shows here.
	const [pop, ...bands] = layout.sources.slice(0, 1 + AGE_BANDS.length).map((c) => NUMBER_SQL(quote(c as string)));
	const [offBalance] = await rows<{ line: bigint | number; pop: number }>(
		db,
		`SELECT line, ${pop} AS pop FROM ${RAW} WHERE abs((${bands.join(' + ')}) - ${pop}) > 1 ORDER BY line LIMIT 1`
	);
	const popColumn = layout.sources[0] as string;
	if (offBalance) throw new ImportError(`${label}, ligne ${offBalance.line} : la somme des tranches d'âge ne fait pas ${popColumn} (${offBalance.pop})`);

	const duplicates = (await rows<{ code: string }>(db, `SELECT code FROM ${RAW} GROUP BY code HAVING count(*) > 1 ORDER BY code`)).map((r) => r.code);
	const cogCode = passage ? `coalesce(p.code, c.code)` : `c.code`;
	const passageJoin = passage ? `LEFT JOIN ${PASSAGE_TABLE} p ON p.code_hist = r.code ` : '';
	// One line per source code (the first), then its COG 2025 commune.
	const mapped =
		`SELECT r.*, ${cogCode} AS cog FROM (SELECT * FROM ${RAW} QUALIFY row_number() OVER (PARTITION BY code ORDER BY line) = 1) r ` +
		`${passageJoin}LEFT JOIN ${COMMUNES_TABLE} c ON c.code = r.code`;
	const counts = layout.sources.map((source, i) => `sum(${source === null ? 'NULL::DOUBLE' : NUMBER_SQL(`m.${quote(source)}`)}) AS ${POPULATION_AGES_COUNTS[i]}`);
	await db.query(
		`CREATE OR REPLACE TEMP TABLE ${STAGING} AS SELECT cog AS code, ?::SMALLINT AS annee, ${counts.join(', ')} ` +
			`FROM (${mapped}) m WHERE cog IS NOT NULL GROUP BY cog ORDER BY cog`,
		[layout.annee]
	);
	const unknownRows = await rows<{ code: string; pop: number | null }>(db, `SELECT code, ${NUMBER_SQL(`m.${quote(popColumn)}`)} AS pop FROM (${mapped}) m WHERE cog IS NULL ORDER BY code`);
	const remapped = (await rows<{ code: string }>(db, `SELECT code FROM (${mapped}) m WHERE cog IS NOT NULL AND cog <> code ORDER BY code`)).map((r) => r.code);
	const merged = await scalar(db, `SELECT count(*) AS n FROM (SELECT cog FROM (${mapped}) m WHERE cog IS NOT NULL GROUP BY cog HAVING count(*) > 1)`);
	const communes = await scalar(db, `SELECT count(*) AS n FROM ${STAGING}`);
	const absent = (await rows<{ code: string }>(db, `SELECT c.code FROM ${COMMUNES_TABLE} c ANTI JOIN ${STAGING} s ON s.code = c.code ORDER BY c.code`)).map((r) => r.code);

	await db.query(`CREATE OR REPLACE TABLE ${quote(table)} AS SELECT * FROM ${STAGING} ORDER BY code`);
	return {
		dataset: 'INSEE – base-cc-evol-struct-pop (population par âge et sexe)',
		table,
		annee: layout.annee,
		rowsRead,
		communes,
		merged,
		remapped,
		unknown: unknownRows.map((r) => r.code),
		unknownPopulation: unknownRows.reduce((s, r) => s + (r.pop ?? 0), 0),
		duplicates,
		missingCells,
		absent,
		bySex: layout.bySex,
		older: layout.older
	};
}

/** The report as French lines (the build log, the data page). */
export function reportLines(report: ImportReport, label: string): string[] {
	const name = `Population par âge ${report.annee}`;
	const lines = [
		`${name} (${label}) : ${report.rowsRead} lignes → ${report.communes} communes 2025, ${report.merged} issues de fusions` +
			(report.older.length ? ` ; colonnes des recensements antérieurs ignorées (${report.older.join(', ')})` : '') +
			(report.bySex ? '' : ' ; pas de colonnes par sexe')
	];
	if (report.remapped.length) lines.push(`${name} : ${report.remapped.length} anciens codes rattachés à leur commune 2025 : ${listed(report.remapped)}`);
	if (report.unknown.length)
		lines.push(`${name} : ${report.unknown.length} codes inconnus du COG 2025, non rattachés (${Math.round(report.unknownPopulation)} habitants) : ${listed(report.unknown)}`);
	if (report.duplicates.length) lines.push(`${name} : ${report.duplicates.length} codes en double, première ligne gardée : ${listed(report.duplicates)}`);
	if (report.missingCells) lines.push(`${name} : ${report.missingCells} valeurs absentes ou sous secret statistique, gardées comme manquantes`);
	if (report.absent.length) lines.push(`${name} : ${report.absent.length} communes COG 2025 sans ligne : ${listed(report.absent)}`);
	return lines;
}

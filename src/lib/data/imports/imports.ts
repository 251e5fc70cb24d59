/**
 * Official files read by DuckDB (`read_csv`) and turned into tables of the atlas with the COG 2025
 * rules, by one code path for the pipeline (Node engine) and the browser (duckdb-wasm worker):
 * the file is registered with the engine, parsed there, never on the main thread.
 *
 * Formats (OFFICIAL_FORMATS): INSEE « base-cc-evol-struct-pop » or its IRIS twin → `population_ages` (formats/population-ages.ts), INSEE BPE
 * long layout → `bpe_sante` (formats/bpe.ts), ANS « personne / activité » → `ans_professionnels` (formats/ans.ts);
 * what they share (remap of codes, checks, report) is in import-kit.ts.
 * Every name spliced into the SQL is either a constant of this module or a header column that
 * matched an expected name exactly (`P21_POP0014`…); values are bound parameters.
 */
import { IMPORT_DIR, type DbConnector, type FileDb } from '../engine/connector';
import { POPULATION_AGES_TABLE } from '../../indicators/age-bands';
import { BPE_TABLE } from '../../indicators/bpe-equipment';
import { IMPORTED_FORMAT_LABELS, aplFormatLabel } from '../../indicators/catalogue';
import { ANS_TABLE } from '../../indicators/ans-professions';
import { importAns, isAnsHeader } from './ans';
import { importBpe, isBpeHeader } from './bpe';
import { importPopulationAgesFile, isPopulationAgesHeader } from './population-ages';
import { importApl, isAplHeader } from './apl';
import { APL_PROFESSIONS, aplTable } from '../../indicators/apl-professions';
import { workbookToCsv } from './workbook';
import {
	CODES,
	ImportError,
	isZip,
	RAW,
	STAGING,
	quote,
	reason,
	widthRefusal,
	rows,
	type ImportReport,
	type ReadContext
} from './import-kit';

export { COMMUNES_TABLE, ImportError, LISTED, PASSAGE_TABLE, SPLITS_TABLE, listed, reportLines, type ImportReport } from './import-kit';

/** A size limit and how the page says it. */
export interface SizeLimit {
	bytes: number;
	label: string;
}

/**
 * Files read whole into the engine's memory (generic imports, workbooks): above this size they are refused
 * before a byte is read.
 */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
export const MAX_IMPORT_LABEL = '200 Mo';
export const IMPORT_LIMIT: SizeLimit = { bytes: MAX_IMPORT_BYTES, label: MAX_IMPORT_LABEL };
/**
 * Official CSV layouts (INSEE, BPE, the ANS « personne / activité » extraction of several hundred MB): in the
 * browser the file is registered as a handle that the worker reads by slices, and `read_csv` keeps only the
 * columns a format needs, so the file's size is not held in memory.
 */
export const MAX_OFFICIAL_BYTES = 1024 * 1024 * 1024;
export const MAX_OFFICIAL_LABEL = '1 Go';
export const OFFICIAL_LIMIT: SizeLimit = { bytes: MAX_OFFICIAL_BYTES, label: MAX_OFFICIAL_LABEL };
/** The pipeline's: it reads the whole Annuaire Santé from its folder, in Node. */
export const NO_LIMIT: SizeLimit = { bytes: Number.POSITIVE_INFINITY, label: 'aucune' };

/** A readable file whose header is of no official layout: the page then offers the generic import. */
export class UnknownFormatError extends ImportError {
	override name = 'UnknownFormatError';
}

/** Field separators tried, in order: INSEE writes `;`, the ANS `|`. */
const DELIMITERS = [';', '|'] as const;

/**
 * Reads the header of a registered CSV; tries UTF-8, then Latin-1 (spreadsheet exports), and each separator
 * until one splits the header. DuckDB's sniffer reads a sample only: a file of another format is refused
 * before being read in full.
 */
async function sniff(db: DbConnector, file: string, label: string): Promise<{ columns: string[]; encoding: string; delim: string }> {
	let first: unknown;
	let single: { columns: string[]; encoding: string; delim: string } | null = null;
	for (const encoding of ['utf-8', 'latin-1'])
		for (const delim of DELIMITERS) {
			try {
				const described = await rows<{ column_name: string }>(
					db,
					`DESCRIBE SELECT * FROM read_csv(?, delim = ?, header = true, all_varchar = true, encoding = ?, quote = '"')`,
					[file, delim, encoding]
				);
				const columns = described.map((d) => d.column_name.trim());
				if (columns.length > 1) return { columns, encoding, delim };
				single ??= { columns, encoding, delim };
			} catch (error) {
				first ??= error;
			}
		}
	if (single) return single;
	throw new ImportError(`Fichier illisible comme CSV (« ; » ou « | ») : ${label} : ${reason(first)}`);
}

interface OfficialFormat {
	table: string;
	label: string;
	recognise: (columns: readonly string[]) => boolean;
	read: (ctx: ReadContext) => Promise<ImportReport>;
}

/** The CSV layouts the pipeline also reads from its folders (pipeline/sources/official-files.ts). */
const CSV_FORMATS = [
	{
		table: POPULATION_AGES_TABLE,
		label: IMPORTED_FORMAT_LABELS[POPULATION_AGES_TABLE],
		header: 'CODGEO ; P21_POP ; P21_POP0014 … P21_POP90P (et P21_H…, P21_F…), ou la base IRIS : IRIS ; COM ; P21_POP ; P21_POP0002 … P21_POP65P',
		recognise: isPopulationAgesHeader,
		read: importPopulationAgesFile
	},
	{
		table: BPE_TABLE,
		label: IMPORTED_FORMAT_LABELS[BPE_TABLE],
		header: 'DEPCOM ; TYPEQU ; NB_EQUIP ; AN (et REG, DEP, DCIRIS…), ou GEO ; GEO_OBJECT ; FACILITY_TYPE ; BPE_MEASURE ; TIME_PERIOD ; OBS_VALUE',
		recognise: isBpeHeader,
		read: importBpe
	},
	{
		table: ANS_TABLE,
		label: IMPORTED_FORMAT_LABELS[ANS_TABLE],
		header: 'Identifiant PP | Code profession | … | Libellé savoir-faire | … | Code commune (coord. structure) | …',
		recognise: isAnsHeader,
		read: importAns
	}
] as const satisfies readonly (OfficialFormat & { header: string })[];

/** The official layouts the atlas recognises (by their header, once a workbook is written as CSV); the data page lists them. */
export const OFFICIAL_FORMATS: readonly OfficialFormat[] = [
	...CSV_FORMATS,
	...APL_PROFESSIONS.map((p) => ({
		table: aplTable(p),
		label: aplFormatLabel(p),
		recognise: isAplHeader(p),
		read: importApl(p)
	}))
];

/** The formats as the data page lists them: the APL workbooks of every profession in one line. */
export const FORMAT_LIST: readonly { key: string; label: string; header: string }[] = [
	...CSV_FORMATS.map((f) => ({ key: f.table, label: f.label, header: f.header })),
	{
		key: 'apl',
		label: `DREES, APL (classeur XLSX, une feuille « APL AAAA » par millésime) aux ${APL_PROFESSIONS.map((p) => p.label).join(', aux ')}`,
		header: 'Code commune INSEE ; Commune ; APL aux … ; [APL aux … de moins de 65 ans] ; Population standardisée … ; Population totale …'
	}
];

/** Formats the pipeline reads from a folder of its own. */
export type OfficialTable = (typeof CSV_FORMATS)[number]['table'];

export interface ImportOptions {
	/** Remap old codes with `cog_passage` (the engine holds it). */
	passage?: boolean;
	/** Table written; the format's own table by default. */
	table?: string;
	/** Read the file as this format, whatever its header (the pipeline knows what each folder holds). */
	format?: OfficialTable;
	/** Size limit of an official CSV; OFFICIAL_LIMIT by default (the pipeline reads the whole Annuaire Santé). */
	limit?: SizeLimit;
}

/** Refusals decided on the size alone, before reading a byte (the browser checks `File.size`). */
export function sizeRefusal(bytes: number, label: string, limit: SizeLimit = IMPORT_LIMIT): string | null {
	if (bytes === 0) return `Fichier vide : ${label}`;
	if (bytes > limit.bytes) return `Fichier trop volumineux : ${label} (${Math.round(bytes / 1024 / 1024)} Mo ; limite ${limit.label})`;
	return null;
}

/** A file to import: bytes (pipeline, tests) or a browser `File`/`Blob`, which the engine reads by slices. */
export type ImportSource = Uint8Array | Blob;

/** Bytes read to count a header's columns (widthRefusal reads at most a line of 256 Kio). */
const WIDTH_SAMPLE_BYTES = 256 * 1024 + 1;

function sourceSize(source: ImportSource): number {
	return source instanceof Uint8Array ? source.byteLength : source.size;
}

async function headBytes(source: ImportSource, n: number): Promise<Uint8Array> {
	return source instanceof Uint8Array ? source.subarray(0, n) : new Uint8Array(await source.slice(0, n).arrayBuffer());
}

async function allBytes(source: ImportSource): Promise<Uint8Array> {
	return source instanceof Uint8Array ? source : new Uint8Array(await source.arrayBuffer());
}

/**
 * Imports an official file into its table (`population_ages`, `bpe_sante`, `ans_professionnels`), replacing
 * the table only when the whole file is valid: on any error the tables of the engine are as they were.
 * The engine must hold `communes` (and `cog_passage`, when `passage` is true, to remap old codes).
 */
export async function importOfficialFile(db: FileDb, source: ImportSource, label: string, { passage = true, table, format, limit = OFFICIAL_LIMIT }: ImportOptions = {}): Promise<ImportReport> {
	const size = sourceSize(source);
	const refusal = sizeRefusal(size, label, limit);
	if (refusal) throw new ImportError(refusal);
	// A workbook is read whole, as CSV (its sheet, or a DREES APL workbook in the atlas's APL layout): the memory limit applies.
	const zipped = isZip(await headBytes(source, 4));
	const tooBig = zipped && limit !== NO_LIMIT ? sizeRefusal(size, label, limit.bytes < IMPORT_LIMIT.bytes ? limit : IMPORT_LIMIT) : null;
	if (tooBig) throw new ImportError(tooBig);
	const workbook = zipped ? await workbookToCsv(await allBytes(source), label) : null;
	const sizeLimit = limit === OFFICIAL_LIMIT ? `${OFFICIAL_LIMIT.label} pour un fichier officiel, ${IMPORT_LIMIT.label} pour tout autre` : `${limit.label} par fichier`;
	const tooWide = widthRefusal(workbook?.csv ?? (await headBytes(source, WIDTH_SAMPLE_BYTES)), label, sizeLimit);
	if (tooWide) throw new ImportError(tooWide);
	const file = `${IMPORT_DIR}import-${label.replace(/[^\w.-]+/g, '_').slice(-80)}`;
	await db.registerFile(file, workbook?.csv ?? source);
	try {
		const { columns, encoding, delim } = await sniff(db, file, label);
		const known = format ? OFFICIAL_FORMATS.find((f) => f.table === format) : OFFICIAL_FORMATS.find((f) => f.recognise(columns));
		if (!known) {
			const shown = columns.slice(0, 6).join(' ; ') + (columns.length > 6 ? ' …' : '');
			throw new UnknownFormatError(
				`Format non reconnu : ${label}. En-tête lu : « ${shown} ». Formats acceptés : ` + FORMAT_LIST.map((f) => `${f.label}, en-tête ${f.header}`).join(' ; ')
			);
		}
		const report = await known.read({ db, file, label, encoding, delim, columns, passage, table: table ?? known.table });
		// The report names the dataset's table, whatever table was written.
		return { ...report, table: known.table, notes: workbook ? [workbook.note, ...report.notes] : report.notes };
	} finally {
		for (const t of [RAW, STAGING, CODES]) await db.query(`DROP TABLE IF EXISTS ${t}`);
		await db.dropFile(file);
	}
}

/** The pipeline's reading of one official file, by its folder's format. */
export function importOfficialFormat(db: FileDb, bytes: ImportSource, label: string, format: OfficialTable, options: Omit<ImportOptions, 'format'> = {}): Promise<ImportReport> {
	return importOfficialFile(db, bytes, label, { ...options, format });
}

/** The pipeline's reading of base-cc-evol-struct-pop. */
export function importPopulationAges(db: FileDb, bytes: Uint8Array, label: string, options: Omit<ImportOptions, 'format'> = {}): Promise<ImportReport> {
	return importOfficialFormat(db, bytes, label, POPULATION_AGES_TABLE, options);
}

/** Replaces `table` by the candidate an import wrote (same engine, one statement each). */
export async function commitImport(db: DbConnector, candidate: string, table: string): Promise<void> {
	await db.query(`DROP TABLE IF EXISTS ${quote(table)}`);
	await db.query(`ALTER TABLE ${quote(candidate)} RENAME TO ${quote(table)}`);
}

export async function dropTable(db: DbConnector, table: string): Promise<void> {
	await db.query(`DROP TABLE IF EXISTS ${quote(table)}`);
}

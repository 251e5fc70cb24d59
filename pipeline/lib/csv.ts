import { readFileSync } from 'node:fs';
import { CsvSyntaxError, parseCsv, type CsvRecord } from '../../src/lib/text/csv';
import { decodeText } from '../../src/lib/text/encoding';

/** A raw input that is missing, empty or malformed: the message is French and names the file. */
export class SourceError extends Error {
	override name = 'SourceError';
}

/** Reads a text file with the atlas's decoder: UTF-8 (BOM stripped), else Windows-1252. */
export function readText(file: string): string {
	let bytes: Buffer;
	try {
		bytes = readFileSync(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new SourceError(`Fichier introuvable : ${file}`);
		throw new SourceError(`Lecture impossible de ${file} : ${(error as Error).message}`);
	}
	if (bytes.length === 0) throw new SourceError(`Fichier vide : ${file}`);
	return decodeText(bytes).text;
}

/** One data row; line is the 1-based line number in the file, for error messages. */
export class CsvRow {
	constructor(
		readonly file: string,
		readonly line: number,
		private readonly cells: string[],
		private readonly index: Map<string, number>
	) {}

	/** Header names, in file order. */
	columns(): string[] {
		return [...this.index.keys()];
	}

	/** Trimmed cell value ('' when the row is short). */
	get(column: string): string {
		const i = this.index.get(column);
		if (i === undefined) throw new SourceError(`Colonne « ${column} » absente de ${this.file}`);
		return (this.cells[i] ?? '').trim();
	}

	/** Number or null for an empty cell; anything else not numeric is a corrupt input. */
	num(column: string): number | null {
		const raw = this.get(column);
		if (raw === '' || raw === 'NA') return null;
		const value = Number(raw.replace(',', '.'));
		if (!Number.isFinite(value)) this.fail(`valeur non numérique « ${raw} » dans la colonne « ${column} »`);
		return value;
	}

	fail(message: string): never {
		throw new SourceError(`${this.file}, ligne ${this.line} : ${message}`);
	}
}

export interface CsvOptions {
	delimiter?: string;
	/** Metadata lines before the header (CartoSanté exports have two). */
	skipLines?: number;
	/** Columns the reader relies on; a missing one is reported before any row is read. */
	required: readonly string[];
}

/** Stops on the first column of `required` missing from `columns` (the header of `file`). */
export function requireColumns(file: string, columns: readonly string[], required: readonly string[]): void {
	const present = new Set(columns);
	for (const column of required) {
		if (!present.has(column)) throw new SourceError(`Colonne « ${column} » absente de ${file}`);
	}
}

export function readCsv(file: string, { delimiter = ',', skipLines = 0, required }: CsvOptions): CsvRow[] {
	const lines = readText(file).split(/\r?\n/);
	const body = lines.slice(skipLines).join('\n');
	let records: CsvRecord[];
	try {
		records = parseCsv(body, delimiter);
	} catch (error) {
		if (error instanceof CsvSyntaxError) throw new SourceError(`${file}, ligne ${skipLines + error.line} : CSV corrompu (${error.message})`);
		throw error;
	}
	const [header, ...data] = records;
	if (!header || header.fields.every((h) => h.trim() === '')) throw new SourceError(`En-tête absent de ${file}`);
	const index = new Map(header.fields.map((name, i) => [name.trim(), i]));
	requireColumns(file, [...index.keys()], required);
	const rows = data.filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === '')).map((r) => new CsvRow(file, skipLines + r.line, r.fields, index));
	if (rows.length === 0) throw new SourceError(`Aucune ligne de données dans ${file}`);
	return rows;
}

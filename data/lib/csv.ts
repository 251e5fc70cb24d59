import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

/** A raw input that is missing, empty or malformed: the message is French and names the file. */
export class SourceError extends Error {
	override name = 'SourceError';
}

/** Reads a text file, stripping the UTF-8 BOM; falls back to Latin-1 when the bytes are not valid UTF-8. */
export function readText(file: string): string {
	let bytes: Buffer;
	try {
		bytes = readFileSync(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new SourceError(`Fichier introuvable : ${file}`);
		throw new SourceError(`Lecture impossible de ${file} : ${(error as Error).message}`);
	}
	if (bytes.length === 0) throw new SourceError(`Fichier vide : ${file}`);
	let text = new TextDecoder('utf-8').decode(bytes);
	// Invalid UTF-8 sequences become U+FFFD: the file is then an old Windows/Excel export in Latin-1.
	if (text.includes('\uFFFD')) text = new TextDecoder('latin1').decode(bytes);
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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
	const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false });
	const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
	if (quoteError) throw new SourceError(`${file}, ligne ${skipLines + (quoteError.row ?? 0) + 1} : CSV corrompu (${quoteError.message})`);
	const [header, ...data] = parsed.data;
	if (!header || header.every((h) => h.trim() === '')) throw new SourceError(`En-tête absent de ${file}`);
	const index = new Map(header.map((name, i) => [name.trim(), i]));
	requireColumns(file, [...index.keys()], required);
	const rows: CsvRow[] = [];
	data.forEach((cells, i) => {
		if (cells.length === 1 && cells[0].trim() === '') return;
		rows.push(new CsvRow(file, skipLines + i + 2, cells, index));
	});
	if (rows.length === 0) throw new SourceError(`Aucune ligne de données dans ${file}`);
	return rows;
}

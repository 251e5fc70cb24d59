/**
 * The atlas's one CSV reader and cell writer (RFC 4180, any separator, `;` by default), used by the
 * pipeline, the CLS register's import and export, and the exports of tables.
 * The reader refuses unbalanced quotes instead of guessing, and keeps for each record
 * the number of the physical line it starts on (quoted fields may contain line breaks).
 */

export interface CsvRecord {
	/** Physical line (1 = first line of the file) the record starts on. */
	line: number;
	fields: string[];
}

export class CsvSyntaxError extends Error {
	constructor(
		message: string,
		readonly line: number
	) {
		super(message);
		this.name = 'CsvSyntaxError';
	}
}

/**
 * Splits a CSV text. Throws `CsvSyntaxError` (French message, line number) on invalid syntax.
 * An empty line is no record, unless `keepEmptyLines` (an exported table's blank line before its sources).
 */
export function parseCsv(text: string, delimiter = ';', { keepEmptyLines = false } = {}): CsvRecord[] {
	const records: CsvRecord[] = [];
	let fields: string[] = [];
	let field = '';
	let line = 1;
	let recordLine = 1;
	let i = 0;
	const n = text.length;
	let atFieldStart = true;

	const endRecord = () => {
		fields.push(field);
		// A wholly empty line (one empty field) is not a record.
		if (keepEmptyLines || !(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
		fields = [];
		field = '';
		atFieldStart = true;
	};

	while (i < n) {
		const ch = text[i];
		if (atFieldStart && ch === '"') {
			const quoteLine = line;
			i++;
			for (;;) {
				if (i >= n)
					throw new CsvSyntaxError(
						`guillemet ouvert ligne ${quoteLine} et jamais fermé (guillemets déséquilibrés)`,
						quoteLine
					);
				const c = text[i];
				if (c === '"') {
					if (text[i + 1] === '"') {
						field += '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (c === '\n') line++;
				field += c;
				i++;
			}
			// After the closing quote: separator, end of line or end of text.
			const next = text[i];
			if (i < n && next !== delimiter && next !== '\r' && next !== '\n') {
				// A stray quote often pairs with a quote much further on: the opening line is reported.
				const span = quoteLine === line ? `ligne ${line}` : `ouvert ligne ${quoteLine}, refermé ligne ${line}`;
				throw new CsvSyntaxError(
					`champ entre guillemets (${span}) suivi de « ${next} » au lieu d’un séparateur (guillemets déséquilibrés)`,
					quoteLine
				);
			}
			atFieldStart = false;
			continue;
		}
		if (ch === delimiter) {
			fields.push(field);
			field = '';
			atFieldStart = true;
			i++;
			continue;
		}
		if (ch === '\r' || ch === '\n') {
			endRecord();
			if (ch === '\r' && text[i + 1] === '\n') i++;
			i++;
			line++;
			recordLine = line;
			continue;
		}
		if (ch === '"') throw new CsvSyntaxError('guillemet au milieu d’un champ non entre guillemets (guillemets déséquilibrés)', line);
		field += ch;
		atFieldStart = false;
		i++;
	}
	if (!atFieldStart || fields.length > 0 || field !== '') endRecord();
	return records;
}

/** A text cell: NUL bytes dropped, formula guard, then quotes when it holds the separator, a quote, a line break or edge spaces. */
export function csvText(value: string, separator = ';'): string {
	// A NUL byte ends the text for many readers (and Excel shows the rest as garbage).
	let v = value.replace(/\0/g, '');
	if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
	if (v.includes('"') || v.includes(separator) || v.includes('\n') || v.includes('\r') || /^\s|\s$/.test(v))
		return `"${v.replace(/"/g, '""')}"`;
	return v;
}

/** The guard undone: `'=SOMME(…)` read back becomes `=SOMME(…)` again. */
export function unguardCell(value: string): string {
	return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** Rows → CSV text, CRLF line ends. */
export function formatCsv(rows: readonly (readonly string[])[], delimiter = ';'): string {
	return rows.map((r) => r.map((c) => csvText(c, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}

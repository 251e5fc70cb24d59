/**
 * Lecture et écriture CSV strictes (RFC 4180, séparateur au choix, `;` par défaut).
 * Le lecteur refuse les guillemets déséquilibrés au lieu de deviner, et garde pour chaque enregistrement
 * le numéro de la ligne physique où il commence (les champs entre guillemets peuvent contenir des sauts de ligne).
 */
import { csvText } from '../export/csv';

export interface CsvRecord {
	/** Ligne physique (1 = première ligne du fichier) où commence l'enregistrement. */
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

/** Découpe un texte CSV. Lève `CsvSyntaxError` (message en français, numéro de ligne) sur une syntaxe invalide. */
export function parseCsv(text: string, delimiter = ';'): CsvRecord[] {
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
		// Une ligne entièrement vide (un seul champ vide) n'est pas un enregistrement.
		if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
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
			// Après le guillemet fermant : séparateur, fin de ligne ou fin de texte.
			const next = text[i];
			if (i < n && next !== delimiter && next !== '\r' && next !== '\n') {
				// Un guillemet isolé s'apparie souvent avec un guillemet bien plus loin : on signale la ligne d'ouverture.
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

/** Une cellule CSV : octets NUL retirés, garde contre l'injection de formules, puis guillemets si nécessaire. */
export function csvCell(value: string, delimiter = ';'): string {
	return csvText(value, delimiter);
}

/** Inverse de la garde : `'=SOMME(…)` relu redevient `=SOMME(…)`. */
export function unguardCell(value: string): string {
	return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** Lignes → texte CSV, fins de ligne CRLF. */
export function formatCsv(rows: readonly (readonly string[])[], delimiter = ';'): string {
	return rows.map((r) => r.map((c) => csvCell(c, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}

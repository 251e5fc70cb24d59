/**
 * CLS import and export.
 *
 * - JSON: one CLS or a list; the import validates everything and changes nothing on a single error.
 * - CSV: one line per action, `;`, UTF-8 with BOM, CRLF, guarded against formula injection.
 *   The CSV import updates (or adds) actions of existing CLS.
 *
 * Every function is pure: it returns a new state and never modifies the one it was given.
 * Imported strings stay data (never evaluated); the interface must show them escaped
 * (Svelte interpolation `{text}`, never `{@html}`).
 */
import { normalizeCommuneCode } from '../territory/insee-code';
import { CsvSyntaxError, formatCsv, parseCsv, unguardCell } from '../text/csv';
import { decodeText, stripBom } from '../text/encoding';
import { DOCUMENTS } from './register';
import {
	actionSchema,
	frenchErrorMap,
	STATUTS,
	validateClsList,
	walkActions,
	formatPath,
	type Action,
	type ActionInput,
	type Cls,
	type SourceRef,
	type ValidationError
} from './schema';

/** Largest file accepted for import: 5 MB. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const MESSAGES = {
	vide: 'Le fichier est vide.',
	tropGros: (bytes: number) =>
		`Le fichier est trop volumineux (${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo) : la limite est de 5 Mo.`,
	latin1:
		'Le fichier n’est pas en UTF-8 : il a été lu comme Windows-1252 (Latin-1). Vérifiez les accents, puis réenregistrez-le en UTF-8 si possible.'
} as const;

export type ImportInput = string | Uint8Array | ArrayBuffer;

export interface DecodedText {
	text: string;
	encoding: 'utf-8' | 'windows-1252';
	warnings: string[];
}

/** Refuses an empty or too large file before reading it (a `File`'s size is enough). */
export function checkFileSize(bytes: number): string | null {
	if (bytes === 0) return MESSAGES.vide;
	if (bytes > MAX_IMPORT_BYTES) return MESSAGES.tropGros(bytes);
	return null;
}

/**
 * Bytes → text. Strict UTF-8 (BOM removed); bytes that are not valid UTF-8 are read again
 * as Windows-1252, with a warning. A string is taken as it is (BOM removed).
 */
export function decodeInput(input: ImportInput): { ok: true; decoded: DecodedText } | { ok: false; message: string } {
	if (typeof input === 'string') {
		const size = new TextEncoder().encode(input).length;
		const err = checkFileSize(size);
		if (err) return { ok: false, message: err };
		return { ok: true, decoded: { text: stripBom(input), encoding: 'utf-8', warnings: [] } };
	}
	const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
	const err = checkFileSize(bytes.byteLength);
	if (err) return { ok: false, message: err };
	const { text, encoding } = decodeText(bytes);
	return { ok: true, decoded: { text, encoding, warnings: encoding === 'windows-1252' ? [MESSAGES.latin1] : [] } };
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

// The exchange format (one CLS or a list, as indented JSON) is written by the schema: the pipeline writes it too.
export { exportJson } from './schema';

export type ImportResult =
	| { ok: true; state: Cls[]; changed: string[]; warnings: string[] }
	| { ok: false; errors: ValidationError[]; warnings: string[] };

/** Position of a `JSON.parse` error → « ligne L, colonne C » when the engine gives it. */
function jsonErrorWhere(text: string, message: string): string {
	const lc = /line (\d+) column (\d+)/.exec(message);
	if (lc) return `ligne ${lc[1]}, colonne ${lc[2]}`;
	const pos = /position (\d+)/.exec(message);
	if (pos) {
		const p = Number(pos[1]);
		const before = text.slice(0, p);
		const line = before.split('\n').length;
		const col = p - before.lastIndexOf('\n');
		return `ligne ${line}, colonne ${col}`;
	}
	if (/end of JSON input|Unterminated/i.test(message)) return 'fin du fichier atteinte trop tôt';
	return 'position inconnue';
}

/**
 * Imports one or more CLS as JSON into the state `current`: an imported CLS replaces the one with the same
 * id, the others are added. A single error and nothing changes (no state is returned).
 */
export function importJson(input: ImportInput, current: readonly Cls[]): ImportResult {
	const d = decodeInput(input);
	if (!d.ok) return { ok: false, errors: [{ path: '(fichier)', message: d.message }], warnings: [] };
	const { text, warnings } = d.decoded;
	if (text.trim() === '') return { ok: false, errors: [{ path: '(fichier)', message: MESSAGES.vide }], warnings };
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (e) {
		const where = jsonErrorWhere(text, e instanceof Error ? e.message : '');
		return { ok: false, errors: [{ path: '(fichier)', message: `JSON mal formé (${where}).` }], warnings };
	}
	const single = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
	const r = validateClsList(single ? [parsed] : parsed);
	if (!r.ok) {
		const errors = single
			? r.errors.map((e) => ({ ...e, path: e.path.replace(/^\[0\]\.?/, '') || '(racine)' }))
			: r.errors;
		return { ok: false, errors, warnings };
	}
	return { ok: true, state: mergeCls(current, r.value), changed: r.value.map((c) => c.id), warnings };
}

/** Replaces by id, adds the new ones; the order of `current` is kept. */
export function mergeCls(current: readonly Cls[], incoming: readonly Cls[]): Cls[] {
	const byId = new Map(incoming.map((c) => [c.id, c]));
	const out = current.map((c) => byId.get(c.id) ?? c);
	for (const c of incoming) if (!current.some((x) => x.id === c.id)) out.push(c);
	return out;
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

export const CSV_COLUMNS = [
	'cls_id',
	'cls_nom',
	'axe_numero',
	'axe_titre',
	'fiche',
	'action_id',
	'nature',
	'action_titre',
	'themes',
	'statut',
	'motif_statut',
	'cible_type',
	'cible_communes',
	'cible_epci',
	'cible_qpv',
	'pilote',
	'partenaires',
	'annee_debut',
	'annee_fin',
	'indicateurs',
	'source_document',
	'source_page',
	'source_section'
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Separator of the lists in one cell (themes, communes, partners, indicators). */
export const LIST_SEPARATOR = ' | ';
export const BOM = '\uFEFF';

const join = (xs: readonly string[] | undefined) => (xs ?? []).join(LIST_SEPARATOR);

function actionRow(cls: Cls, loc: { action: Action; axe: Cls['axes'][number] | null; fiche: { titre: string | null } | null }): string[] {
	const a = loc.action;
	const row: Record<CsvColumn, string> = {
		cls_id: cls.id,
		cls_nom: cls.nom,
		axe_numero: loc.axe?.numero != null ? String(loc.axe.numero) : '',
		axe_titre: loc.axe?.titre ?? '',
		fiche: loc.fiche?.titre ?? '',
		action_id: a.id,
		nature: a.nature,
		action_titre: a.titre,
		themes: join(a.themes),
		statut: a.statut,
		motif_statut: a.motifStatut ?? '',
		cible_type: a.cible.type,
		cible_communes: join(a.cible.communes),
		cible_epci: join(a.cible.epci),
		cible_qpv: join(a.cible.qpv),
		pilote: a.pilote ?? '',
		partenaires: join(a.partenaires),
		annee_debut: a.annees?.debut != null ? String(a.annees.debut) : '',
		annee_fin: a.annees?.fin != null ? String(a.annees.fin) : '',
		indicateurs: join(a.indicateurs),
		source_document: a.source.document,
		source_page: a.source.page !== undefined ? String(a.source.page) : '',
		source_section: a.source.section ?? ''
	};
	return CSV_COLUMNS.map((c) => row[c]);
}

/**
 * One line per action of the programme (axes, then actions outside any axis; the history with `historique: true`).
 * UTF-8 with BOM, `;`, CRLF, RFC 4180, cells starting with = + - @ prefixed with an apostrophe.
 */
export function exportCsv(list: readonly Cls[], opts: { historique?: boolean } = {}): string {
	const rows: string[][] = [[...CSV_COLUMNS]];
	for (const cls of list)
		for (const loc of walkActions(cls, { historique: opts.historique ?? false })) rows.push(actionRow(cls, loc));
	return BOM + formatCsv(rows, ';');
}

export interface CsvError {
	/** Line of the file (1 = header); 0 for an error that belongs to no line. */
	line: number;
	column?: string;
	message: string;
}

export function describeCsvError(e: CsvError): string {
	const where = e.line > 0 ? `ligne ${e.line}` : 'fichier';
	return e.column ? `${where}, colonne ${e.column} : ${e.message}` : `${where} : ${e.message}`;
}

export type CsvImportResult =
	| { ok: true; state: Cls[]; updated: number; added: number; warnings: string[] }
	| { ok: false; errors: CsvError[]; warnings: string[] };

export interface CsvImportOptions {
	/** COG 2025 commune codes accepted in cible_communes. */
	communes: ReadonlySet<string>;
}

/** Path of an action validation error → CSV column. */
const COLUMN_OF_FIELD: Record<string, CsvColumn> = {
	id: 'action_id',
	nature: 'nature',
	titre: 'action_titre',
	themes: 'themes',
	sousThemes: 'themes',
	statut: 'statut',
	motifStatut: 'motif_statut',
	cible: 'cible_type',
	pilote: 'pilote',
	partenaires: 'partenaires',
	annees: 'annee_debut',
	indicateurs: 'indicateurs',
	source: 'source_document'
};

function columnOf(path: readonly PropertyKey[]): CsvColumn | undefined {
	const [first, second] = path;
	if (first === 'cible' && typeof second === 'string') {
		if (second === 'communes') return 'cible_communes';
		if (second === 'epci') return 'cible_epci';
		if (second === 'qpv') return 'cible_qpv';
		return 'cible_type';
	}
	if (first === 'annees' && second === 'fin') return 'annee_fin';
	if (first === 'source' && second === 'page') return 'source_page';
	if (first === 'source' && second === 'section') return 'source_section';
	return typeof first === 'string' ? COLUMN_OF_FIELD[first] : undefined;
}

const splitList = (s: string) =>
	s
		.split('|')
		.map((x) => x.trim())
		.filter((x) => x !== '');

function sourceFor(document: string, previous: SourceRef | undefined): Pick<SourceRef, 'document' | 'titre'> {
	if (previous && previous.document === document) return { document, titre: previous.titre };
	const known = DOCUMENTS.find((d) => d.document === document);
	return { document, titre: known?.titre ?? document };
}

/**
 * Updates the actions of existing CLS from a CSV exported by `exportCsv` (same columns, in any order).
 * An unknown action is added to its fiche (axe_numero + fiche) or, with neither, to the actions outside any axis.
 * On any problem, no change at all: the full list of errors (line, column) is returned.
 */
export function importCsv(input: ImportInput, current: readonly Cls[], opts: CsvImportOptions): CsvImportResult {
	const d = decodeInput(input);
	if (!d.ok) return { ok: false, errors: [{ line: 0, message: d.message }], warnings: [] };
	const { text, warnings } = d.decoded;
	if (text.trim() === '') return { ok: false, errors: [{ line: 0, message: MESSAGES.vide }], warnings };

	// One cause, one message: a file saved with another separator would give an error per line.
	const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
	const other = firstLine.includes(';') ? undefined : [',', '\t', '|'].find((sep) => CSV_COLUMNS.every((c) => firstLine.split(sep).map((h) => h.trim().replace(/^"|"$/g, '')).includes(c)));
	if (other) {
		const name = other === ',' ? 'la virgule « , »' : other === '\t' ? 'la tabulation' : 'la barre « | »';
		const message = `Le séparateur de ce fichier est ${name} : le CSV des CLS attend le point-virgule « ; » (enregistrez-le en « CSV (séparateur : point-virgule) »).`;
		return { ok: false, errors: [{ line: 1, message }], warnings };
	}
	let records;
	try {
		records = parseCsv(text, ';');
	} catch (e) {
		if (e instanceof CsvSyntaxError) return { ok: false, errors: [{ line: e.line, message: `CSV mal formé : ${e.message}` }], warnings };
		throw e;
	}
	const errors: CsvError[] = [];
	const [header, ...rows] = records;
	const headerFields = header.fields.map((h) => h.trim());
	const missing = CSV_COLUMNS.filter((c) => !headerFields.includes(c));
	const unknown = headerFields.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
	for (const u of unknown)
		errors.push({ line: header.line, column: u, message: `colonne inconnue « ${u} » (colonnes attendues : ${CSV_COLUMNS.join(';')})` });
	for (const m of missing) errors.push({ line: header.line, column: m, message: `colonne obligatoire manquante « ${m} »` });
	const dupes = headerFields.filter((h, i) => headerFields.indexOf(h) !== i);
	for (const dup of new Set(dupes)) errors.push({ line: header.line, column: dup, message: `colonne « ${dup} » en double` });
	if (errors.length) return { ok: false, errors, warnings };
	if (rows.length === 0) return { ok: false, errors: [{ line: 0, message: 'Le fichier ne contient aucune ligne d’action sous l’en-tête.' }], warnings };

	const col = Object.fromEntries(CSV_COLUMNS.map((c) => [c, headerFields.indexOf(c)])) as Record<CsvColumn, number>;
	// Deep copy: the state received is never modified.
	const state: Cls[] = structuredClone(current as Cls[]);
	const seen = new Map<string, number>();
	let updated = 0;
	let added = 0;

	for (const rec of rows) {
		const line = rec.line;
		if (rec.fields.length !== headerFields.length) {
			errors.push({ line, message: `${rec.fields.length} cellule(s) au lieu de ${headerFields.length}` });
			continue;
		}
		const get = (c: CsvColumn) => unguardCell(rec.fields[col[c]]).trim();
		const rowErrors: CsvError[] = [];
		const err = (column: CsvColumn, message: string) => rowErrors.push({ line, column, message });

		const clsId = get('cls_id');
		const actionId = get('action_id');
		const cls = state.find((c) => c.id === clsId);
		if (!cls) {
			errors.push({ line, column: 'cls_id', message: `CLS inconnu « ${clsId} » : l’import CSV ne met à jour que des CLS existants` });
			continue;
		}
		if (actionId === '') {
			errors.push({ line, column: 'action_id', message: 'identifiant d’action vide' });
			continue;
		}
		const key = `${clsId}\u0000${actionId}`;
		if (seen.has(key)) {
			errors.push({ line, column: 'action_id', message: `action « ${actionId} » déjà présente ligne ${seen.get(key)}` });
			continue;
		}
		seen.set(key, line);

		// Communes: normalised (1001 → 01001), then checked against COG 2025.
		const communes: string[] = [];
		for (const raw of splitList(get('cible_communes'))) {
			const code = normalizeCommuneCode(raw);
			if (code === null) err('cible_communes', `« ${raw} » n’est pas un code commune INSEE`);
			else if (!opts.communes.has(code)) err('cible_communes', `code commune inconnu du COG 2025 : « ${code} »`);
			else communes.push(code);
		}
		const statut = get('statut');
		if (!(STATUTS as readonly string[]).includes(statut))
			err('statut', `« ${statut} » n’est pas un statut admis (${STATUTS.join(', ')})`);
		const year = (c: CsvColumn): number | null | undefined => {
			const v = get(c);
			if (v === '') return null;
			if (!/^\d{4}$/.test(v)) {
				err(c, `« ${v} » n’est pas une année (4 chiffres)`);
				return undefined;
			}
			return Number(v);
		};
		const debut = year('annee_debut');
		const fin = year('annee_fin');
		const pageRaw = get('source_page');
		if (pageRaw !== '' && !/^\d+$/.test(pageRaw)) err('source_page', `« ${pageRaw} » n’est pas un numéro de page`);

		const loc = [...walkActions(cls)].find((l) => l.action.id === actionId);
		const previous = loc?.action;
		const opt = (c: CsvColumn) => (get(c) === '' ? undefined : get(c));
		const cibleType = get('cible_type');
		const candidate: ActionInput = {
			...(previous ?? {}),
			id: actionId,
			nature: (get('nature') || previous?.nature || 'action') as ActionInput['nature'],
			titre: get('action_titre'),
			themes: splitList(get('themes')) as ActionInput['themes'],
			statut: statut as ActionInput['statut'],
			motifStatut: opt('motif_statut'),
			cible: {
				type: cibleType as ActionInput['cible']['type'],
				...(communes.length ? { communes } : {}),
				...(splitList(get('cible_epci')).length ? { epci: splitList(get('cible_epci')) } : {}),
				...(splitList(get('cible_qpv')).length ? { qpv: splitList(get('cible_qpv')) } : {}),
				...(previous?.cible.note && previous.cible.type === cibleType ? { note: previous.cible.note } : {})
			},
			pilote: opt('pilote'),
			partenaires: splitList(get('partenaires')).length ? splitList(get('partenaires')) : undefined,
			annees: debut === null && fin === null ? undefined : { debut: debut ?? null, fin: fin ?? null },
			indicateurs: splitList(get('indicateurs')),
			source: {
				...sourceFor(get('source_document'), previous?.source),
				...(pageRaw !== '' && /^\d+$/.test(pageRaw) ? { page: Number(pageRaw) } : {}),
				...(opt('source_section') ? { section: get('source_section') } : {})
			}
		};
		for (const k of Object.keys(candidate) as (keyof ActionInput)[]) if (candidate[k] === undefined) delete candidate[k];

		const parsed = actionSchema.safeParse(candidate, { error: frenchErrorMap });
		if (!parsed.success)
			for (const issue of parsed.error.issues) {
				const column = columnOf(issue.path) ?? formatPath(issue.path);
				// Status and communes already have a message of their own.
				if (rowErrors.some((e) => e.column === column)) continue;
				rowErrors.push({ line, column, message: issue.message });
			}
		if (rowErrors.length) {
			errors.push(...rowErrors);
			continue;
		}
		if (!parsed.success) continue;
		const action = parsed.data;

		if (loc) {
			const list = loc.fiche ? loc.fiche.actions : cls.actionsHorsAxe;
			list[list.indexOf(loc.action)] = action;
			updated++;
			continue;
		}
		const axeNum = get('axe_numero');
		const ficheTitre = get('fiche');
		if (axeNum === '' && ficheTitre === '') {
			cls.actionsHorsAxe.push(action);
			added++;
			continue;
		}
		const axe = cls.axes.find((a) => a.numero !== null && String(a.numero) === axeNum);
		const fiche = axe?.fichesAction.find((f) => (f.titre ?? '') === ficheTitre);
		if (!axe) errors.push({ line, column: 'axe_numero', message: `axe « ${axeNum} » introuvable dans le CLS « ${clsId} » pour la nouvelle action « ${actionId} »` });
		else if (!fiche) errors.push({ line, column: 'fiche', message: `fiche « ${ficheTitre} » introuvable dans l’axe ${axeNum} pour la nouvelle action « ${actionId} »` });
		else {
			fiche.actions.push(action);
			added++;
		}
	}
	if (errors.length) return { ok: false, errors, warnings };

	// Final validation of the whole state (duplicate ids, references to objectives…).
	const final = validateClsList(state);
	if (!final.ok) return { ok: false, errors: final.errors.map((e) => ({ line: 0, message: `${e.path} : ${e.message}` })), warnings };
	return { ok: true, state: final.value, updated, added, warnings };
}

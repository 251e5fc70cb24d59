/**
 * The SQL console of /sql: analysts' own statements, read-only, over every table of the engine
 * (shipped and imported). Three locks, each enough alone for most mistakes:
 * 1. `statementRefusal` reads the text (comments and strings skipped) and lets through one statement
 *    of the allowed kinds, without any write keyword or file-reading function;
 * 2. the statement is prepared first, which DuckDB refuses for several statements at once;
 * 3. it runs on a connection of its own, in a READ ONLY transaction that is always rolled back;
 * and under them all, the engine itself reads no file or URL and has its configuration locked
 * (ENGINE_SETTINGS of connector.ts), whatever a statement slips past the first lock.
 * The user's SQL is the one text this module runs as given: that is what a console is for.
 */
import { DataType, util, type Field, type RecordBatch } from 'apache-arrow';
import type { DbConnector, QuerySession } from './connector';

/** Rows kept of a result; the rest is left unread. */
export const MAX_CONSOLE_ROWS = 100_000;
/** Seconds a statement may run before it is cancelled. */
export const CONSOLE_TIME_LIMIT_S = 30;

const ALLOWED = ['select', 'with', 'describe', 'desc', 'show', 'explain', 'summarize'];
export const ALLOWED_LABEL = 'SELECT, WITH, DESCRIBE, SHOW, EXPLAIN ou SUMMARIZE';
/** Words that write, load or change the session: refused anywhere outside a string or a quoted name. */
const WRITE_WORDS = new Set([
	'insert',
	'update',
	'delete',
	'drop',
	'create',
	'alter',
	'copy',
	'attach',
	'detach',
	'pragma',
	'set',
	'reset',
	'call',
	'load',
	'install',
	'export',
	'import',
	'checkpoint',
	'vacuum',
	'truncate',
	'merge',
	'begin',
	'commit',
	'rollback',
	'abort',
	'prepare',
	'execute',
	'deallocate',
	'grant',
	'revoke'
]);
/** Functions that read files or URLs, or run SQL given as text: the console reads the atlas's tables only. */
const FILE_FUNCTION = /^(read_\w+|\w+_scan|parquet_\w+|sniff_csv|glob|query|query_table|iceberg_\w+|delta_\w+|sqlite_\w+|postgres_\w+|mysql_\w+)$/;

type Token = { kind: 'word' | 'quoted' | 'string' | 'symbol'; text: string };

/** Splits SQL into words, quoted names, strings and symbols; comments are dropped. Null when a string or comment is not closed. */
export function tokenize(sql: string): Token[] | null {
	const tokens: Token[] = [];
	let i = 0;
	while (i < sql.length) {
		const c = sql[i];
		if (/\s/.test(c)) i++;
		else if (sql.startsWith('--', i)) {
			const end = sql.indexOf('\n', i);
			i = end < 0 ? sql.length : end + 1;
		} else if (sql.startsWith('/*', i)) {
			const end = sql.indexOf('*/', i + 2);
			if (end < 0) return null;
			i = end + 2;
		} else if (c === "'" || c === '"') {
			// '' and "" inside are the quote itself; a backslash escapes nothing in DuckDB's standard strings.
			let j = i + 1;
			for (;;) {
				const end = sql.indexOf(c, j);
				if (end < 0) return null;
				if (sql[end + 1] === c) j = end + 2;
				else {
					j = end + 1;
					break;
				}
			}
			tokens.push({ kind: c === "'" ? 'string' : 'quoted', text: sql.slice(i, j) });
			i = j;
		} else if (c === '$' && /^\$(\w*)\$/.test(sql.slice(i))) {
			const tag = /^\$(\w*)\$/.exec(sql.slice(i))![0];
			const end = sql.indexOf(tag, i + tag.length);
			if (end < 0) return null;
			tokens.push({ kind: 'string', text: sql.slice(i, end + tag.length) });
			i = end + tag.length;
		} else if (/[\p{L}_]/u.test(c)) {
			const word = /^[\p{L}\p{N}_$]+/u.exec(sql.slice(i))![0];
			// E'…' strings may escape a quote with a backslash.
			if (/^[eE]$/.test(word) && sql[i + 1] === "'") {
				const end = /^'(?:[^'\\]|\\.|'')*'/s.exec(sql.slice(i + 1));
				if (!end) return null;
				tokens.push({ kind: 'string', text: sql.slice(i, i + 1 + end[0].length) });
				i += 1 + end[0].length;
				continue;
			}
			tokens.push({ kind: 'word', text: word.toLowerCase() });
			i += word.length;
		} else {
			tokens.push({ kind: 'symbol', text: c });
			i++;
		}
	}
	return tokens;
}

/**
 * Why the console refuses `sql` (a French sentence), or null when it may run: one statement starting with
 * SELECT, WITH, DESCRIBE, SHOW, EXPLAIN or SUMMARIZE, no write keyword, no function reading a file or a URL.
 */
export function statementRefusal(sql: string): string | null {
	const tokens = tokenize(sql);
	if (!tokens) return 'Requête refusée : une chaîne de caractères ou un commentaire n’est pas fermé.';
	while (tokens.at(-1)?.text === ';') tokens.pop();
	if (tokens.length === 0) return 'Requête vide : écrivez une instruction SELECT.';
	if (tokens.some((t) => t.kind === 'symbol' && t.text === ';'))
		return 'Requête refusée : une seule instruction à la fois (un « ; » est suivi d’une autre instruction).';
	const first = tokens.find((t) => t.text !== '(');
	if (first?.kind !== 'word' || !ALLOWED.includes(first.text))
		return `Requête refusée : la console est en lecture seule et n’exécute que ${ALLOWED_LABEL}${first?.kind === 'word' ? ` (pas ${first.text.toUpperCase()})` : ''}.`;
	for (const [index, t] of tokens.entries()) {
		if (t.kind !== 'word') continue;
		if (WRITE_WORDS.has(t.text))
			return `Requête refusée : le mot-clé ${t.text.toUpperCase()} n’est pas permis, la console est en lecture seule. S’il s’agit d’un nom de colonne, mettez-le entre guillemets doubles (« "${t.text}" »).`;
		if (FILE_FUNCTION.test(t.text) && tokens[index + 1]?.text === '(')
			return `Requête refusée : la fonction ${t.text} lit des fichiers ou des adresses ; la console ne lit que les tables de l’atlas.`;
		if ((t.text === 'from' || t.text === 'join') && tokens[index + 1]?.kind === 'string')
			return 'Requête refusée : la console ne lit que les tables de l’atlas, pas un fichier ou une adresse donnés entre apostrophes.';
	}
	return null;
}

export interface ConsoleColumn {
	name: string;
	/** DuckDB's type as Arrow names it (Utf8, Float64, Int64…). */
	type: string;
	numeric: boolean;
}

export type ConsoleCell = string | number | null;

export interface ConsoleResult {
	columns: ConsoleColumn[];
	rows: ConsoleCell[][];
	/** Rows beyond MAX_CONSOLE_ROWS were not read. */
	truncated: boolean;
}

/** Why a statement stopped: the user's « Annuler » or the time limit. */
export class ConsoleError extends Error {
	override name = 'ConsoleError';
}

function isNumeric(type: DataType): boolean {
	return DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type);
}

/** A value as the console shows it: numbers as numbers, codes and text as text. */
function cell(value: unknown, field: Field): ConsoleCell {
	if (value === null || value === undefined) return null;
	const type = field.type;
	if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
	if (DataType.isDecimal(type)) return util.bigNumToNumber(value as Parameters<typeof util.bigNumToNumber>[0], type.scale);
	if (typeof value === 'number') {
		if (DataType.isDate(type)) return new Date(value).toISOString().slice(0, 10);
		if (DataType.isTimestamp(type)) return new Date(value).toISOString().slice(0, 19).replace('T', ' ');
		return value;
	}
	if (typeof value === 'string') return value;
	if (typeof value === 'boolean') return value ? 'vrai' : 'faux';
	const json = (value as { toJSON?: () => unknown }).toJSON?.() ?? value;
	return JSON.stringify(json, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

function toResult(fields: Field[], batches: RecordBatch[], truncated: boolean): ConsoleResult {
	const rows: ConsoleCell[][] = [];
	for (const batch of batches) {
		const columns = fields.map((_, i) => batch.getChildAt(i));
		for (let r = 0; r < batch.numRows; r++) rows.push(columns.map((column, i) => cell(column?.get(r), fields[i])));
	}
	return {
		columns: fields.map((f) => ({ name: f.name, type: String(f.type), numeric: isNumeric(f.type) })),
		rows,
		truncated
	};
}

/**
 * Runs one console statement: refused (ConsoleError, French) by the guard or by DuckDB's prepare, else run
 * in a READ ONLY transaction that is rolled back whatever happens. `signal` cancels it; so does the time limit.
 */
export function runConsoleQuery(session: QuerySession, sql: string, signal?: AbortSignal): Promise<ConsoleResult> {
	const refusal = statementRefusal(sql);
	if (refusal) return Promise.reject(new ConsoleError(refusal));
	return runReadOnly(session, sql, signal);
}

/** The engine's two locks without the guard (exported for the tests that check them alone). */
export async function runReadOnly(session: QuerySession, sql: string, signal?: AbortSignal): Promise<ConsoleResult> {
	let stopped: string | null = null;
	const stop = (why: string) => {
		stopped ??= why;
		void session.cancel();
	};
	const onAbort = () => stop('Requête annulée.');
	signal?.addEventListener('abort', onAbort);
	const timer = setTimeout(() => stop(`Requête arrêtée : elle dépassait la limite de ${CONSOLE_TIME_LIMIT_S} secondes.`), CONSOLE_TIME_LIMIT_S * 1000);
	await session.run('BEGIN TRANSACTION READ ONLY');
	try {
		try {
			await session.prepareOnly(sql);
		} catch (e) {
			throw new ConsoleError(engineMessage(e));
		}
		const result = await session.stream(sql, MAX_CONSOLE_ROWS).catch((e: unknown) => {
			throw new ConsoleError(stopped ?? engineMessage(e));
		});
		if (stopped) throw new ConsoleError(stopped);
		return toResult(result.schema.fields, result.batches, result.truncated);
	} finally {
		clearTimeout(timer);
		signal?.removeEventListener('abort', onAbort);
		await session.run('ROLLBACK').catch(() => undefined);
	}
}

/** DuckDB's own message (English, precise), introduced in French. */
function engineMessage(e: unknown): string {
	const text = (e instanceof Error ? e.message : String(e)).replace(/^Error:\s*/, '');
	if (/read-only mode|read only/i.test(text)) return 'Requête refusée : la console est en lecture seule.';
	if (/multiple statements/i.test(text)) return 'Requête refusée : une seule instruction à la fois.';
	// The engine's own lock (ENGINE_SETTINGS): no file, no URL, no setting changed.
	if (/^Permission Error|configuration has been locked/i.test(text))
		return `Requête refusée : la console ne lit que les tables de l’atlas, ni fichier ni adresse, et ne change aucun réglage du moteur.\nDétail (DuckDB) : ${text}`;
	return `Erreur de DuckDB : ${text}`;
}

export interface SchemaTable {
	name: string;
	columns: { name: string; type: string }[];
}

/** Every table and view of the engine with its columns, in order (DuckDB's information_schema). */
export async function consoleSchema(db: DbConnector): Promise<SchemaTable[]> {
	const rows = (
		await db.query(
			`SELECT table_name, column_name, data_type FROM information_schema.columns
			 WHERE table_schema = 'main' ORDER BY table_name, ordinal_position`
		)
	).toArray() as { table_name: string; column_name: string; data_type: string }[];
	const tables = new Map<string, SchemaTable>();
	for (const r of rows) {
		let t = tables.get(r.table_name);
		if (!t) tables.set(r.table_name, (t = { name: r.table_name, columns: [] }));
		t.columns.push({ name: r.column_name, type: r.data_type });
	}
	return [...tables.values()];
}

const COMMUNE_CODE = /^(\d{5}|2[AB]\d{3})$/;

/**
 * The column of commune codes INSEE of a result, when it also has a numeric column: the text column
 * whose every non-empty value is a commune code (at least one). Null otherwise.
 */
export function communeCodeColumn(result: ConsoleResult): number | null {
	if (!result.columns.some((c) => c.numeric) || result.rows.length === 0) return null;
	const index = result.columns.findIndex(
		(c, i) => !c.numeric && result.rows.some((r) => r[i] !== null) && result.rows.every((r) => r[i] === null || (typeof r[i] === 'string' && COMMUNE_CODE.test(r[i])))
	);
	return index < 0 ? null : index;
}

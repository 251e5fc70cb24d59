/**
 * The SQL console of /sql: analysts' own statements, read-only, over every table of the engine
 * (shipped and imported). Three locks, each enough alone for most mistakes:
 * 1. `statementRefusal` reads the statement as DuckDB does, not with patterns of its own: DuckDB's lexer
 *    gives its words (a quoted name unquoted, so "read_text" is read_text) and its parser the statement
 *    count and the tables named. It lets through one statement of the allowed kinds, without a write
 *    keyword, a function reading files or URLs or running SQL given as text, or a table named by a path
 *    or URL (DuckDB would read it as a file: a replacement scan);
 * 2. the statement is prepared first, which DuckDB refuses for several statements at once;
 * 3. it runs on a connection of its own, in a READ ONLY transaction that is always rolled back;
 * and under them all, the engine itself reads no file or URL and has its configuration locked
 * (ENGINE_SETTINGS of connector.ts), whatever a statement slips past the first lock.
 * DuckDB's parse tree as JSON (`json_serialize_sql`) would say more, but it belongs to the json extension,
 * which the shipped duckdb-wasm does not hold and the locked engine may not load.
 * The user's SQL is the one text this module runs as given: that is what a console is for.
 */
import { DataType, util, type Field, type RecordBatch } from 'apache-arrow';
import { SQL_TOKEN, type DbConnector, type QuerySession, type SqlTokens } from './connector';

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

/** A token of DuckDB's lexer: words lower-cased (DuckDB's names ignore case, quoted or not), a quoted name unquoted. */
type Token = { type: number; text: string };

function readTokens(sql: string, { offsets, types }: SqlTokens): Token[] {
	const tokens: Token[] = [];
	for (const [i, start] of offsets.entries()) {
		const type = types[i];
		if (type === SQL_TOKEN.comment) continue;
		// A token runs to the next one's start, trailing blanks and comments included: keep its head.
		const raw = sql.slice(start, offsets[i + 1] ?? sql.length);
		const quoted = type === SQL_TOKEN.identifier && /^"((?:[^"]|"")*)"/.exec(raw);
		let text: string;
		if (quoted) text = quoted[1].replaceAll('""', '"').toLowerCase();
		else if (type === SQL_TOKEN.identifier || type === SQL_TOKEN.keyword) text = (/^[\p{L}\p{N}_$]+/u.exec(raw)?.[0] ?? raw).toLowerCase();
		else if (type === SQL_TOKEN.operator) text = raw[0];
		else text = raw.trimEnd();
		tokens.push({ type, text });
	}
	return tokens;
}

/** A table name DuckDB looks up in its catalog only; any other (a path, a URL, a pattern) it would try as a file. */
const PLAIN_NAME = /^[\p{L}_][\p{L}\p{N}_$]*$/u;

/**
 * Why the console refuses `sql` (a French sentence), or null when it may run: one statement starting with
 * SELECT, WITH, DESCRIBE, SHOW, EXPLAIN or SUMMARIZE, no write keyword, no function reading a file or a URL
 * or running SQL text, no table named by a path or a URL. Nothing of `sql` is run, nor any file read.
 */
export async function statementRefusal(session: QuerySession, sql: string): Promise<string | null> {
	const tokens = readTokens(sql, await session.tokenize(sql));
	if (tokens.every((t) => t.type === SQL_TOKEN.operator && t.text === ';')) return 'Requête vide : écrivez une instruction SELECT.';
	const first = tokens.find((t) => t.text !== '(');
	if (first?.type !== SQL_TOKEN.keyword || !ALLOWED.includes(first.text))
		return `Requête refusée : la console est en lecture seule et n’exécute que ${ALLOWED_LABEL}${first?.type === SQL_TOKEN.keyword ? ` (pas ${first.text.toUpperCase()})` : ''}.`;
	// DuckDB's prepare refuses a second statement too, but only after binding the first.
	if (tokens.some((t, index) => t.type === SQL_TOKEN.operator && t.text === ';' && tokens.slice(index + 1).some((next) => next.text !== ';')))
		return 'Requête refusée : une seule instruction à la fois (un « ; » est suivi d’une autre instruction).';
	for (const [index, t] of tokens.entries()) {
		if (t.type === SQL_TOKEN.keyword && WRITE_WORDS.has(t.text))
			return `Requête refusée : le mot-clé ${t.text.toUpperCase()} n’est pas permis, la console est en lecture seule. S’il s’agit d’un nom de colonne, mettez-le entre guillemets doubles (« "${t.text}" »).`;
		const call = (t.type === SQL_TOKEN.identifier || t.type === SQL_TOKEN.keyword) && tokens[index + 1]?.text === '(';
		if (call && FILE_FUNCTION.test(t.text))
			return `Requête refusée : la fonction ${t.text} lit des fichiers ou des adresses, ou exécute du SQL donné en texte ; la console ne lit que les tables de l’atlas.`;
		const next = tokens[index + 1];
		if (t.type === SQL_TOKEN.keyword && (t.text === 'from' || t.text === 'join') && next && isPath(next)) return pathRefusal(next.text);
	}
	// Only now that no file function is left: DuckDB's parser binds table functions while it lists the tables.
	let names: string[];
	try {
		names = await session.tableNames(sql);
	} catch (e) {
		// Its name-listing binder sees tables without their columns and cannot follow USING, NATURAL or ASOF
		// joins: such a statement is left to the prepare and to the engine's lock.
		if (/Binder/.test(plainError(e instanceof Error ? e.message : String(e)))) return null;
		return engineMessage(e);
	}
	const path = names.find((name) => !PLAIN_NAME.test(name));
	return path === undefined ? null : pathRefusal(path);
}

/** A string, or a quoted name that is not a plain table name: what DuckDB would read as a file after FROM. */
function isPath(t: Token): boolean {
	return t.type === SQL_TOKEN.string || (t.type === SQL_TOKEN.identifier && !PLAIN_NAME.test(t.text));
}

function pathRefusal(path: string): string {
	const name = path.replace(/^'(.*)'$/s, '$1').replaceAll("''", "'");
	return `Requête refusée : « ${name} » n’est pas une table de l’atlas mais un fichier ou une adresse ; la console ne lit que les tables de l’atlas.`;
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
export async function runConsoleQuery(session: QuerySession, sql: string, signal?: AbortSignal): Promise<ConsoleResult> {
	const refusal = await statementRefusal(session, sql);
	if (refusal) throw new ConsoleError(refusal);
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

/** duckdb-wasm gives some errors as JSON (`{"exception_type": …, "exception_message": …}`): as DuckDB words them. */
function plainError(text: string): string {
	if (!text.startsWith('{')) return text;
	try {
		const { exception_type: type, exception_message: message } = JSON.parse(text) as { exception_type?: string; exception_message?: string };
		return message === undefined ? text : `${type ?? ''} Error: ${message}`.trim();
	} catch {
		return text;
	}
}

/** DuckDB's own message (English, precise), introduced in French. */
function engineMessage(e: unknown): string {
	const text = plainError(e instanceof Error ? e.message : String(e)).replace(/^Error:\s*/, '');
	if (/read-only mode|read only/i.test(text)) return 'Requête refusée : la console est en lecture seule.';
	if (/multiple statements|single statement/i.test(text)) return 'Requête refusée : une seule instruction à la fois.';
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

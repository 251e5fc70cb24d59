import { Schema, type RecordBatch, type Table } from 'apache-arrow';

/** Values that may be bound to `?` placeholders. */
export type SqlParam = string | number | boolean | null;

/**
 * The one door to DuckDB, after Mosaic's connector: the browser (duckdb-wasm in a worker),
 * the `npm run sql` command line and the tests all run the same SQL through it and get Arrow back.
 */
export interface DbConnector {
	/** Runs a query. With params, it is prepared and the values are bound, never spliced into the text. */
	query(sql: string, params?: readonly SqlParam[]): Promise<Table>;
	/** Creates a table from the bytes of an Arrow IPC stream. */
	insertArrowStream(table: string, bytes: Uint8Array): Promise<void>;
	close(): Promise<void>;
}

/** The engine of the app and of the pipeline: it also reads files given as bytes (`read_csv` on their name). */
export interface FileDb extends DbConnector {
	/**
	 * Registers a file under a name: bytes are copied into the engine (`registerFileBuffer`); a browser `Blob`/`File`
	 * is registered as a handle (`registerFileHandle`, BROWSER_FILEREADER) that the worker reads by slices.
	 */
	registerFile(name: string, source: Uint8Array | Blob): Promise<void>;
	dropFile(name: string): Promise<void>;
	/** A connection of its own, for the SQL console: its transactions and cancels touch nothing else. */
	openSession(): Promise<QuerySession>;
}

/** What a session streams back: the columns, then the rows read (at most the limit asked). */
export interface StreamedResult {
	schema: Schema;
	batches: RecordBatch[];
	/** Rows were left unread beyond the limit. */
	truncated: boolean;
}

/** The kinds of DuckDB's own lexer (duckdb-wasm's TokenType, by value). */
export const SQL_TOKEN = { identifier: 0, number: 1, string: 2, operator: 3, keyword: 4, comment: 5 } as const;

/** A text as DuckDB's own lexer reads it (duckdb-wasm's ScriptTokens): where each token starts, and its kind. */
export interface SqlTokens {
	offsets: number[];
	types: number[];
}

/** One connection of the engine, used one statement at a time. */
export interface QuerySession {
	/** DuckDB's lexer over `sql`: quotes, strings and comments as the parser reads them; nothing is run. */
	tokenize(sql: string): Promise<SqlTokens>;
	/**
	 * The base tables `sql` names, as DuckDB's parser reads it (it throws unless there is exactly one statement).
	 * A name not in the catalog is listed, not looked up as a file; table functions, though, are bound.
	 */
	tableNames(sql: string): Promise<string[]>;
	/** Runs a statement to its end (BEGIN, ROLLBACK…). */
	run(sql: string): Promise<void>;
	/** Prepares `sql` and closes it at once: DuckDB refuses to prepare several statements. */
	prepareOnly(sql: string): Promise<void>;
	/** Runs one statement as a pending query, reading at most `maxRows` rows. */
	stream(sql: string, maxRows: number): Promise<StreamedResult>;
	/** Asks the engine to stop the statement being streamed (false when nothing could be cancelled). */
	cancel(): Promise<boolean>;
	close(): Promise<void>;
}

/** Where files given to the engine are registered (imports): once locked, the only files it may read. */
export const IMPORT_DIR = '/imports/';

/**
 * Run once, on the engine's first connection, before any table or file. duckdb-wasm has only core
 * functions built in; anything else would be fetched from the network and fail (or hang, in Node):
 * forbidden, so an offline mistake fails loudly at once. Then the engine reads no file and no URL but
 * those registered under IMPORT_DIR (the user's imports, registered later too), and its configuration
 * is locked: no statement, the SQL console's included, can turn this back (`read_text('http://…')`,
 * however its name is quoted, is refused by DuckDB itself). Tables come in as Arrow, which needs no file.
 */
export const ENGINE_SETTINGS = [
	'SET autoinstall_known_extensions = false',
	'SET autoload_known_extensions = false',
	`SET allowed_directories = ['${IMPORT_DIR}']`,
	'SET enable_external_access = false',
	'SET lock_configuration = true'
];

/** Reads a result's batches until `maxRows` rows are held (or `stop()` says so); the schema even when no row comes. */
export async function takeRows(
	reader: { readonly schema: Schema } & (Iterable<RecordBatch> | AsyncIterable<RecordBatch>),
	maxRows: number,
	stop: () => boolean = () => false
): Promise<StreamedResult> {
	const batches: RecordBatch[] = [];
	let rows = 0;
	let truncated = false;
	// A reader closed at its end may forget its schema: keep the one seen first.
	let schema: Schema | undefined = reader.schema;
	for await (const batch of reader) {
		schema ??= batch.schema;
		if (stop()) break;
		if (rows + batch.numRows > maxRows) {
			batches.push(batch.slice(0, maxRows - rows));
			truncated = true;
			break;
		}
		batches.push(batch);
		rows += batch.numRows;
	}
	return { schema: schema ?? new Schema([]), batches, truncated };
}

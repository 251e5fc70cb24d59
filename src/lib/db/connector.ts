import type { Table } from 'apache-arrow';

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
	/** Registers bytes under a file name (duckdb-wasm `registerFileBuffer`). */
	registerFile(name: string, bytes: Uint8Array): Promise<void>;
	dropFile(name: string): Promise<void>;
}

/**
 * duckdb-wasm has only core functions built in; anything else would be fetched from the network
 * and fail (or hang, in Node). Forbid it so an offline mistake fails loudly at once.
 */
export const OFFLINE_SETTINGS = [
	'SET autoinstall_known_extensions = false',
	'SET autoload_known_extensions = false'
];

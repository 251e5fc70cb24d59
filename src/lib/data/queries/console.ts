/**
 * The SQL console (/sql) through the data layer: every shipped table and the user's imports loaded,
 * then the schema and a read-only session of its own (guard, time limit and paging in `db/console.ts`).
 */
import { atlasData } from '../engine/atlas';
import { consoleSchema, type SchemaTable } from '../engine/console';
import type { QuerySession } from '../engine/connector';
import { dataUrl } from './context';
import { userImports } from './imports';

export { ALLOWED_LABEL, CONSOLE_TIME_LIMIT_S, MAX_CONSOLE_ROWS, communeCodeColumn, runConsoleQuery, type ConsoleCell, type ConsoleResult, type SchemaTable } from '../engine/console';
export type { QuerySession } from '../engine/connector';

/** The query the console opens with (editable by the user). */
export const CONSOLE_EXAMPLE = "SELECT code, nom, population\nFROM communes\nWHERE dep = '46'\nORDER BY population DESC";

/** Every table loaded, the user's imports restored; the schema listed and a session opened. */
export async function openConsole(): Promise<{ schema: SchemaTable[]; session: QuerySession }> {
	const data = await atlasData(dataUrl());
	await data.tables.ensureAll();
	await userImports();
	const engine = await data.engine;
	return { schema: await consoleSchema(engine), session: await engine.openSession() };
}

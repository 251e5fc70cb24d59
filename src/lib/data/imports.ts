/**
 * The user's imports (/donnees) through the data layer: the files kept in the browser are re-imported
 * into the page's engine (`db/user-imports.ts`, SQL in `db/imports.ts`), and the page's `DataSource`
 * is told which tables they hold, so that `source.has()` sees an imported `population_ages`.
 */
import { atlasData } from '../db/atlas';
import * as stored from '../db/user-imports';
import type { UserImport } from '../db/user-imports';
import { dataUrl, pageSource } from './context';
import type { DataSource } from './source';

export type { UserImport } from '../db/user-imports';
export { MAX_IMPORT_LABEL, OFFICIAL_FORMATS, PASSAGE_TABLE, reportLines } from '../db/imports';

async function page() {
	const [data, source] = await Promise.all([atlasData(dataUrl()), pageSource()]);
	return { data, source };
}

function told(source: DataSource, imports: UserImport[]): UserImport[] {
	for (const i of imports) source.markImported(i.table, i.error === null);
	return imports;
}

/** The stored imports, re-imported once per page load; the page's source then sees their tables. */
export async function userImports(): Promise<UserImport[]> {
	const { data, source } = await page();
	return told(source, await stored.userImports(data));
}

/** Imports one file (refusals are French `ImportError`s); its table is then seen by the source. */
export async function importUserFile(file: File): Promise<UserImport> {
	const { data, source } = await page();
	const added = await stored.importUserFile(data, file);
	source.markImported(added.table, true);
	return added;
}

/** Forgets an import: the file leaves the browser, its table the engine and the source. */
export async function removeUserImport(table: string): Promise<void> {
	const { data, source } = await page();
	await stored.removeUserImport(data, table);
	source.markImported(table, false);
}

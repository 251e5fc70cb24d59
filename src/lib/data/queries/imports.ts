/**
 * The user's imports (/donnees) through the data layer: the files kept in the browser are re-imported
 * into the page's engine (`db/user-imports.ts`, SQL in `db/imports.ts` and `db/generic-import.ts`), the
 * page's `DataSource` is told which tables they hold (`source.has()` sees an imported `population_ages`),
 * and the catalogue which indicators the user's own files make.
 */
import { atlasData } from '../engine/atlas';
import * as stored from '../imports/user-imports';
import type { OnProgress, UserImport } from '../imports/user-imports';
import { genericTables, previewGenericFile, type FilePreview } from '../imports/generic-import';
import { hasArtefact } from '../engine/artefacts';
import { PASSAGE_TABLE } from '../imports/imports';
import { setUserIndicators } from '../../indicators/catalogue';
import { userIndicators, type UserFileSpec } from '../../indicators/user';
import { applyImports } from './atlas';
import { dataUrl, pageSource } from './context';

export type { UserImport, ImportProgress, OnProgress } from '../imports/user-imports';
export type { FilePreview } from '../imports/generic-import';
export { FORMAT_LIST, MAX_IMPORT_LABEL, MAX_OFFICIAL_LABEL, PASSAGE_TABLE, SPLITS_TABLE, UnknownFormatError, reportLines } from '../imports/imports';
export { DELIMITER_LABELS, genericReportLines, noCodeColumn, specProblem } from '../imports/generic-import';

async function page() {
	const [data, source] = await Promise.all([atlasData(dataUrl()), pageSource()]);
	return { data, source };
}

/** The stored imports, re-imported once per page load; the page's source then sees their tables. */
export async function userImports(): Promise<UserImport[]> {
	const { data, source } = await page();
	return applyImports(source, await stored.userImports(data));
}

/**
 * The indicators of the user's files, from their descriptions alone (no file read, no engine): the
 * explorer asks for them before reading a permalink. Never fails: without storage, there are none.
 */
export async function loadUserIndicators(): Promise<void> {
	try {
		const specs = await stored.storedSpecs();
		setUserIndicators(specs.flatMap((s) => userIndicators(s.table, s.fileName, s.spec)));
	} catch {
		// No IndexedDB (private browsing…): the catalogue is the atlas's alone.
	}
}

/** Imports one file, official or (with `spec`) described by the user; refusals are French `ImportError`s. */
export async function importUserFile(file: File, spec?: UserFileSpec, progress?: OnProgress): Promise<UserImport> {
	const { data, source } = await page();
	const added = await stored.importUserFile(data, file, spec, progress);
	applyImports(source, await stored.userImports(data));
	return added;
}

/** The first rows and likely code columns of a file of no official format (read by the engine); of `sheet` for a workbook. */
export async function previewUserFile(file: File, sheet?: string): Promise<FilePreview> {
	const { data } = await page();
	const passage = hasArtefact(data.manifest, PASSAGE_TABLE);
	await data.tables.ensure(genericTables(null, passage));
	return previewGenericFile(await data.engine, new Uint8Array(await file.arrayBuffer()), file.name, { passage, sheet });
}

/** Forgets an import: the file leaves the browser, its table the engine and the source, its indicators the catalogue. */
export async function removeUserImport(table: string): Promise<void> {
	const { data, source } = await page();
	await stored.removeUserImport(data, table);
	source.markImported(table, false);
	applyImports(source, await stored.userImports(data));
}

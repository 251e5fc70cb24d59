/** The page's data source: one per page load, shared by the explorer, the portraits, the comparison and the CLS pages. */
import { atlasData } from '../engine/atlas';
import { userImports, type UserImport } from '../imports/user-imports';
import { setImportedFiles, setUserIndicators } from '../../indicators/catalogue';
import { userIndicators } from '../../indicators/user';
import { DataSource } from './source';
import { setImportNotes } from './provenance';
import { splitNotes } from '../imports/splits';

/** Tells the source which tables the user's imports hold, and the catalogue which indicators their files make. */
export function applyImports(source: DataSource, imports: UserImport[]): UserImport[] {
	for (const i of imports) source.markImported(i.table, i.error === null);
	setImportedFiles(imports.flatMap((i) => (i.kind !== 'generic' && i.error === null ? [{ table: i.table, fileName: i.fileName, annee: i.report.annee }] : [])));
	setUserIndicators(imports.flatMap((i) => (i.kind === 'generic' && i.error === null ? userIndicators(i.table, i.fileName, i.spec) : [])));
	setImportNotes(new Map(imports.flatMap((i) => (i.error === null ? [[i.table, splitNotes(i.report.splits ?? [])] as const] : []))));
	return imports;
}

let shared: Promise<DataSource> | null = null;

/** `dataUrl` is the folder of the artefacts (`${base}/data`). */
export function atlasSource(dataUrl: string): Promise<DataSource> {
	shared ??= atlasData(dataUrl).then((data) => {
		const source = new DataSource(data.manifest, () => data.engine, data.tables);
		source.restoreImports = async () => void applyImports(source, await userImports(data));
		return source;
	});
	shared.catch(() => (shared = null));
	return shared;
}

/**
 * Starts the page's DuckDB (once): the root layout calls it as the app boots; the explorer, once its
 * first view's geometry is in (it draws that view without it). The source's queries wait for it.
 */
export { startEngine } from '../engine/engine';

/**
 * Registers the service worker that keeps the atlas for a visit without network, once the page has
 * started (its caches are filled from what the page downloaded): the explorer calls it when all its
 * tables are in, other pages when the engine is up.
 */
export { keepForOffline } from '../engine/engine-offline';

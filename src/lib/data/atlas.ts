/** The page's data source: one per page load, shared by the explorer, the portraits, the comparison and the CLS pages. */
import { atlasData } from '../db/atlas';
import { DataSource } from './source';

let shared: Promise<DataSource> | null = null;

/** `dataUrl` is the folder of the artefacts (`${base}/data`). */
export function atlasSource(dataUrl: string): Promise<DataSource> {
	shared ??= atlasData(dataUrl).then((data) => new DataSource(data.manifest, () => data.engine, data.tables));
	shared.catch(() => (shared = null));
	return shared;
}

/**
 * Starts the page's DuckDB (once): the root layout calls it as the app boots; the explorer, as its
 * first view's files are fetched (it draws that view without it). The source's queries wait for it.
 */
export { startEngine } from '../db/engine';

import type { FileDb } from './connector';
import { ArtefactError, MANIFEST_FILE, parseManifest, type Manifest } from './artefacts';
import { TableLoader } from './load';
import { browserEngine } from './engine';
import { NETWORK_LOST, fetchBytes } from './fetch';

/**
 * The atlas's data for any page of the app: the manifest, the engine and its tables, each started
 * once per page load and shared (the explorer, the CLS pages and the portraits all read it, through the data layer's `DataSource`).
 */
export class AtlasData {
	readonly tables: TableLoader;

	constructor(
		readonly dataUrl: string,
		readonly manifest: Manifest
	) {
		this.tables = new TableLoader(() => this.engine, manifest, (file) => fetchBytes(`${dataUrl}/${file}`));
	}

	/** The page's engine (started again if a previous start failed). */
	get engine(): Promise<FileDb> {
		return browserEngine();
	}
}

let shared: Promise<AtlasData> | null = null;

/** The page's AtlasData; `dataUrl` is the folder of the artefacts (`${base}/data`). */
export function atlasData(dataUrl: string): Promise<AtlasData> {
	if (!shared) {
		const loading = fetchManifest(dataUrl).then((manifest) => new AtlasData(dataUrl, manifest));
		shared = loading;
		// Not cached when it failed (network lost): a later call tries again.
		loading.catch(() => {
			if (shared === loading) shared = null;
		});
	}
	return shared;
}

async function fetchManifest(dataUrl: string): Promise<Manifest> {
	const response = await fetch(`${dataUrl}/${MANIFEST_FILE}`).catch(() => null);
	if (!response) throw new ArtefactError(`Le manifeste des données (${MANIFEST_FILE}) n’a pas pu être téléchargé (${NETWORK_LOST}).`);
	if (!response.ok) throw new ArtefactError(`Le manifeste des données (${MANIFEST_FILE}) est introuvable.`);
	return parseManifest(await response.text());
}

/**
 * What every page of the atlas reads once: the data source, commune → EPCI membership, names of
 * communes and EPCI, QPV → communes (the explorer, the portraits, the comparison and the CLS pages).
 * Browser only: the data is served under `${base}/data`.
 */
import { base } from '$app/paths';
import { communesByEpci } from '../../register/perimeter';
import { qpvIndexFromRows, type QpvIndex } from '../../register/target';
import { atlasSource } from './atlas';
import type { DataSource } from './source';
import type { Manifest } from '../engine/artefacts';
import { communeDirectory } from './territories';

/** Where the artefacts are served, for the modules that read files themselves (the map's geometry). */
export interface AtlasFiles {
	dataUrl: string;
	manifest: Manifest;
}

export interface AtlasContext {
	source: DataSource;
	files: AtlasFiles;
	membership: Map<string, string | null>;
	/** SIREN → communes, computed once. */
	index: Map<string, string[]>;
	communeNames: Map<string, string>;
	epciNames: Map<string, string>;
	qpv: QpvIndex;
}

let shared: Promise<AtlasContext> | null = null;

/** The folder of the artefacts. */
export function dataUrl(): string {
	return `${base}/data`;
}

/** The page's data source alone (the explorer's map needs no directory to start). */
export function pageSource(): Promise<DataSource> {
	return atlasSource(dataUrl());
}

export function atlasContext(): Promise<AtlasContext> {
	shared ??= (async () => {
		const source = await pageSource();
		const { membership, communeNames, epciNames, qpvRows } = await communeDirectory(source);
		return { source, files: { dataUrl: dataUrl(), manifest: source.manifest }, membership, index: communesByEpci(membership), communeNames, epciNames, qpv: qpvIndexFromRows(qpvRows) };
	})();
	shared.catch(() => (shared = null));
	return shared;
}

import type { ArtefactEntry, CommuneRasterEntry } from './artefacts';
import { ArtefactError, fetchBytes, readArtefact } from './artefacts';
import { decodeMesh } from '../geometry/mesh';
import type { FlatPolygons } from '../geometry/polygons';
import { decodeRaster, type CommuneRaster } from '../geometry/raster';

/**
 * Loads one geometry artefact: a mesh already triangulated by `npm run data` (or the commune image). Checking and
 * decompressing run off the main thread (SubtleCrypto, DecompressionStream); decoding only makes
 * typed views on the bytes, so no worker is needed.
 */
export function loadPolygons(entry: ArtefactEntry, baseUrl: string): Promise<FlatPolygons> {
	return loadDecoded(entry, baseUrl, decodeMesh);
}

/** The commune image the map draws at country zoom, with its frame. */
export type PlacedRaster = CommuneRaster & Pick<CommuneRasterEntry, 'bounds' | 'zoom'>;

export async function loadCommuneRaster(entry: CommuneRasterEntry, baseUrl: string): Promise<PlacedRaster> {
	const raster = await loadDecoded(entry, baseUrl, decodeRaster);
	if (raster.width !== entry.width || raster.height !== entry.height) throw new ArtefactError(`Le fichier de données « ${entry.file} » n’a pas la taille annoncée.`);
	return { ...raster, bounds: entry.bounds, zoom: entry.zoom };
}

async function loadDecoded<T>(entry: Parameters<typeof readArtefact>[0], baseUrl: string, decode: (bytes: Uint8Array) => T): Promise<T> {
	const bytes = await readArtefact(entry, (file) => fetchBytes(`${baseUrl}/${file}`));
	try {
		return decode(bytes);
	} catch (error) {
		throw new ArtefactError(`Le fichier de données « ${entry.file} » est illisible : ${error instanceof Error ? error.message : String(error)}.`);
	}
}

import type { ArtefactEntry } from './artefacts';
import { ArtefactError, fetchBytes, readArtefact } from './artefacts';
import { decodeMesh } from '../geometry/mesh';
import type { FlatPolygons } from '../geometry/polygons';

/**
 * Loads one geometry artefact: a mesh already triangulated by `npm run data`. Checking and
 * decompressing run off the main thread (SubtleCrypto, DecompressionStream); decoding only makes
 * typed views on the bytes, so no worker is needed.
 */
export async function loadPolygons(entry: ArtefactEntry, baseUrl: string): Promise<FlatPolygons> {
	const bytes = await readArtefact(entry, (file) => fetchBytes(`${baseUrl}/${file}`));
	try {
		return decodeMesh(bytes);
	} catch (error) {
		throw new ArtefactError(`Le fichier de données « ${entry.file} » est illisible : ${error instanceof Error ? error.message : String(error)}.`);
	}
}

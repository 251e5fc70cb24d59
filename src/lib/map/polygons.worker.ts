/// <reference lib="webworker" />
import { readArtefact, type ArtefactEntry } from '../data/artefacts';
import { fetchBytes } from '../data/artefacts';
import { flattenMultiPolygons } from './polygons';

/**
 * Fetches, checks and triangulates a geometry artefact off the main thread, so the page stays
 * responsive and DuckDB can start at the same time.
 */
export interface PolygonsRequest {
	entry: ArtefactEntry;
	baseUrl: string;
	triangulate: boolean;
}

self.onmessage = async (event: MessageEvent<PolygonsRequest>) => {
	const { entry, baseUrl, triangulate } = event.data;
	try {
		const bytes = await readArtefact(entry, (file) => fetchBytes(`${baseUrl}/${file}`));
		const polygons = flattenMultiPolygons(bytes, { triangulate });
		self.postMessage({ ok: true, polygons }, [
			polygons.positions.buffer,
			polygons.partStarts.buffer,
			polygons.partFeature.buffer,
			polygons.ringStarts.buffer,
			polygons.triangles.buffer
		]);
	} catch (error) {
		self.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
	}
};

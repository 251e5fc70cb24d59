import type { ArtefactEntry } from '../data/artefacts';
import { ArtefactError } from '../data/artefacts';
import type { FlatPolygons } from './polygons';
import type { PolygonsRequest } from './polygons.worker';

type PolygonsReply = { ok: true; polygons: FlatPolygons } | { ok: false; message: string };

/**
 * Loads one geometry artefact through a short-lived worker. Outlines need no triangles:
 * skipping them leaves the CPU to the engine and the commune fill.
 */
export function loadPolygons(
	entry: ArtefactEntry,
	baseUrl: string,
	{ triangulate = true }: { triangulate?: boolean } = {}
): Promise<FlatPolygons> {
	const worker = new Worker(new URL('./polygons.worker.ts', import.meta.url), { type: 'module' });
	return new Promise<FlatPolygons>((resolve, reject) => {
		worker.onmessage = (event: MessageEvent<PolygonsReply>) => {
			worker.terminate();
			if (event.data.ok) resolve(event.data.polygons);
			else reject(new ArtefactError(event.data.message));
		};
		worker.onerror = (event) => {
			worker.terminate();
			reject(new ArtefactError(`Lecture des contours impossible : ${event.message}`));
		};
		worker.postMessage({ entry, baseUrl, triangulate } satisfies PolygonsRequest);
	});
}

import type { FlatPolygons } from './polygons';

/** The rings of the features kept, in one pass: hover and selection outlines, a set of communes. */
export function featureRings(polygons: FlatPolygons, keep: (feature: number) => boolean): Float32Array[] {
	const rings: Float32Array[] = [];
	let ring = 0;
	for (let part = 0; part < polygons.partFeature.length; part++) {
		const end = polygons.partStarts[part + 1];
		const mine = keep(polygons.partFeature[part]);
		while (polygons.ringStarts[ring] < end) {
			if (mine) rings.push(polygons.positions.subarray(polygons.ringStarts[ring] * 2, polygons.ringStarts[ring + 1] * 2));
			ring++;
		}
	}
	return rings;
}

import type { FlatPolygons } from '../data/geometry/polygons';
import type { PlacedRaster } from '../data/queries/load-polygons';
import { mercatorX, mercatorY } from '../data/geometry/raster';
import { featureRings } from './layers';

/**
 * The département and région borders outside the DROM as distance fields on the commune image's pixels,
 * for the raster layer: two bytes a pixel, the distance from the pixel's centre to the nearest
 * département border, then région border, in image pixels up to `BORDER_REACH` (255 at that reach or
 * beyond). At country zoom MapLibre's lines cost two thirds of a frame without a GPU; from a distance
 * field, read filtered, the layer draws them as wide as the style says at any zoom and as sharp as lines
 * (a picture of the lines would blur them once scaled), for one texture read.
 */
export const BORDER_REACH = 12;

export function rasterBorders(raster: PlacedRaster, departements: FlatPolygons, regions: FlatPolygons): Uint8Array {
	const { width, height } = raster;
	const [west, , east, north] = raster.bounds;
	const [x0, y0] = [mercatorX(west), mercatorY(north)];
	const scale = width / (mercatorX(east) - x0);
	const out = new Uint8Array(width * height * 2);
	[departements, regions].forEach((polygons, channel) => {
		const distance = new Float32Array(width * height).fill(BORDER_REACH);
		for (const ring of featureRings(polygons, (f) => !polygons.codes[f].startsWith('97'))) {
			let [ax, ay] = [(mercatorX(ring[0]) - x0) * scale, (mercatorY(ring[1]) - y0) * scale];
			for (let v = 2; v < ring.length; v += 2) {
				const [bx, by] = [(mercatorX(ring[v]) - x0) * scale, (mercatorY(ring[v + 1]) - y0) * scale];
				nearSegment(distance, width, height, ax, ay, bx, by);
				[ax, ay] = [bx, by];
			}
		}
		for (let i = 0; i < distance.length; i++) out[i * 2 + channel] = Math.round((distance[i] / BORDER_REACH) * 255);
	});
	return out;
}

/** Lowers the distance of each pixel within reach of the segment to its distance from it. */
function nearSegment(distance: Float32Array, width: number, height: number, ax: number, ay: number, bx: number, by: number) {
	const [dx, dy] = [bx - ax, by - ay];
	const length2 = dx * dx + dy * dy;
	const minX = Math.max(0, Math.floor(Math.min(ax, bx) - BORDER_REACH));
	const maxX = Math.min(width - 1, Math.ceil(Math.max(ax, bx) + BORDER_REACH));
	const minY = Math.max(0, Math.floor(Math.min(ay, by) - BORDER_REACH));
	const maxY = Math.min(height - 1, Math.ceil(Math.max(ay, by) + BORDER_REACH));
	for (let y = minY; y <= maxY; y++) {
		const py = y + 0.5 - ay;
		for (let x = minX; x <= maxX; x++) {
			const px = x + 0.5 - ax;
			const t = length2 > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy) / length2)) : 0;
			const [ex, ey] = [px - t * dx, py - t * dy];
			const d = Math.sqrt(ex * ex + ey * ey);
			const i = y * width + x;
			if (d < distance[i]) distance[i] = d;
		}
	}
}

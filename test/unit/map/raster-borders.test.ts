import { describe, expect, it } from 'vitest';
import { tableToIPC } from 'apache-arrow';
import { flattenMultiPolygons } from '../../../src/lib/data/geometry/polygons';
import { mercatorX, mercatorY } from '../../../src/lib/data/geometry/raster';
import { BORDER_REACH, rasterBorders, type RasterFrame } from '../../../src/lib/map/raster-borders';
import { multiPolygonColumn } from '../../../pipeline/lib/geometry';
import { makeTable, utf8 } from '../../../pipeline/lib/arrow';
import { square } from '../../fixtures/shapes';

// Fictitious shapes near the equator: two départements side by side (their shared edge is in both
// rings), the région their union, and a DROM département whose border must not be drawn.
const polygons = (codes: string[], shapes: number[][][][][]) =>
	flattenMultiPolygons(tableToIPC(makeTable([utf8('code', codes), multiPolygonColumn('geometry', shapes)]), 'stream'), { triangulate: false });
const departements = polygons(['A', 'B', '971'], [[[square(0, 0, 1)]], [[square(1, 0, 1)]], [[square(0.5, 0.4, 0.2)]]]);
const regions = polygons(['R'], [[[[[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]]]]]);
const frame: RasterFrame = { width: 64, height: 32, bounds: [-0.1, -0.1, 2.1, 1.1] };

/** The field by brute force: each pixel's distance to each segment of the rings kept, capped at the reach. */
function bruteForce(rings: number[][][], channel: number, fields: Uint8Array) {
	const [west, , east, north] = frame.bounds;
	const scale = frame.width / (mercatorX(east) - mercatorX(west));
	const at = ([lon, lat]: number[]) => [(mercatorX(lon) - mercatorX(west)) * scale, (mercatorY(lat) - mercatorY(north)) * scale];
	let worst = 0;
	for (let y = 0; y < frame.height; y++) {
		for (let x = 0; x < frame.width; x++) {
			let best = BORDER_REACH;
			for (const ring of rings) {
				for (let v = 1; v < ring.length; v++) {
					const [[ax, ay], [bx, by]] = [at(ring[v - 1]), at(ring[v])];
					const [dx, dy, px, py] = [bx - ax, by - ay, x + 0.5 - ax, y + 0.5 - ay];
					const t = Math.min(1, Math.max(0, (px * dx + py * dy) / (dx * dx + dy * dy)));
					best = Math.min(best, Math.hypot(px - t * dx, py - t * dy));
				}
			}
			worst = Math.max(worst, Math.abs(fields[(y * frame.width + x) * 2 + channel] - (best / BORDER_REACH) * 255));
		}
	}
	return worst;
}

describe('rasterBorders', () => {
	const fields = rasterBorders(frame, departements, regions);

	it('holds, for each pixel, its distance to the nearest département border then région border, to the byte', () => {
		expect(fields).toHaveLength(frame.width * frame.height * 2);
		expect(bruteForce([square(0, 0, 1), square(1, 0, 1)], 0, fields)).toBeLessThanOrEqual(0.5);
		expect(bruteForce([[[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]]], 1, fields)).toBeLessThanOrEqual(0.5);
	});

	it('draws the shared edge of two départements, not the région border there, and no DROM border', () => {
		const [west, , east] = frame.bounds;
		const pixel = (lon: number, lat: number) => {
			const scale = frame.width / (mercatorX(east) - mercatorX(west));
			const x = Math.floor((mercatorX(lon) - mercatorX(west)) * scale);
			const y = Math.floor((mercatorY(lat) - mercatorY(frame.bounds[3])) * scale);
			return (y * frame.width + x) * 2;
		};
		const shared = pixel(1, 0.5);
		expect(fields[shared]).toBeLessThan(0.1 * 255);
		expect(fields[shared + 1]).toBe(255);
		// The DROM square's edge (0.5, 0.5) lies 0.5° from every border kept: beyond reach.
		expect(fields[pixel(0.5, 0.5)]).toBe(255);
	});
});

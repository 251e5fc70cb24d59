import type { FlatPolygons } from '../../src/lib/data/geometry/polygons';
import type { Bounds } from '../../src/lib/map/camera';
import { mercatorX, mercatorY } from '../../src/lib/data/geometry/raster';

/**
 * Drawing the map's meshes at build time, without a GPU: the triangles the app hands to deck.gl,
 * projected in Web Mercator like MapLibre, each pixel taking the colour of the triangle that covers
 * its centre (the rule WebGL applies without multisampling, which is how the app draws without a GPU).
 */


/** An image of `bounds`: `width` × `height` pixels, the Mercator rectangle of the bounds scaled to fit exactly. */
export interface Frame {
	width: number;
	height: number;
	/** Pixels per world unit. */
	scale: number;
	x0: number;
	y0: number;
}

export function frameOf([west, south, east, north]: Bounds, width: number): Frame {
	const x0 = mercatorX(west);
	const y0 = mercatorY(north);
	const scale = width / (mercatorX(east) - x0);
	return { width, height: Math.round((mercatorY(south) - y0) * scale), scale, x0, y0 };
}

/** Pixel coordinates of every vertex of `polygons` in `frame`. */
function project(frame: Frame, positions: Float32Array): Float64Array {
	const out = new Float64Array(positions.length);
	for (let i = 0; i < positions.length; i += 2) {
		out[i] = (mercatorX(positions[i]) - frame.x0) * frame.scale;
		out[i + 1] = (mercatorY(positions[i + 1]) - frame.y0) * frame.scale;
	}
	return out;
}

/**
 * Paints into `pixels` (one palette index, or feature number, a pixel, `frame.width` a row) every triangle of `polygons`
 * with the index `colourOf(feature)` gives its territory (negative: left as it is).
 */
export function rasterise(frame: Frame, polygons: FlatPolygons, colourOf: (feature: number) => number, pixels: Uint8Array | Uint16Array): void {
	const xy = project(frame, polygons.positions);
	const featureOfVertex = new Int32Array(polygons.positions.length / 2);
	for (let part = 0; part < polygons.partFeature.length; part++) {
		featureOfVertex.fill(polygons.partFeature[part], polygons.partStarts[part], polygons.partStarts[part + 1]);
	}
	const { width, height } = frame;
	const t = polygons.triangles;
	for (let i = 0; i < t.length; i += 3) {
		const colour = colourOf(featureOfVertex[t[i]]);
		if (colour < 0) continue;
		let ax = xy[t[i] * 2], ay = xy[t[i] * 2 + 1];
		let bx = xy[t[i + 1] * 2], by = xy[t[i + 1] * 2 + 1];
		const cx = xy[t[i + 2] * 2], cy = xy[t[i + 2] * 2 + 1];
		// Counter-clockwise on screen (y down), so that the three edge functions are positive inside.
		if ((bx - ax) * (cy - ay) - (by - ay) * (cx - ax) < 0) [ax, ay, bx, by] = [bx, by, ax, ay];
		const minX = Math.max(0, Math.floor(Math.min(ax, bx, cx) - 0.5));
		const maxX = Math.min(width - 1, Math.ceil(Math.max(ax, bx, cx) - 0.5));
		const minY = Math.max(0, Math.floor(Math.min(ay, by, cy) - 0.5));
		const maxY = Math.min(height - 1, Math.ceil(Math.max(ay, by, cy) - 0.5));
		for (let y = minY; y <= maxY; y++) {
			const py = y + 0.5;
			for (let x = minX; x <= maxX; x++) {
				const px = x + 0.5;
				if (
					(bx - ax) * (py - ay) - (by - ay) * (px - ax) >= 0 &&
					(cx - bx) * (py - by) - (cy - by) * (px - bx) >= 0 &&
					(ax - cx) * (py - cy) - (ay - cy) * (px - cx) >= 0
				) {
					pixels[y * width + x] = colour;
				}
			}
		}
	}
}

/** Douglas–Peucker: the points of `line` (x, y pairs) kept within `tolerance` of it. */
function simplify(line: number[], tolerance: number): number[] {
	const n = line.length / 2;
	if (n <= 2) return line;
	const keep = new Uint8Array(n);
	keep[0] = keep[n - 1] = 1;
	const stack: [number, number][] = [[0, n - 1]];
	while (stack.length) {
		const [a, b] = stack.pop()!;
		const [ax, ay, bx, by] = [line[a * 2], line[a * 2 + 1], line[b * 2], line[b * 2 + 1]];
		const length = Math.hypot(bx - ax, by - ay);
		let far = -1;
		let farthest = tolerance;
		for (let i = a + 1; i < b; i++) {
			const [px, py] = [line[i * 2], line[i * 2 + 1]];
			const d = length === 0 ? Math.hypot(px - ax, py - ay) : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length;
			if (d > farthest) [far, farthest] = [i, d];
		}
		if (far < 0) continue;
		keep[far] = 1;
		stack.push([a, far], [far, b]);
	}
	return line.filter((_, i) => keep[i >> 1] === 1);
}

/** The rings of `polygons` as one SVG path in `frame`'s pixels, simplified within `tolerance` pixels. */
export function outlinePath(frame: Frame, polygons: FlatPolygons, tolerance: number): string {
	const xy = project(frame, polygons.positions);
	const parts: string[] = [];
	for (let r = 0; r + 1 < polygons.ringStarts.length; r++) {
		const ring = Array.from(xy.subarray(polygons.ringStarts[r] * 2, polygons.ringStarts[r + 1] * 2));
		const xs = ring.filter((_, i) => i % 2 === 0);
		const ys = ring.filter((_, i) => i % 2 === 1);
		// Rings out of the frame (the DROM, off the mainland's bounds) are left out.
		if (Math.max(...xs) < 0 || Math.min(...xs) > frame.width || Math.max(...ys) < 0 || Math.min(...ys) > frame.height) continue;
		// Tenths of a pixel, each point relative to the previous one: a third of the bytes of absolute coordinates.
		const kept = simplify(ring, tolerance).map((v) => Math.round(v * 10));
		if (kept.length < 6) continue;
		const steps: string[] = [];
		for (let i = 2; i < kept.length; i += 2) steps.push(`${(kept[i] - kept[i - 2]) / 10} ${(kept[i + 1] - kept[i - 1]) / 10}`);
		parts.push(`M${kept[0] / 10} ${kept[1] / 10}l${steps.join(' ')}z`);
	}
	return parts.join('');
}

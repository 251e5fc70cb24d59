import { LineLayer } from '@deck.gl/layers';
import { concatFloat32, type FlatPolygons } from '../data/geometry/polygons';
import type { Rgba } from '../indicators/palettes';

/**
 * The outer boundary of a set of features, as segments. The contours keep shared borders identical
 * (topology-preserving simplification), so an edge drawn by two features of the set is internal and dropped.
 */
export function outerSegments(polygons: FlatPolygons, features: ReadonlySet<number>): Float32Array {
	const p = polygons.positions;
	const key = (v: number) => `${p[v * 2]},${p[v * 2 + 1]}`;
	const edges = new Map<string, [number, number]>();
	const count = new Map<string, number>();
	let ring = 0;
	for (let part = 0; part < polygons.partFeature.length; part++) {
		const inside = features.has(polygons.partFeature[part]);
		for (; polygons.ringStarts[ring] < polygons.partStarts[part + 1]; ring++) {
			if (!inside) continue;
			for (let v = polygons.ringStarts[ring]; v + 1 < polygons.ringStarts[ring + 1]; v++) {
				const a = key(v);
				const b = key(v + 1);
				const edge = a < b ? `${a}|${b}` : `${b}|${a}`;
				count.set(edge, (count.get(edge) ?? 0) + 1);
				edges.set(edge, [v, v + 1]);
			}
		}
	}
	const out: number[] = [];
	for (const [edge, n] of count) {
		if (n !== 1) continue;
		const [a, b] = edges.get(edge)!;
		out.push(p[a * 2], p[a * 2 + 1], p[b * 2], p[b * 2 + 1]);
	}
	return Float32Array.from(out);
}

/** Outer boundaries of several sets of communes (given by code), one after the other. */
export function perimetersOutline(communes: FlatPolygons, perimeters: readonly (readonly string[])[]): Float32Array {
	const index = new Map(communes.codes.map((code, i) => [code, i]));
	const parts = perimeters.map((codes) => outerSegments(communes, new Set(codes.map((c) => index.get(c)).filter((i) => i !== undefined))));
	return concatFloat32(parts);
}

export function perimeterLayer(id: string, segments: Float32Array, color: Rgba, widthPixels: number) {
	return new LineLayer({
		id,
		data: {
			length: segments.length / 4,
			attributes: {
				getSourcePosition: { value: segments, size: 2, stride: 16, offset: 0 },
				getTargetPosition: { value: segments, size: 2, stride: 16, offset: 8 }
			}
		},
		getColor: color,
		getWidth: widthPixels,
		widthUnits: 'pixels'
	});
}

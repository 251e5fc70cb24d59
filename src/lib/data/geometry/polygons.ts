import earcut from 'earcut';
import { tableFromIPC, type Data, type Vector } from 'apache-arrow';

/**
 * Polygons of a geometry artefact, flattened into the typed arrays deck.gl draws without
 * per-feature JavaScript objects: one vertex buffer, start offsets, and triangles computed here
 * (deck.gl's binary path cannot triangulate polygons with holes, e.g. enclaves).
 */
export interface FlatPolygons {
	/** Territory codes, in artefact order (same order as the matching DuckDB table). */
	codes: string[];
	/** x, y (longitude, latitude) of every vertex. */
	positions: Float32Array;
	/** Vertex offset of each polygon part; length = parts + 1. */
	partStarts: Int32Array;
	/** Territory (row) index of each part. */
	partFeature: Int32Array;
	/** Vertex offset of each ring; length = rings + 1 (rings are closed, drawn as outlines). */
	ringStarts: Int32Array;
	/** Triangles, as vertex indices into positions (empty when not asked for). */
	triangles: Uint32Array;
}

/** Offsets of one list level of a chunk, shifted to the chunk's own slice. */
function offsetsOf(data: Data): Int32Array {
	return data.valueOffsets.subarray(data.offset, data.offset + data.length + 1) as Int32Array;
}

/**
 * Decodes the `geometry` column (MultiPolygon: List<List<List<FixedSizeList[2]<Float32>>>>)
 * of an Arrow IPC stream and triangulates it.
 */
export function flattenMultiPolygons(bytes: Uint8Array, { triangulate = true } = {}): FlatPolygons {
	const table = tableFromIPC(bytes);
	const geometry = table.getChild('geometry') as Vector | null;
	const code = table.getChild('code');
	if (!geometry || !code) throw new Error('colonnes « code » et « geometry » attendues');

	const codes = code.toArray() as string[];
	const partStarts: number[] = [0];
	const partFeature: number[] = [];
	const ringStarts: number[] = [0];
	const coordChunks: Float32Array[] = [];
	let vertexBase = 0;
	let featureBase = 0;

	for (const chunk of geometry.data) {
		const featureParts = offsetsOf(chunk);
		const parts = chunk.children[0];
		const partRings = offsetsOf(parts);
		const rings = parts.children[0];
		const ringCoords = offsetsOf(rings);
		const xy = rings.children[0].children[0].values as Float32Array;
		const first = ringCoords[partRings[featureParts[0]]];
		const last = ringCoords[partRings[featureParts[chunk.length]]];
		coordChunks.push(xy.subarray(first * 2, last * 2));

		for (let f = 0; f < chunk.length; f++) {
			for (let p = featureParts[f]; p < featureParts[f + 1]; p++) {
				for (let r = partRings[p]; r < partRings[p + 1]; r++) {
					ringStarts.push(vertexBase + ringCoords[r + 1] - first);
				}
				partStarts.push(vertexBase + ringCoords[partRings[p + 1]] - first);
				partFeature.push(featureBase + f);
			}
		}
		vertexBase += last - first;
		featureBase += chunk.length;
	}

	const positions = coordChunks.length === 1 ? coordChunks[0] : concatFloat32(coordChunks);
	return {
		codes,
		positions,
		partStarts: Int32Array.from(partStarts),
		partFeature: Int32Array.from(partFeature),
		ringStarts: Int32Array.from(ringStarts),
		triangles: triangulate ? triangulateParts(positions, partStarts, ringStarts) : new Uint32Array(0)
	};
}

/** The chunks one after the other in one array. */
export function concatFloat32(chunks: readonly Float32Array[]): Float32Array {
	const out = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

function triangulateParts(positions: Float32Array, partStarts: number[], ringStarts: number[]): Uint32Array {
	const out: number[] = [];
	let ring = 0;
	for (let p = 0; p + 1 < partStarts.length; p++) {
		const start = partStarts[p];
		const end = partStarts[p + 1];
		// Rings after the first ring of a part are its holes.
		const holes: number[] = [];
		while (ringStarts[ring + 1] < end) {
			ring++;
			holes.push(ringStarts[ring] - start);
		}
		ring++;
		const local = earcut(positions.subarray(start * 2, end * 2), holes.length ? holes : undefined, 2);
		for (const v of local) out.push(v + start);
	}
	return Uint32Array.from(out);
}

/**
 * The territories `keep` retains, as polygons of their own (codes, parts, rings and triangles renumbered):
 * a map of one perimeter draws its surroundings, not the 35,000 communes of France, whose vertices software
 * WebGL would transform at every frame.
 */
export function subsetPolygons(p: FlatPolygons, keep: (feature: number) => boolean): FlatPolygons {
	const featureMap = new Int32Array(p.codes.length).fill(-1);
	const codes: string[] = [];
	p.codes.forEach((code, f) => {
		if (keep(f)) featureMap[f] = codes.push(code) - 1;
	});
	const parts = p.partFeature.length;
	// New index of each vertex (-1: dropped), parts copied in order.
	const vertexMap = new Int32Array(p.positions.length / 2).fill(-1);
	let vertices = 0;
	let keptParts = 0;
	for (let part = 0; part < parts; part++) {
		if (featureMap[p.partFeature[part]] < 0) continue;
		keptParts++;
		for (let v = p.partStarts[part]; v < p.partStarts[part + 1]; v++) vertexMap[v] = vertices++;
	}
	const positions = new Float32Array(vertices * 2);
	const partStarts = new Int32Array(keptParts + 1);
	const partFeature = new Int32Array(keptParts);
	const ringStarts: number[] = [0];
	let ring = 0;
	let out = 0;
	for (let part = 0; part < parts; part++) {
		const start = p.partStarts[part];
		const end = p.partStarts[part + 1];
		const kept = featureMap[p.partFeature[part]] >= 0;
		for (; ring + 1 < p.ringStarts.length && p.ringStarts[ring + 1] <= end; ring++) {
			if (kept) ringStarts.push(vertexMap[p.ringStarts[ring + 1] - 1] + 1);
		}
		if (!kept) continue;
		positions.set(p.positions.subarray(start * 2, end * 2), vertexMap[start] * 2);
		partFeature[out] = featureMap[p.partFeature[part]];
		partStarts[++out] = vertexMap[end - 1] + 1;
	}
	const triangles: number[] = [];
	for (let t = 0; t < p.triangles.length; t += 3) {
		const a = vertexMap[p.triangles[t]];
		if (a >= 0) triangles.push(a, vertexMap[p.triangles[t + 1]], vertexMap[p.triangles[t + 2]]);
	}
	return { codes, positions, partStarts, partFeature, ringStarts: Int32Array.from(ringStarts), triangles: Uint32Array.from(triangles) };
}

export type Box = [west: number, south: number, east: number, north: number];

export const emptyBox = (): Box => [Infinity, Infinity, -Infinity, -Infinity];

/** Grows `box` to hold the vertices of polygon part `part`. */
export function extendByPart(p: FlatPolygons, part: number, box: Box): Box {
	for (let v = p.partStarts[part]; v < p.partStarts[part + 1]; v++) {
		const x = p.positions[v * 2];
		const y = p.positions[v * 2 + 1];
		if (x < box[0]) box[0] = x;
		if (x > box[2]) box[2] = x;
		if (y < box[1]) box[1] = y;
		if (y > box[3]) box[3] = y;
	}
	return box;
}

/** Which territories have a part whose bounding box meets [west, south, east, north] (1) or not (0). */
export function featuresInBox(p: FlatPolygons, [west, south, east, north]: Readonly<Box>): Uint8Array {
	const meets = new Uint8Array(p.codes.length);
	for (let part = 0; part < p.partFeature.length; part++) {
		const [w, s, e, n] = extendByPart(p, part, emptyBox());
		if (w <= east && e >= west && s <= north && n >= south) meets[p.partFeature[part]] = 1;
	}
	return meets;
}

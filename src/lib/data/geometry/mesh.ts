import type { FlatPolygons } from './polygons';

/**
 * The geometry artefact of a level, ready to draw: the typed arrays of FlatPolygons one after
 * the other, so that the app only makes views on the bytes it receives (no parsing, no
 * triangulation). Written by `npm run data`, gzipped like the Arrow artefacts.
 *
 * Layout (little-endian, every section 4-byte aligned):
 *   header: 8 × u32 = MAGIC, VERSION, features, vertices, parts, rings, triangle indices, code bytes
 *   positions f32[vertices × 2] · partStarts i32[parts + 1] · partFeature i32[parts]
 *   ringStarts i32[rings + 1] · triangles u32[indices] · codes (UTF-8, one per line)
 * Triangle indices are stored as differences from the previous one (modulo 2³²): earcut's indices
 * are close to each other, and their differences gzip five times smaller.
 */
const MAGIC = 0x4d534c43; // « CLSM »
const VERSION = 1;
const HEADER = 8;

export const MESH_EXTENSION = '.mesh.gz';

/**
 * The simplified commune mesh (`communes_simplifiees_geom`) drawn at country zoom: its borders are
 * within `pixels` Web Mercator pixels of the full ones at `zoom` (twice that one zoom level up), and
 * the map draws it below `untilZoom` (an error of one pixel at most there), the full mesh from that zoom.
 */
export const COARSE_COMMUNES = { table: 'communes_simplifiees_geom', zoom: 5, pixels: 0.5, untilZoom: 6 } as const;

export function encodeMesh(p: FlatPolygons): Uint8Array {
	const codes = new TextEncoder().encode(p.codes.join('\n'));
	const deltas = new Uint32Array(p.triangles.length);
	for (let i = 0, previous = 0; i < deltas.length; i++) {
		deltas[i] = (p.triangles[i] - previous) >>> 0;
		previous = p.triangles[i];
	}
	const sections = [p.positions, p.partStarts, p.partFeature, p.ringStarts, deltas];
	const words = HEADER + sections.reduce((n, s) => n + s.length, 0);
	const out = new Uint8Array(words * 4 + codes.byteLength);
	const header = new Uint32Array(out.buffer, 0, HEADER);
	header.set([MAGIC, VERSION, p.codes.length, p.positions.length / 2, p.partFeature.length, p.ringStarts.length - 1, p.triangles.length, codes.byteLength]);
	let at = HEADER * 4;
	for (const s of sections) {
		out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
		at += s.byteLength;
	}
	out.set(codes, at);
	return out;
}

/**
 * Views on the bytes of a mesh artefact (its triangle indices are restored in place: the bytes
 * must not be used again); throws, in French for the user, when they are not a mesh.
 */
export function decodeMesh(bytes: Uint8Array): FlatPolygons {
	// Typed views need 4-byte alignment: copy in the rare case the bytes start elsewhere.
	const own = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
	const buffer = own.buffer;
	const base = own.byteOffset;
	if (own.byteLength < HEADER * 4) throw new Error('fichier de contours tronqué');
	const [magic, version, features, vertices, parts, rings, indices, codeBytes] = new Uint32Array(buffer, base, HEADER);
	if (magic !== MAGIC || version !== VERSION) throw new Error('fichier de contours d’un format inconnu');
	let at = base + HEADER * 4;
	const take = <T>(make: (buffer: ArrayBuffer, offset: number, length: number) => T, length: number): T => {
		const view = make(buffer as ArrayBuffer, at, length);
		at += length * 4;
		return view;
	};
	const expected = (HEADER + vertices * 2 + parts + 1 + parts + rings + 1 + indices) * 4 + codeBytes;
	if (own.byteLength !== expected) throw new Error('fichier de contours tronqué');
	const positions = take((b, o, n) => new Float32Array(b, o, n), vertices * 2);
	const partStarts = take((b, o, n) => new Int32Array(b, o, n), parts + 1);
	const partFeature = take((b, o, n) => new Int32Array(b, o, n), parts);
	const ringStarts = take((b, o, n) => new Int32Array(b, o, n), rings + 1);
	const triangles = take((b, o, n) => new Uint32Array(b, o, n), indices);
	for (let i = 1; i < triangles.length; i++) triangles[i] = (triangles[i] + triangles[i - 1]) >>> 0;
	const codes = new TextDecoder().decode(new Uint8Array(buffer, at, codeBytes)).split('\n');
	if (codes.length !== features) throw new Error('fichier de contours incohérent');
	return { codes, positions, partStarts, partFeature, ringStarts, triangles };
}

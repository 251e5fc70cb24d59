/**
 * The communes of mainland France and Corsica as one image, each pixel the index of the commune
 * that covers it: what the map draws at country zoom instead of 170,000 triangles, whose drawing
 * takes a tenth of a second a frame without a GPU. A pixel is a Web Mercator pixel at
 * `COMMUNE_RASTER_ZOOM` (512-pixel tiles, as MapLibre counts zooms), where the map switches to
 * the full mesh. Written by `npm run data` from the simplified mesh, gzipped like the artefacts.
 *
 * Layout (little-endian): header u32 × 4 = MAGIC, VERSION, width, height; then u16 × width × height,
 * row by row from the north-west corner: 0 where no commune is, else the feature's index + 1 in the
 * commune meshes (the simplified and the full one share their features' order).
 */
const MAGIC = 0x52534c43; // « CLSR »
const VERSION = 1;
const HEADER = 4;

/** Web Mercator, in world units (0 to 1 west → east and north → south), as MapLibre and deck.gl project. */
export const mercatorX = (lng: number) => (lng + 180) / 360;
export const mercatorY = (lat: number) => (1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2;

/** The raster's scale: one pixel a map pixel at this zoom. */
export const COMMUNE_RASTER_ZOOM = 6;

export interface CommuneRaster {
	width: number;
	height: number;
	/** Index + 1 of the commune under each pixel, 0 for none. */
	ids: Uint16Array;
}

export function encodeRaster({ width, height, ids }: CommuneRaster): Uint8Array {
	if (ids.length !== width * height) throw new Error('image des communes : taille incohérente');
	const out = new Uint8Array(HEADER * 4 + ids.byteLength);
	new Uint32Array(out.buffer, 0, HEADER).set([MAGIC, VERSION, width, height]);
	out.set(new Uint8Array(ids.buffer, ids.byteOffset, ids.byteLength), HEADER * 4);
	return out;
}

/** Views on the bytes of a raster artefact; throws, in French for the user, when they are not one. */
export function decodeRaster(bytes: Uint8Array): CommuneRaster {
	const own = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
	if (own.byteLength < HEADER * 4) throw new Error('image des communes tronquée');
	const [magic, version, width, height] = new Uint32Array(own.buffer, own.byteOffset, HEADER);
	if (magic !== MAGIC || version !== VERSION) throw new Error('image des communes d’un format inconnu');
	if (own.byteLength !== HEADER * 4 + width * height * 2) throw new Error('image des communes tronquée');
	return { width, height, ids: new Uint16Array(own.buffer, own.byteOffset + HEADER * 4, width * height) };
}

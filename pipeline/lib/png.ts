import { deflateSync } from 'node:zlib';

/**
 * A minimal PNG writer for the pipeline's prerendered map: 8-bit indexed colour (PLTE), no filter,
 * zlib at level 9. A choropleth has a dozen colours, so one byte a pixel and long runs: small files,
 * and every pixel keeps its exact colour (no lossy step between the palette and the screen).
 */

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + data.length);
	const view = new DataView(out.buffer);
	view.setUint32(0, data.length);
	out.set(new TextEncoder().encode(type), 4);
	out.set(data, 8);
	view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
	return out;
}

/** `pixels`: one palette index a pixel, row after row; `palette`: [r, g, b] of each index (at most 256). */
export function encodeIndexedPng(width: number, height: number, pixels: Uint8Array, palette: readonly (readonly [number, number, number])[]): Uint8Array {
	if (pixels.length !== width * height) throw new Error('PNG : nombre de pixels inattendu');
	if (palette.length === 0 || palette.length > 256) throw new Error('PNG : palette de 1 à 256 couleurs attendue');
	const header = new Uint8Array(13);
	const view = new DataView(header.buffer);
	view.setUint32(0, width);
	view.setUint32(4, height);
	header.set([8, 3, 0, 0, 0], 8); // bit depth 8, indexed colour, deflate, no filter method, no interlace
	const rows = new Uint8Array(height * (width + 1));
	for (let y = 0; y < height; y++) rows.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
	const parts = [
		new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
		chunk('IHDR', header),
		chunk('PLTE', Uint8Array.from(palette.flat())),
		chunk('IDAT', deflateSync(rows, { level: 9 })),
		chunk('IEND', new Uint8Array(0))
	];
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

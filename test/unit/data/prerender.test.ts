import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync, gunzipSync } from 'node:zlib';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { DEFAULT_DATA_DIR } from '../../../src/lib/data/engine/node';
import { COMMUNE_VALUES_TABLE, MANIFEST_FILE, findArtefact, parseManifest } from '../../../src/lib/data/engine/artefacts';
import { DEFAULT_VIEW, classifyView } from '../../../src/lib/links/view-state';
import { getIndicator } from '../../../src/lib/indicators/catalogue';
import { floatColumn } from '../../../src/lib/data/queries/values';
import { ZONES } from '../../../src/lib/map/zones';
import { flattenMultiPolygons } from '../../../src/lib/data/geometry/polygons';
import { PRERENDER_INPUTS, prerenderDataVersion } from '../../../pipeline/prerender';
import { frameOf, rasterise } from '../../../pipeline/lib/raster';
import { encodeIndexedPng } from '../../../pipeline/lib/png';
import { multiPolygonColumn } from '../../../pipeline/lib/geometry';
import { makeTable, utf8 } from '../../../pipeline/lib/arrow';
import { square } from '../../fixtures/shapes';

/**
 * The explorer's HTML shows the view the pipeline drew (pipeline/prerender.ts): the manifest names what it
 * was drawn from, so that a change of data or of the default view that did not rebuild it fails here.
 */
const manifest = parseManifest(readFileSync(join(DEFAULT_DATA_DIR, MANIFEST_FILE), 'utf8'));
const prerender = manifest.prerender!;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('prerendered default view in the manifest', () => {
	it('is the explorer’s default view, at the map’s opening bounds', () => {
		expect(prerender).toBeDefined();
		expect({ indicator: prerender.indicator, level: prerender.level, method: prerender.method, classes: prerender.classes }).toEqual({
			indicator: DEFAULT_VIEW.indicator,
			level: DEFAULT_VIEW.level,
			method: DEFAULT_VIEW.method,
			classes: DEFAULT_VIEW.classes
		});
		expect(DEFAULT_VIEW.scope).toEqual({ level: 'france' });
		expect(prerender.bounds).toEqual(ZONES[0].bounds);
	});

	it('is drawn from the artefacts shipped now (its data version is theirs)', () => {
		expect(prerender.inputs).toEqual([...PRERENDER_INPUTS]);
		expect(prerender.data).toBe(prerenderDataVersion(manifest.artefacts));
	});

	it('has the classes the explorer computes on the shipped values', () => {
		const entry = findArtefact(manifest, COMMUNE_VALUES_TABLE);
		const values = floatColumn(tableFromIPC(gunzipSync(readFileSync(join(DEFAULT_DATA_DIR, entry.file)))), DEFAULT_VIEW.indicator);
		const live = classifyView(getIndicator(DEFAULT_VIEW.indicator), values, DEFAULT_VIEW, new Uint8Array(values.length).fill(1));
		expect(prerender.classification).toEqual({ min: live.min, max: live.max, breaks: live.breaks, counts: live.counts, missing: live.missing });
	});

	it('lists files that are there, with their size and digest', () => {
		for (const file of [...prerender.images, prerender.outlines]) {
			const bytes = readFileSync(join(DEFAULT_DATA_DIR, file.file));
			expect(bytes.byteLength, file.file).toBe(file.bytes);
			expect(sha256(bytes), file.file).toBe(file.sha256);
		}
		expect(prerender.images.map((i) => i.width)).toEqual([...prerender.images.map((i) => i.width)].sort((a, b) => a - b));
	});

	it('changes data version when any input changes', () => {
		for (const table of PRERENDER_INPUTS) {
			const altered = manifest.artefacts.map((a) => (a.table === table ? { ...a, sha256: '0'.repeat(64) } : a));
			expect(prerenderDataVersion(altered), table).not.toBe(prerender.data);
		}
	});
});

/** Palette indices of an indexed PNG written by encodeIndexedPng (no filter), read back. */
function pngIndices(png: Uint8Array, width: number, height: number): Uint8Array {
	const view = new DataView(png.buffer, png.byteOffset);
	let at = 8;
	const idat: Uint8Array[] = [];
	while (at < png.length) {
		const length = view.getUint32(at);
		const type = new TextDecoder().decode(png.subarray(at + 4, at + 8));
		if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
		at += 12 + length;
	}
	const rows = inflateSync(Buffer.concat(idat));
	const out = new Uint8Array(width * height);
	for (let y = 0; y < height; y++) out.set(rows.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width);
	return out;
}

describe('build-time rasteriser', () => {
	// Fictitious shapes: two squares side by side, the first with a hole, near the equator (Mercator ≈ linear).
	const polygons = flattenMultiPolygons(
		tableToIPC(makeTable([utf8('code', ['A', 'B']), multiPolygonColumn('geometry', [[[square(0, 0, 1), square(0.3, 0.3, 0.4).reverse()]], [[square(1, 0, 1)]]])]), 'stream')
	);

	it('paints each pixel whose centre a territory covers with its colour, holes left alone', () => {
		const frame = frameOf([0, 0, 2, 1], 20);
		expect(frame.height).toBe(10);
		const pixels = new Uint8Array(frame.width * frame.height).fill(9);
		rasterise(frame, polygons, (f) => f + 1, pixels);
		const at = (x: number, y: number) => pixels[y * frame.width + x];
		expect(at(1, 1)).toBe(1); // in A
		expect(at(5, 5)).toBe(9); // A's hole
		expect(at(15, 5)).toBe(2); // in B
		expect([...pixels].filter((p) => p === 9).length).toBe(16); // the 4 × 4 pixels of the hole only
	});

	it('leaves out a territory whose colour is negative', () => {
		const frame = frameOf([0, 0, 2, 1], 20);
		const pixels = new Uint8Array(frame.width * frame.height);
		rasterise(frame, polygons, (f) => (f === 0 ? -1 : 3), pixels);
		expect(pixels[5 * 20 + 2]).toBe(0);
		expect(pixels[5 * 20 + 15]).toBe(3);
	});

	it('writes a PNG that gives back its pixels and palette', () => {
		const pixels = Uint8Array.from({ length: 12 }, (_, i) => i % 3);
		const png = encodeIndexedPng(4, 3, pixels, [[255, 0, 0], [0, 255, 0], [0, 0, 255]]);
		expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
		expect([...pngIndices(png, 4, 3)]).toEqual([...pixels]);
		expect(() => encodeIndexedPng(4, 4, pixels, [[0, 0, 0]])).toThrow(/pixels/);
	});
});

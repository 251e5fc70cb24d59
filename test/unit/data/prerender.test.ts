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
import { COARSE_COMMUNES, decodeMesh } from '../../../src/lib/data/geometry/mesh';
import { decodeRaster, encodeRaster, mercatorX, mercatorY } from '../../../src/lib/data/geometry/raster';
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
		for (const file of [...prerender.images, prerender.outlines, prerender.raster!]) {
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

describe('commune image of the manifest (the map at country zoom)', () => {
	const entry = prerender.raster!;
	const raw = gunzipSync(readFileSync(join(DEFAULT_DATA_DIR, entry.file)));
	const raster = decodeRaster(new Uint8Array(raw));
	const communes = decodeMesh(new Uint8Array(gunzipSync(readFileSync(join(DEFAULT_DATA_DIR, findArtefact(manifest, COARSE_COMMUNES.table).file)))));

	it('is listed with its size and digests, and is as wide and high as said', () => {
		const bytes = readFileSync(join(DEFAULT_DATA_DIR, entry.file));
		expect([bytes.byteLength, sha256(bytes)]).toEqual([entry.bytes, entry.sha256]);
		expect([raw.byteLength, sha256(raw)]).toEqual([entry.ipc_bytes, entry.ipc_sha256]);
		expect([raster.width, raster.height]).toEqual([entry.width, entry.height]);
		// Its pixels are the map's at its zoom: the bounds span whole pixels of a 512 × 2^zoom world.
		const world = 512 * 2 ** entry.zoom;
		const [west, south, east, north] = entry.bounds;
		expect((mercatorX(east) - mercatorX(west)) * world).toBeCloseTo(entry.width, 6);
		expect((mercatorY(south) - mercatorY(north)) * world).toBeCloseTo(entry.height, 6);
	});

	it('holds every commune outside the DROM that covers a pixel, and none of the DROM', () => {
		const seen = new Set(raster.ids);
		const drom = communes.codes.flatMap((code, f) => (code.startsWith('97') ? [f + 1] : []));
		expect(drom.length).toBeGreaterThan(100);
		expect(drom.filter((id) => seen.has(id))).toEqual([]);
		// A commune smaller than a pixel may fall between pixel centres: at zoom 6, 77 of 34,746 do.
		expect(seen.size - 1).toBeGreaterThan(communes.codes.length - drom.length - 200);
	});

	it('gives, inside a commune’s triangles, that commune', () => {
		const world = 512 * 2 ** entry.zoom;
		const [west, , , north] = entry.bounds;
		const px = (lng: number) => (mercatorX(lng) - mercatorX(west)) * world;
		const py = (lat: number) => (mercatorY(lat) - mercatorY(north)) * world;
		const t = communes.triangles;
		const p = communes.positions;
		const featureOf = new Int32Array(p.length / 2);
		for (let part = 0; part < communes.partFeature.length; part++) featureOf.fill(communes.partFeature[part], communes.partStarts[part], communes.partStarts[part + 1]);
		let checked = 0;
		// Every triangle with a pixel centre well inside (a pixel from each edge).
		for (let i = 0; i < t.length; i += 3) {
			const f = featureOf[t[i]];
			if (communes.codes[f].startsWith('97')) continue;
			const xy = [t[i], t[i + 1], t[i + 2]].map((v) => [px(p[v * 2]), py(p[v * 2 + 1])]);
			const [cx, cy] = [(xy[0][0] + xy[1][0] + xy[2][0]) / 3, (xy[0][1] + xy[1][1] + xy[2][1]) / 3];
			const [x, y] = [Math.floor(cx), Math.floor(cy)];
			const inside = xy.every(([ax, ay], k) => {
				const [bx, by] = xy[(k + 1) % 3];
				const length = Math.hypot(bx - ax, by - ay);
				const side = ((bx - ax) * (y + 0.5 - ay) - (by - ay) * (x + 0.5 - ax)) / length;
				return Math.abs(side) >= 1 && Math.sign(side) === Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
			});
			if (!inside) continue;
			checked++;
			expect(raster.ids[y * raster.width + x], communes.codes[f]).toBe(f + 1);
		}
		expect(checked).toBeGreaterThan(5000);
	});

	it('is read back, and refused in French when it is not one', () => {
		const ids = Uint16Array.from([0, 1, 2, 65535, 7, 0]);
		expect(decodeRaster(encodeRaster({ width: 3, height: 2, ids }))).toEqual({ width: 3, height: 2, ids });
		const bytes = encodeRaster({ width: 3, height: 2, ids });
		expect(() => decodeRaster(bytes.subarray(0, 20))).toThrow('image des communes tronquée');
		expect(() => decodeRaster(new Uint8Array(bytes.byteLength))).toThrow('image des communes d’un format inconnu');
		expect(() => encodeRaster({ width: 4, height: 2, ids })).toThrow('taille incohérente');
	});
});

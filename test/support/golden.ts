/**
 * Golden images, the way Observable Plot keeps golden SVGs: a screenshot that matters is compared with
 * the committed picture in test/golden/, pixel by pixel, within a tolerance (software WebGL and font
 * hinting move a few pixels between runs; a layout change moves thousands). `UPDATE_GOLDEN=1` writes the
 * new picture instead, to be looked at and committed. A missing golden fails: it never passes silently.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
export const GOLDEN_DIR = resolve(import.meta.dirname, '../golden');
/** Where the screenshot under comparison is left to be looked at (the e2e suite's SHOTS). */
const SHOTS = resolve(import.meta.dirname, '../../test-results');

export interface Image {
	width: number;
	height: number;
	/** RGBA, 8 bits a channel, rows top to bottom. */
	data: Uint8Array;
}

/** Decodes the PNGs Chromium writes: 8-bit greyscale, RGB or RGBA (with or without alpha), not interlaced. */
export function decodePng(bytes: Uint8Array): Image {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const signature = [137, 80, 78, 71, 13, 10, 26, 10];
	if (!signature.every((b, i) => bytes[i] === b)) throw new Error('pas un fichier PNG');
	let offset = 8;
	let width = 0;
	let height = 0;
	let channels = 0;
	const idat: Uint8Array[] = [];
	while (offset < bytes.length) {
		const length = view.getUint32(offset);
		const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
		const body = bytes.subarray(offset + 8, offset + 8 + length);
		if (type === 'IHDR') {
			width = view.getUint32(offset + 8);
			height = view.getUint32(offset + 12);
			const [depth, colour, , , interlace] = body.subarray(8, 13);
			channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colour] ?? 0;
			if (depth !== 8 || !channels || interlace) throw new Error(`PNG non pris en charge (profondeur ${depth}, couleur ${colour}, entrelacé ${interlace})`);
		} else if (type === 'IDAT') idat.push(body);
		else if (type === 'IEND') break;
		offset += 12 + length;
	}
	const raw = inflateSync(Buffer.concat(idat));
	const stride = width * channels;
	const rows = new Uint8Array(height * stride);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
		const out = rows.subarray(y * stride, (y + 1) * stride);
		const prev = y ? rows.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
		for (let x = 0; x < stride; x++) {
			const a = x >= channels ? out[x - channels] : 0;
			const b = prev[x];
			const c = x >= channels ? prev[x - channels] : 0;
			const p = a + b - c;
			const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
			const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
			if (predictor === undefined) throw new Error(`filtre PNG inconnu ${filter}`);
			out[x] = (line[x] + predictor) & 0xff;
		}
	}
	const data = new Uint8Array(width * height * 4);
	for (let i = 0; i < width * height; i++) {
		const px = rows.subarray(i * channels, (i + 1) * channels);
		const [r, g, b] = channels >= 3 ? px : [px[0], px[0], px[0]];
		data.set([r, g, b, channels === 4 ? px[3] : channels === 2 ? px[1] : 255], i * 4);
	}
	return { width, height, data };
}

export interface Difference {
	/** Share of pixels whose largest channel difference exceeds `threshold`. */
	share: number;
	differing: number;
	sameSize: boolean;
}

/** How far two images are apart; images of different sizes differ entirely. */
export function compareImages(actual: Image, expected: Image, threshold = 48): Difference {
	if (actual.width !== expected.width || actual.height !== expected.height) return { share: 1, differing: actual.width * actual.height, sameSize: false };
	let differing = 0;
	for (let i = 0; i < actual.data.length; i += 4) {
		const d = Math.max(
			Math.abs(actual.data[i] - expected.data[i]),
			Math.abs(actual.data[i + 1] - expected.data[i + 1]),
			Math.abs(actual.data[i + 2] - expected.data[i + 2]),
			Math.abs(actual.data[i + 3] - expected.data[i + 3])
		);
		if (d > threshold) differing++;
	}
	return { share: differing / (actual.width * actual.height), differing, sameSize: true };
}

/**
 * Compares a text golden (a chart's SVG, like Observable Plot's) with `test/golden/<file>`, exactly: the
 * markup is a pure function of the inputs, so any difference is a change to look at. `UPDATE_GOLDEN=1`
 * writes it instead; a missing golden fails.
 */
export function expectGoldenText(text: string, file: string): void {
	const golden = resolve(GOLDEN_DIR, file);
	if (process.env.UPDATE_GOLDEN === '1') {
		mkdirSync(GOLDEN_DIR, { recursive: true });
		writeFileSync(golden, text);
		return;
	}
	if (!existsSync(golden)) throw new Error(`référence absente : test/golden/${file} (lancez avec UPDATE_GOLDEN=1, regardez-la, puis versionnez-la)`);
	const expected = readFileSync(golden, 'utf8');
	if (text !== expected) {
		mkdirSync(SHOTS, { recursive: true });
		writeFileSync(resolve(SHOTS, file), text);
		const a = text.split('\n');
		const b = expected.split('\n');
		const first = a.findIndex((l, i) => l !== b[i]);
		const line = first < 0 ? a.length : first;
		throw new Error(`${file} diffère de la référence à la ligne ${line + 1} :\n  attendu : ${b[line] ?? '(fin)'}\n  obtenu  : ${a[line] ?? '(fin)'}\nvoir test-results/${file}`);
	}
}

/**
 * Compares a screenshot with `test/golden/<name>.png`; throws with the share of pixels that differ
 * (the screenshot is left in test-results/ to look at). `tolerance`: share of pixels allowed to differ.
 */
export function expectGolden(png: Uint8Array, name: string, tolerance = 0.01): void {
	const golden = resolve(GOLDEN_DIR, `${name}.png`);
	mkdirSync(SHOTS, { recursive: true });
	writeFileSync(resolve(SHOTS, `${name}.png`), png);
	if (process.env.UPDATE_GOLDEN === '1') {
		mkdirSync(GOLDEN_DIR, { recursive: true });
		writeFileSync(golden, png);
		return;
	}
	if (!existsSync(golden)) throw new Error(`image de référence absente : test/golden/${name}.png (lancez avec UPDATE_GOLDEN=1, regardez-la, puis versionnez-la)`);
	const diff = compareImages(decodePng(png), decodePng(new Uint8Array(readFileSync(golden))));
	if (!diff.sameSize) throw new Error(`${name} : taille différente de l’image de référence`);
	if (diff.share > tolerance) {
		throw new Error(`${name} : ${(diff.share * 100).toFixed(2)} % des pixels diffèrent de l’image de référence (tolérance ${(tolerance * 100).toFixed(2)} %) ; voir test-results/${name}.png`);
	}
}

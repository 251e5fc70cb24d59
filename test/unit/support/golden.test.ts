import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compareImages, decodePng, expectGoldenText, GOLDEN_DIR, type Image } from '../../support/golden';

/** A PNG encoder written for the test: each row uses filter `y % 5`, so the decoder meets all five. */
function encodePng(image: Image): Uint8Array {
	const { width, height, data } = image;
	const stride = width * 4;
	const raw = new Uint8Array(height * (stride + 1));
	for (let y = 0; y < height; y++) {
		const filter = y % 5;
		raw[y * (stride + 1)] = filter;
		for (let x = 0; x < stride; x++) {
			const at = (yy: number, xx: number) => (yy < 0 || xx < 0 ? 0 : data[yy * stride + xx]);
			const a = at(y, x - 4), b = at(y - 1, x), c = at(y - 1, x - 4);
			const paeth = () => {
				const p = a + b - c;
				const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
				return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
			};
			const predictor = [0, a, b, Math.floor((a + b) / 2), paeth()][filter];
			raw[y * (stride + 1) + 1 + x] = (data[y * stride + x] - predictor + 256) % 256;
		}
	}
	const chunk = (type: string, body: Uint8Array) => {
		const out = Buffer.alloc(12 + body.length);
		out.writeUInt32BE(body.length, 0);
		out.write(type, 4, 'latin1');
		out.set(body, 8);
		return out; // the decoder does not check CRCs
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 6, 0, 0, 0], 8);
	return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]);
}

function gradient(width: number, height: number): Image {
	const data = new Uint8Array(width * height * 4);
	for (let i = 0; i < width * height; i++) data.set([(i * 37) % 256, (i * 11) % 256, (i * 101) % 256, 200 + (i % 56)], i * 4);
	return { width, height, data };
}

describe('golden images', () => {
	it('decodes every PNG row filter back to the pixels encoded', () => {
		const image = gradient(13, 11);
		expect(decodePng(encodePng(image))).toEqual(image);
	});

	it('counts the pixels that differ beyond the threshold, and a size change as total', () => {
		const a = gradient(10, 10);
		const b = { ...a, data: a.data.slice() };
		for (const i of [0, 5, 42]) b.data[i * 4] = (b.data[i * 4] + 128) % 256;
		b.data[7 * 4 + 1] = (b.data[7 * 4 + 1] + 10) % 256; // under the threshold
		expect(compareImages(b, a)).toEqual({ share: 0.03, differing: 3, sameSize: true });
		expect(compareImages(gradient(10, 9), a).share).toBe(1);
		expect(() => decodePng(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow('pas un fichier PNG');
	});

	it('fails on a missing text golden, and names the first line that differs', () => {
		if (process.env.UPDATE_GOLDEN === '1') return; // the update writes goldens instead of failing
		expect(() => expectGoldenText('<svg/>\n', 'no-such-golden.svg')).toThrow('référence absente : test/golden/no-such-golden.svg');
		const golden = readFileSync(resolve(GOLDEN_DIR, 'apl-bars.svg'), 'utf8');
		const lines = golden.split('\n');
		lines[4] = lines[4].replace('y="', 'y="1');
		expect(() => expectGoldenText(lines.join('\n'), 'apl-bars.svg')).toThrow(/à la ligne 5 :/);
		expect(() => expectGoldenText(golden, 'apl-bars.svg')).not.toThrow();
	});
});

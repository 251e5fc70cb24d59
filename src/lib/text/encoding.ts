/**
 * The atlas's one text decoder for files people bring or the pipeline reads: strict UTF-8 (BOM
 * removed), else Windows-1252 — what an old Excel or Windows export in « Latin-1 » really is.
 */

export interface Decoded {
	text: string;
	encoding: 'utf-8' | 'windows-1252';
}

// 0x80–0x9F in Windows-1252 (WHATWG encoding standard); 0 = undefined byte, kept as U+0080+n.
const CP1252_HIGH = [
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178
];

/**
 * Windows-1252 → text, without relying on the environment's ICU (some Node builds decode this label
 * as ISO-8859-1 and turn 0x96 into U+0096 instead of the en dash).
 */
export function decodeWindows1252(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 8192) {
		const chunk = bytes.subarray(i, i + 8192);
		const codes = Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b));
		out += String.fromCharCode(...codes);
	}
	return out;
}

export function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Bytes → text: UTF-8 when the bytes are valid UTF-8, Windows-1252 otherwise; the BOM removed. */
export function decodeText(bytes: Uint8Array): Decoded {
	try {
		return { text: stripBom(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)), encoding: 'utf-8' };
	} catch {
		return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
	}
}

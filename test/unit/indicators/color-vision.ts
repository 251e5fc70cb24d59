/**
 * Colour vision deficiency simulation and colour difference, for the palette tests: Machado, Oliveira
 * & Fernandes (2009) matrices at full severity (dichromacy), applied to linear sRGB; CIEDE2000 in CIELAB (D65).
 */

type Vec3 = [number, number, number];

export type Vision = 'normale' | 'protanopie' | 'deutéranopie' | 'tritanopie';

const MACHADO: Record<Exclude<Vision, 'normale'>, Vec3[]> = {
	protanopie: [
		[0.152286, 1.052583, -0.204868],
		[0.114503, 0.786281, 0.099216],
		[-0.003882, -0.048116, 1.051998]
	],
	deutéranopie: [
		[0.367322, 0.860646, -0.227968],
		[0.280085, 0.672501, 0.047413],
		[-0.01182, 0.04294, 0.968881]
	],
	tritanopie: [
		[1.255528, -0.076749, -0.178779],
		[-0.078411, 0.930809, 0.147602],
		[0.004733, 0.691367, 0.3039]
	]
};

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

export function hexToLinear(hex: string): Vec3 {
	const n = parseInt(hex.replace('#', ''), 16);
	return [toLinear(((n >> 16) & 255) / 255), toLinear(((n >> 8) & 255) / 255), toLinear((n & 255) / 255)];
}

/** The colour as seen with the given vision (linear sRGB, clamped to the gamut). */
export function simulate(rgb: Vec3, vision: Vision): Vec3 {
	if (vision === 'normale') return rgb;
	const m = MACHADO[vision];
	return m.map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]))) as Vec3;
}

export function linearToLab([r, g, b]: Vec3): Vec3 {
	const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
	const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
	const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
	const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
	return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIEDE2000 colour difference (Sharma, Wu & Dalal 2005). */
export function deltaE2000([L1, a1, b1]: Vec3, [L2, a2, b2]: Vec3): number {
	const rad = Math.PI / 180;
	const C1 = Math.hypot(a1, b1);
	const C2 = Math.hypot(a2, b2);
	const Cm = (C1 + C2) / 2;
	const G = 0.5 * (1 - Math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7)));
	const a1p = (1 + G) * a1;
	const a2p = (1 + G) * a2;
	const C1p = Math.hypot(a1p, b1);
	const C2p = Math.hypot(a2p, b2);
	const h = (b: number, a: number) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
	const h1p = h(b1, a1p);
	const h2p = h(b2, a2p);
	const dL = L2 - L1;
	const dC = C2p - C1p;
	let dh = 0;
	if (C1p * C2p !== 0) {
		dh = h2p - h1p;
		if (dh > 180) dh -= 360;
		else if (dh < -180) dh += 360;
	}
	const dH = 2 * Math.sqrt(C1p * C2p) * Math.sin((dh / 2) * rad);
	const Lm = (L1 + L2) / 2;
	const Cmp = (C1p + C2p) / 2;
	let hm = h1p + h2p;
	if (C1p * C2p !== 0) {
		if (Math.abs(h1p - h2p) <= 180) hm = (h1p + h2p) / 2;
		else hm = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
	}
	const T = 1 - 0.17 * Math.cos((hm - 30) * rad) + 0.24 * Math.cos(2 * hm * rad) + 0.32 * Math.cos((3 * hm + 6) * rad) - 0.2 * Math.cos((4 * hm - 63) * rad);
	const dTheta = 30 * Math.exp(-(((hm - 275) / 25) ** 2));
	const Rc = 2 * Math.sqrt(Cmp ** 7 / (Cmp ** 7 + 25 ** 7));
	const Sl = 1 + (0.015 * (Lm - 50) ** 2) / Math.sqrt(20 + (Lm - 50) ** 2);
	const Sc = 1 + 0.045 * Cmp;
	const Sh = 1 + 0.015 * Cmp * T;
	const Rt = -Math.sin(2 * dTheta * rad) * Rc;
	return Math.sqrt((dL / Sl) ** 2 + (dC / Sc) ** 2 + (dH / Sh) ** 2 + Rt * (dC / Sc) * (dH / Sh));
}

/** Difference between two colours as seen with the given vision. */
export function seenDifference(hexA: string, hexB: string, vision: Vision): number {
	return deltaE2000(linearToLab(simulate(hexToLinear(hexA), vision)), linearToLab(simulate(hexToLinear(hexB), vision)));
}

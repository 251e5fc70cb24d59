/**
 * Chart exports: an SVG element as a standalone SVG file or as a PNG (SVG → Image → canvas → blob),
 * always with the attribution (producers + millésime) written into the image itself.
 */

import { canvasPng } from './download';

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface ChartExportOptions {
	title: string;
	/** « Source : DREES – APL 2022 et 2023 … » */
	attribution: string;
	/** Pixel ratio of the PNG. */
	scale?: number;
	background?: string;
}

const FONT = "'Source Sans 3', system-ui, sans-serif";

/** Inline the computed styles that matter for text and shapes, so the file looks as on screen. */
function inlineStyles(source: Element, target: Element): void {
	const cs = getComputedStyle(source);
	const props = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-size', 'font-weight', 'font-family', 'text-anchor', 'dominant-baseline'];
	const style = props.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
	target.setAttribute('style', `${style};${target.getAttribute('style') ?? ''}`);
	for (let i = 0; i < source.children.length; i++) inlineStyles(source.children[i], target.children[i]);
}

/** A standalone copy of the chart with a title above and the attribution below. */
export function standaloneSvg(svg: SVGSVGElement, opts: ChartExportOptions): { text: string; width: number; height: number } {
	const box = svg.viewBox.baseVal;
	const width = box && box.width ? box.width : svg.clientWidth;
	const height = box && box.height ? box.height : svg.clientHeight;
	const clone = svg.cloneNode(true) as SVGSVGElement;
	inlineStyles(svg, clone);
	const top = 28;
	const bottom = 34;
	const outer = document.createElementNS(SVG_NS, 'svg');
	outer.setAttribute('xmlns', SVG_NS);
	outer.setAttribute('width', String(width));
	outer.setAttribute('height', String(height + top + bottom));
	outer.setAttribute('viewBox', `0 0 ${width} ${height + top + bottom}`);
	outer.setAttribute('font-family', FONT);
	const bg = document.createElementNS(SVG_NS, 'rect');
	bg.setAttribute('width', '100%');
	bg.setAttribute('height', '100%');
	bg.setAttribute('fill', opts.background ?? '#ffffff');
	outer.append(bg);
	const title = document.createElementNS(SVG_NS, 'text');
	title.setAttribute('x', '8');
	title.setAttribute('y', '19');
	title.setAttribute('font-size', '14');
	title.setAttribute('font-weight', '700');
	title.setAttribute('fill', '#111827');
	title.textContent = opts.title;
	outer.append(title);
	clone.setAttribute('x', '0');
	clone.setAttribute('y', String(top));
	clone.setAttribute('width', String(width));
	clone.setAttribute('height', String(height));
	outer.append(clone);
	// The attribution may be long: two lines at most, cut at a word.
	const words = opts.attribution.split(' ');
	const perLine = Math.max(40, Math.floor(width / 5.2));
	const lines: string[] = [''];
	for (const w of words) {
		const cur = lines[lines.length - 1];
		if ((cur + ' ' + w).trim().length > perLine && lines.length < 2) lines.push(w);
		else lines[lines.length - 1] = (cur + ' ' + w).trim();
	}
	lines.forEach((line, i) => {
		const t = document.createElementNS(SVG_NS, 'text');
		t.setAttribute('x', '8');
		t.setAttribute('y', String(top + height + 14 + i * 13));
		t.setAttribute('font-size', '10');
		t.setAttribute('fill', '#4b5563');
		t.textContent = line;
		outer.append(t);
	});
	return { text: new XMLSerializer().serializeToString(outer), width, height: height + top + bottom };
}

export function svgBlob(svg: SVGSVGElement, opts: ChartExportOptions): Blob {
	return new Blob(['<?xml version="1.0" encoding="UTF-8"?>\n', standaloneSvg(svg, opts).text], { type: 'image/svg+xml;charset=utf-8' });
}

/** The chart as a PNG (white background, attribution included). */
export async function pngBlob(svg: SVGSVGElement, opts: ChartExportOptions): Promise<Blob> {
	const { text, width, height } = standaloneSvg(svg, opts);
	const scale = opts.scale ?? 2;
	const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
	try {
		const image = new Image();
		image.decoding = 'async';
		await new Promise<void>((resolve, reject) => {
			image.onload = () => resolve();
			image.onerror = () => reject(new Error('image SVG illisible'));
			image.src = url;
		});
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(width * scale);
		canvas.height = Math.round(height * scale);
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('canvas 2D indisponible');
		ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
		return await canvasPng(canvas);
	} finally {
		URL.revokeObjectURL(url);
	}
}

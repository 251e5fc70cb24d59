/**
 * The report's figures drawn at print resolution (300 dpi) on an OffscreenCanvas, in the writer's worker (a
 * 1 890 px map is seconds of drawing the page must not wait on): the map of the perimeter's communes from the
 * shipped geometry (legend, scale bar, north arrow, source), the bars of a territory beside its references.
 * The layout is in CSS pixels (96 per inch), drawn scaled.
 */
import type { FlatPolygons } from '../../../data/geometry/polygons';
import { scaleBar } from '../../../export/map-image';
import { formatNumber } from '../../../territory/number';
import { mmToPx, PRINT_DPI, type ChartSpec, type FigureBlock, type MapSpec, type RenderedImage } from './model';

const FONT = "'Source Sans 3', system-ui, sans-serif";
const SCALE = PRINT_DPI / 96;
const INK = '#111827';
const GREY = '#4b5563';
/** CSS pixels of a printed length: exactly its 300 dpi pixels once scaled (160 mm → 1 890 px). */
const cssWidth = (mm: number) => mmToPx(mm) / SCALE;

type Context = OffscreenCanvasRenderingContext2D;

function canvasOf(width: number, height: number): { canvas: OffscreenCanvas; ctx: Context } {
	const canvas = new OffscreenCanvas(Math.round(width * SCALE), Math.round(height * SCALE));
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('canvas 2D indisponible');
	ctx.scale(SCALE, SCALE);
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, width, height);
	return { canvas, ctx };
}

export type ImageType = RenderedImage['type'];

async function encode(canvas: OffscreenCanvas, type: ImageType): Promise<RenderedImage> {
	const blob = await canvas.convertToBlob({ type: `image/${type}`, quality: type === 'jpeg' ? 0.92 : undefined });
	return { bytes: new Uint8Array(await blob.arrayBuffer()), type, width: canvas.width, height: canvas.height };
}

/** Lines of at most `width` pixels, `max` lines at most (the last one cut with « … »). */
function wrap(ctx: Context, text: string, width: number, max: number): string[] {
	const lines: string[] = [''];
	for (const word of text.split(' ')) {
		const cur = lines[lines.length - 1];
		const next = cur ? `${cur} ${word}` : word;
		if (ctx.measureText(next).width > width && cur) lines.push(word);
		else lines[lines.length - 1] = next;
	}
	if (lines.length > max) {
		lines.length = max;
		lines[max - 1] = `${lines[max - 1].slice(0, -2)} …`;
	}
	return lines;
}

/** Rings of each feature, indexed once per geometry. */
export interface CommuneShapes {
	polygons: FlatPolygons;
	index: Map<string, number>;
	/** Ring ranges [start, end) of each part. */
	partRings: Int32Array;
	featureParts: Map<number, number[]>;
}

export function communeShapes(polygons: FlatPolygons): CommuneShapes {
	const index = new Map(polygons.codes.map((c, i) => [c, i]));
	const parts = polygons.partFeature.length;
	const partRings = new Int32Array(parts + 1);
	let r = 0;
	for (let p = 0; p < parts; p++) {
		while (r < polygons.ringStarts.length - 1 && polygons.ringStarts[r] < polygons.partStarts[p]) r++;
		partRings[p] = r;
	}
	partRings[parts] = polygons.ringStarts.length - 1;
	const featureParts = new Map<number, number[]>();
	for (let p = 0; p < parts; p++) {
		const f = polygons.partFeature[p];
		const list = featureParts.get(f);
		if (list) list.push(p);
		else featureParts.set(f, [p]);
	}
	return { polygons, index, partRings, featureParts };
}

/** The polygons of `codes` alone (what the maps draw): a small copy for the worker, where France's would be tens of megabytes. */
export function pickPolygons(s: CommuneShapes, codes: Iterable<string>): FlatPolygons {
	const { positions, ringStarts } = s.polygons;
	const kept: string[] = [];
	const xy: number[] = [];
	const parts: number[] = [0];
	const partFeature: number[] = [];
	const rings: number[] = [0];
	for (const code of new Set(codes)) {
		const f = s.index.get(code);
		if (f === undefined) continue;
		for (const p of s.featureParts.get(f) ?? []) {
			for (let r = s.partRings[p]; r < s.partRings[p + 1]; r++) {
				for (let v = ringStarts[r]; v < ringStarts[r + 1]; v++) xy.push(positions[2 * v], positions[2 * v + 1]);
				rings.push(xy.length / 2);
			}
			parts.push(xy.length / 2);
			partFeature.push(kept.length);
		}
		kept.push(code);
	}
	return {
		codes: kept,
		positions: Float32Array.from(xy),
		partStarts: Int32Array.from(parts),
		partFeature: Int32Array.from(partFeature),
		ringStarts: Int32Array.from(rings),
		triangles: new Uint32Array(0)
	};
}

function traceFeature(ctx: Context, s: CommuneShapes, feature: number, project: (x: number, y: number) => [number, number]) {
	const { positions, ringStarts } = s.polygons;
	for (const p of s.featureParts.get(feature) ?? []) {
		for (let r = s.partRings[p]; r < s.partRings[p + 1]; r++) {
			for (let v = ringStarts[r]; v < ringStarts[r + 1]; v++) {
				const [x, y] = project(positions[2 * v], positions[2 * v + 1]);
				if (v === ringStarts[r]) ctx.moveTo(x, y);
				else ctx.lineTo(x, y);
			}
			ctx.closePath();
		}
	}
}

const LEGEND = 170;
const HEADER = 40;
const FOOTER = 30;
const PAD = 10;

export function renderMap(block: FigureBlock, spec: MapSpec, shapes: CommuneShapes, type: ImageType): Promise<RenderedImage> {
	const width = cssWidth(block.widthMm);
	const height = cssWidth(block.heightMm);
	const { canvas, ctx } = canvasOf(width, height);
	const features = spec.colors.flatMap(([code, color]) => {
		const f = shapes.index.get(code);
		return f === undefined ? [] : [{ f, color }];
	});
	// Bounds of the perimeter, then an equirectangular projection at its mean latitude.
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	const { positions, ringStarts } = shapes.polygons;
	for (const { f } of features)
		for (const p of shapes.featureParts.get(f) ?? [])
			for (let v = ringStarts[shapes.partRings[p]]; v < ringStarts[shapes.partRings[p + 1]]; v++) {
				const x = positions[2 * v];
				const y = positions[2 * v + 1];
				if (x < minX) minX = x;
				if (x > maxX) maxX = x;
				if (y < minY) minY = y;
				if (y > maxY) maxY = y;
			}
	const mapW = width - LEGEND - 2 * PAD;
	const mapH = height - HEADER - FOOTER;
	const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
	const spanX = Math.max(1e-6, (maxX - minX) * k);
	const spanY = Math.max(1e-6, maxY - minY);
	const unit = Math.min((mapW - 2 * PAD) / spanX, (mapH - 2 * PAD) / spanY);
	const ox = PAD + (mapW - spanX * unit) / 2;
	const oy = HEADER + (mapH - spanY * unit) / 2;
	const project = (x: number, y: number): [number, number] => [ox + (x - minX) * k * unit, oy + (maxY - y) * unit];

	ctx.fillStyle = '#eef2f5';
	ctx.fillRect(PAD, HEADER, mapW, mapH);
	ctx.lineJoin = 'round';
	for (const { f, color } of features) {
		ctx.beginPath();
		traceFeature(ctx, shapes, f, project);
		ctx.fillStyle = `rgba(${color[0]}, ${color[1]}, ${color[2]}, ${color[3] / 255})`;
		ctx.fill('evenodd');
		ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
		ctx.lineWidth = 0.4;
		ctx.stroke();
	}

	ctx.fillStyle = INK;
	ctx.font = `700 15px ${FONT}`;
	ctx.fillText(wrap(ctx, spec.title, width - 2 * PAD, 1)[0], PAD, 18);
	ctx.font = `400 11px ${FONT}`;
	ctx.fillStyle = GREY;
	ctx.fillText(wrap(ctx, spec.subtitle, width - 2 * PAD, 1)[0], PAD, 33);

	// Legend right of the map.
	const left = PAD + mapW + PAD;
	ctx.font = `400 10.5px ${FONT}`;
	ctx.fillStyle = GREY;
	ctx.fillText(spec.unit || 'Classes', left, HEADER + 12, LEGEND - PAD);
	spec.legend.forEach((row, i) => {
		const y = HEADER + 22 + i * 16;
		ctx.fillStyle = row.color;
		ctx.fillRect(left, y, 16, 11);
		ctx.strokeStyle = 'rgba(0,0,0,0.3)';
		ctx.lineWidth = 0.5;
		ctx.strokeRect(left, y, 16, 11);
		ctx.fillStyle = INK;
		ctx.fillText(row.label, left + 21, y + 9, LEGEND - 60);
		ctx.fillStyle = GREY;
		ctx.textAlign = 'right';
		ctx.fillText(`(${formatNumber(row.count, 0)})`, left + LEGEND - PAD, y + 9);
		ctx.textAlign = 'left';
	});
	ctx.fillStyle = GREY;
	ctx.fillText('(communes du territoire)', left, HEADER + 22 + spec.legend.length * 16 + 10, LEGEND - PAD);

	// North arrow, top right of the map.
	const nx = PAD + mapW - 18;
	const ny = HEADER + 10;
	ctx.fillStyle = INK;
	ctx.beginPath();
	ctx.moveTo(nx, ny);
	ctx.lineTo(nx + 6, ny + 17);
	ctx.lineTo(nx, ny + 13);
	ctx.lineTo(nx - 6, ny + 17);
	ctx.closePath();
	ctx.fill();
	ctx.font = `700 11px ${FONT}`;
	ctx.textAlign = 'center';
	ctx.fillText('N', nx, ny + 29);

	// Scale bar, bottom right of the map: metres per CSS pixel at the mean latitude.
	const bar = scaleBar(111_320 / unit, 110);
	const right = PAD + mapW - PAD;
	const bottom = HEADER + mapH - PAD;
	ctx.fillStyle = 'rgba(255,255,255,0.85)';
	ctx.fillRect(right - bar.pixels - 6, bottom - 20, bar.pixels + 12, 24);
	ctx.strokeStyle = INK;
	ctx.lineWidth = 1.5;
	ctx.beginPath();
	ctx.moveTo(right - bar.pixels, bottom - 7);
	ctx.lineTo(right - bar.pixels, bottom);
	ctx.lineTo(right, bottom);
	ctx.lineTo(right, bottom - 7);
	ctx.stroke();
	ctx.font = `400 10px ${FONT}`;
	ctx.fillStyle = INK;
	ctx.fillText(bar.label, right - bar.pixels / 2, bottom - 8);
	ctx.textAlign = 'left';

	ctx.font = `400 9px ${FONT}`;
	ctx.fillStyle = GREY;
	wrap(ctx, spec.attribution, width - 2 * PAD, 2).forEach((line, i) => ctx.fillText(line, PAD, HEADER + mapH + 12 + i * 11));
	return encode(canvas, type);
}

const SERIES_COLORS = ['#2563eb', '#9ca3af', '#6b7280', '#374151'];

export function renderChart(block: FigureBlock, spec: ChartSpec, type: ImageType): Promise<RenderedImage> {
	const width = cssWidth(block.widthMm);
	const barH = 11;
	const groupH = 18 + spec.series.length * (barH + 3) + 8;
	const height = 30 + spec.groups.length * groupH + 30;
	const { canvas, ctx } = canvasOf(width, height);
	ctx.fillStyle = INK;
	ctx.font = `700 14px ${FONT}`;
	ctx.fillText(wrap(ctx, spec.title, width - 2 * PAD, 1)[0], PAD, 18);
	const labelW = 150;
	const valueW = 60;
	const plotW = width - 2 * PAD - labelW - valueW;
	spec.groups.forEach((g, gi) => {
		const top = 30 + gi * groupH;
		ctx.font = `600 11px ${FONT}`;
		ctx.fillStyle = INK;
		ctx.fillText(wrap(ctx, g.label, width - 2 * PAD, 1)[0], PAD, top + 12);
		const finite = g.values.filter(Number.isFinite);
		const lo = Math.min(0, ...finite);
		const hi = Math.max(0, ...finite);
		const span = hi - lo || 1;
		const x0 = PAD + labelW + ((0 - lo) / span) * plotW;
		spec.series.forEach((name, i) => {
			const y = top + 18 + i * (barH + 3);
			ctx.font = `400 10px ${FONT}`;
			ctx.fillStyle = GREY;
			ctx.fillText(name, PAD + 6, y + 9, labelW - 10);
			const v = g.values[i];
			if (Number.isFinite(v)) {
				const w = (v / span) * plotW;
				ctx.fillStyle = SERIES_COLORS[Math.min(i, SERIES_COLORS.length - 1)];
				ctx.fillRect(Math.min(x0, x0 + w), y, Math.abs(w), barH);
			}
			ctx.fillStyle = INK;
			ctx.fillText(g.formatted[i], PAD + labelW + plotW + 6, y + 9);
		});
		ctx.strokeStyle = '#9ca3af';
		ctx.lineWidth = 0.6;
		ctx.beginPath();
		ctx.moveTo(x0, top + 16);
		ctx.lineTo(x0, top + 18 + spec.series.length * (barH + 3));
		ctx.stroke();
	});
	ctx.font = `400 9px ${FONT}`;
	ctx.fillStyle = GREY;
	wrap(ctx, spec.attribution, width - 2 * PAD, 2).forEach((line, i) => ctx.fillText(line, PAD, height - 18 + i * 11));
	return encode(canvas, type);
}

import { formatNumber } from '../territory/number';

/**
 * The map as a PNG for a report: title and scope above, the map as shown, a legend with bounds and
 * counts, a scale bar, a north arrow, and the source and millésime line below.
 */
/** A row of the classes' legend. */
export interface LegendRow {
	color: string;
	label: string;
	count: number;
	/** Index of the class, or null for the missing-values row. */
	classIndex: number | null;
	/** A class the map does not show (another class is kept): drawn without its colour. */
	dimmed?: boolean;
}

/** A layer drawn over the choropleth, in the legend. */
export interface LayerLegendEntry {
	id: string;
	label: string;
	/** CSS colour. */
	color: string;
	/** A facility is a dot, a perimeter a line, a zoning an outlined commune. */
	shape: 'point' | 'line' | 'outline';
}

export interface MapExportOptions {
	title: string;
	/** « Communes — Cantal », the level and the territory studied. */
	subtitle: string;
	unit: string;
	legend: LegendRow[];
	/** Layers drawn over the choropleth (facilities, zonings, perimeters), listed under the classes. */
	layers: LayerLegendEntry[];
	/** « Source : DREES – APL …, 2023 (Licence Ouverte / Etalab 2.0). Fonds : IGN … » */
	attribution: string;
	/** Ground metres per CSS pixel at the map's centre, for the scale bar. */
	metresPerPixel: number;
}

const FONT = "'Source Sans 3', system-ui, sans-serif";
const HEADER = 54;
const FOOTER = 30;
const PADDING = 12;

/** A round length (1, 2 or 5 × 10ⁿ metres) drawn in at most `maxPixels`. */
export function scaleBar(metresPerPixel: number, maxPixels = 120): { metres: number; pixels: number; label: string } {
	const max = metresPerPixel * maxPixels;
	const power = 10 ** Math.floor(Math.log10(max));
	const metres = [5, 2, 1].map((m) => m * power).find((m) => m <= max) ?? power;
	return {
		metres,
		pixels: metres / metresPerPixel,
		label: metres >= 1000 ? `${formatNumber(metres / 1000, 0)} km` : `${formatNumber(metres, 0)} m`
	};
}

/**
 * Composes the export on a canvas: `scale` is the PNG's pixels per CSS pixel (1 or 2). The legend
 * goes in a band right of the map, so that it never hides part of the territory.
 */
export function composeMapImage(map: HTMLCanvasElement, cssWidth: number, cssHeight: number, opts: MapExportOptions, scale: number): HTMLCanvasElement {
	const canvas = document.createElement('canvas');
	const ctx = canvas.getContext('2d')!;
	const legendWidth = legendBoxWidth(ctx, opts);
	const width = cssWidth + legendWidth + 2 * PADDING;
	const height = cssHeight + HEADER + FOOTER;
	canvas.width = Math.round(width * scale);
	canvas.height = Math.round(height * scale);
	ctx.scale(scale, scale);
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, width, height);
	ctx.imageSmoothingQuality = 'high';
	ctx.drawImage(map, 0, HEADER, cssWidth, cssHeight);

	ctx.fillStyle = '#111827';
	ctx.textBaseline = 'alphabetic';
	ctx.font = `700 18px ${FONT}`;
	ctx.fillText(opts.title, PADDING, 24, width - 2 * PADDING);
	ctx.font = `400 13px ${FONT}`;
	ctx.fillStyle = '#374151';
	ctx.fillText(opts.subtitle, PADDING, 44, width - 2 * PADDING);

	drawLegend(ctx, opts, cssWidth + PADDING, HEADER, legendWidth);
	drawNorth(ctx, cssWidth - 28, HEADER + 16);
	drawScale(ctx, scaleBar(opts.metresPerPixel), cssWidth - PADDING, HEADER + cssHeight - PADDING);

	ctx.font = `400 11px ${FONT}`;
	ctx.fillStyle = '#374151';
	ctx.fillText(opts.attribution, PADDING, HEADER + cssHeight + 19, width - 2 * PADDING);
	return canvas;
}

/** A row's text in the PNG: a class the map hides says so. */
export const legendLabel = (row: LegendRow): string => (row.dimmed ? `${row.label} (non affichée)` : row.label);

const LEGEND_FONT = `400 12px ${FONT}`;

/** Wide enough for the unit and for each row: swatch, bounds, count. */
function legendBoxWidth(ctx: CanvasRenderingContext2D, opts: MapExportOptions): number {
	ctx.font = LEGEND_FONT;
	return Math.ceil(
		Math.max(
			150,
			...opts.legend.map((r) => ctx.measureText(legendLabel(r)).width + 90),
			...opts.layers.map((l) => ctx.measureText(l.label).width + 24),
			ctx.measureText(opts.unit).width + 20
		)
	);
}

function drawLegend(ctx: CanvasRenderingContext2D, opts: MapExportOptions, left: number, top: number, width: number) {
	const rowHeight = 17;
	ctx.font = LEGEND_FONT;
	ctx.fillStyle = '#374151';
	ctx.fillText(opts.unit, left, top + 17);
	opts.legend.forEach((row, i) => {
		const y = top + 26 + i * rowHeight;
		// A class the map hides is not painted in its colour: the PNG must read as the map does.
		ctx.fillStyle = row.dimmed ? '#ffffff' : row.color;
		ctx.fillRect(left, y, 18, 12);
		ctx.strokeStyle = 'rgba(0,0,0,0.3)';
		ctx.strokeRect(left, y, 18, 12);
		ctx.fillStyle = row.dimmed ? '#6b7280' : '#111827';
		ctx.fillText(legendLabel(row), left + 24, y + 10);
		ctx.fillStyle = '#4b5563';
		ctx.textAlign = 'right';
		ctx.fillText(formatNumber(row.count, 0), left + width, y + 10);
		ctx.textAlign = 'left';
	});
	const layersTop = top + 26 + opts.legend.length * rowHeight + 10;
	opts.layers.forEach((layer, i) => {
		const y = layersTop + i * rowHeight;
		drawLayerSymbol(ctx, layer, left, y);
		ctx.fillStyle = '#111827';
		ctx.fillText(layer.label, left + 24, y + 10);
	});
}

/** The same symbols as the map's own legend of layers: a dot, a line, an outlined circle. */
function drawLayerSymbol(ctx: CanvasRenderingContext2D, layer: LayerLegendEntry, left: number, y: number) {
	ctx.fillStyle = layer.color;
	ctx.strokeStyle = layer.color;
	if (layer.shape === 'line') {
		ctx.fillRect(left, y + 5, 18, 3);
		return;
	}
	ctx.beginPath();
	ctx.arc(left + 9, y + 6, 5, 0, 2 * Math.PI);
	if (layer.shape === 'point') ctx.fill();
	else {
		ctx.lineWidth = 2;
		ctx.stroke();
		ctx.lineWidth = 1;
	}
}

function drawNorth(ctx: CanvasRenderingContext2D, x: number, y: number) {
	ctx.fillStyle = '#111827';
	ctx.beginPath();
	ctx.moveTo(x, y);
	ctx.lineTo(x + 7, y + 20);
	ctx.lineTo(x, y + 15);
	ctx.lineTo(x - 7, y + 20);
	ctx.closePath();
	ctx.fill();
	ctx.font = `700 12px ${FONT}`;
	ctx.textAlign = 'center';
	ctx.fillText('N', x, y + 34);
	ctx.textAlign = 'left';
}

function drawScale(ctx: CanvasRenderingContext2D, bar: { pixels: number; label: string }, right: number, bottom: number) {
	const left = right - bar.pixels;
	ctx.fillStyle = 'rgba(255,255,255,0.85)';
	ctx.fillRect(left - 6, bottom - 22, bar.pixels + 12, 26);
	ctx.strokeStyle = '#111827';
	ctx.lineWidth = 2;
	ctx.beginPath();
	ctx.moveTo(left, bottom - 8);
	ctx.lineTo(left, bottom);
	ctx.lineTo(right, bottom);
	ctx.lineTo(right, bottom - 8);
	ctx.stroke();
	ctx.lineWidth = 1;
	ctx.font = `400 11px ${FONT}`;
	ctx.fillStyle = '#111827';
	ctx.textAlign = 'center';
	ctx.fillText(bar.label, (left + right) / 2, bottom - 8);
	ctx.textAlign = 'left';
}

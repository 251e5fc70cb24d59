/**
 * The explorer's default view, drawn at build time: France coloured by the default indicator at the
 * map's opening bounds, as PNG images at a few widths (one colour a class, exact palette colours) and
 * the département and région borders as an SVG. The explorer's HTML shows them, with the legend as
 * text, before any script runs (src/lib/map/first-view-html.ts); the live map then replaces them.
 * Drawn from the artefacts just written, with the app's own code: its values (commune_values), its
 * classification (classifyView), its palette, its meshes and its background and border colours.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import type { ArtefactEntry, CommuneRasterEntry, FileEntry, PrerenderEntry } from '../src/lib/data/engine/artefacts';
import { COMMUNE_VALUES_TABLE } from '../src/lib/data/engine/artefacts';
import { COARSE_COMMUNES, decodeMesh } from '../src/lib/data/geometry/mesh';
import type { FlatPolygons } from '../src/lib/data/geometry/polygons';
import { COMMUNE_RASTER_ZOOM, encodeRaster, mercatorX, mercatorY } from '../src/lib/data/geometry/raster';
import { floatColumn } from '../src/lib/data/queries/values';
import { getIndicator } from '../src/lib/indicators/catalogue';
import { MISSING, OUT_OF_SCOPE } from '../src/lib/indicators/classify';
import { MISSING_COLOR, OUT_OF_SCOPE_COLOR, classColors, hexToRgba } from '../src/lib/indicators/palettes';
import { DEFAULT_VIEW, classifyView } from '../src/lib/links/view-state';
import { ZONES } from '../src/lib/map/zones';
import { BACKGROUND_COLOR, DEPARTEMENT_LINE, REGION_LINE, borderWidth } from '../src/lib/map/style';
import { PRERENDER_PREFIX } from './lib/arrow';
import { frameOf, rasterise, outlinePath, type Frame } from './lib/raster';
import { encodeIndexedPng } from './lib/png';

/** Widths of the images: phones, laptops, large or high-density screens (the browser picks by `srcset`). */
export const PRERENDER_WIDTHS = [480, 720, 960, 1440] as const;
/** The artefacts the view is drawn from, in the order of the data version's digest. */
/** The communes as the live map draws them at that zoom (below `COARSE_COMMUNES.untilZoom`), so the colours fall on the same pixels. */
export const PRERENDER_INPUTS = [COMMUNE_VALUES_TABLE, COARSE_COMMUNES.table, 'departements_geom', 'regions_geom'] as const;
/** Prerendered files start so: an earlier build's are removed with the artefacts. */
/** The zoom of France's opening view on a laptop screen: the borders' widths there (they follow the zoom). */
const FRANCE_ZOOM = 5;

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** The data version a prerendered view is drawn from: a digest of its inputs' own digests. */
export function prerenderDataVersion(artefacts: readonly ArtefactEntry[]): string {
	return sha256(
		PRERENDER_INPUTS.map((table) => {
			const entry = artefacts.find((a) => a.table === table);
			if (!entry) throw new Error(`Vue prérendue : artefact ${table} absent`);
			return entry.sha256;
		}).join('\n')
	);
}

/** A border's width at `zoom`, to the hundredth of a pixel (the SVG's stroke width). */
const lineWidth = (stops: readonly number[], zoom: number) => Math.round(borderWidth(stops, zoom) * 100) / 100;

function writeFile(out: string, name: string, extension: string, bytes: Uint8Array | string): FileEntry {
	const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
	const file = `${PRERENDER_PREFIX}${name}.${sha256(data).slice(0, 10)}.${extension}`;
	writeFileSync(join(out, file), data);
	return { file, bytes: data.byteLength, sha256: sha256(data) };
}

export function buildPrerender(out: string, artefacts: readonly ArtefactEntry[]): PrerenderEntry {
	const read = (table: string) => gunzipSync(readFileSync(join(out, artefacts.find((a) => a.table === table)!.file)));
	const mesh = (table: string): FlatPolygons => decodeMesh(new Uint8Array(read(table)));
	const view = DEFAULT_VIEW;
	if (view.scope.level !== 'france' || view.level !== 'commune') throw new Error('Vue prérendue : seule la France des communes est dessinée');
	const indicator = getIndicator(view.indicator);
	const communes = mesh(COARSE_COMMUNES.table);
	const values = floatColumn(tableFromIPC(read(COMMUNE_VALUES_TABLE)), indicator.id);
	if (values.length !== communes.codes.length) throw new Error('Vue prérendue : valeurs et contours des communes de tailles différentes');
	const classification = classifyView(indicator, values, view, new Uint8Array(values.length).fill(1));

	// Palette: the classes, then missing, out of scope and the background (the explorer's colours).
	const classes = classColors(indicator, classification.counts.length).map(hexToRgba);
	const palette = [...classes, MISSING_COLOR, OUT_OF_SCOPE_COLOR, hexToRgba(BACKGROUND_COLOR)].map(([r, g, b]) => [r, g, b] as const);
	const [missing, outOfScope, background] = [classes.length, classes.length + 1, classes.length + 2];
	const colourOf = (feature: number) => {
		const c = classification.classOf[feature];
		return c === MISSING ? missing : c === OUT_OF_SCOPE ? outOfScope : c;
	};
	const bounds = ZONES[0].bounds;
	const images = PRERENDER_WIDTHS.map((width) => {
		const frame = frameOf(bounds, width);
		const pixels = new Uint8Array(frame.width * frame.height).fill(background);
		rasterise(frame, communes, colourOf, pixels);
		return { ...writeFile(out, String(width), 'png', encodeIndexedPng(frame.width, frame.height, pixels, palette)), width, height: frame.height };
	});

	const frame = frameOf(bounds, 960);
	// Widths in CSS pixels whatever size the image is shown at: MapLibre's lines do not scale with the map either.
	const path = (polygons: FlatPolygons, { color, width }: { color: string; width: readonly number[] }) =>
		`<path d="${outlinePath(frame, polygons, 0.6)}" stroke="${color}" stroke-width="${lineWidth(width, FRANCE_ZOOM)}" vector-effect="non-scaling-stroke"/>`;
	const svg =
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${frame.width} ${frame.height}" fill="none" stroke-linejoin="round">` +
		path(mesh('departements_geom'), DEPARTEMENT_LINE) +
		path(mesh('regions_geom'), REGION_LINE) +
		'</svg>\n';
	const { min, max, breaks, counts } = classification;
	return {
		indicator: indicator.id,
		level: view.level,
		method: view.method,
		classes: view.classes,
		inputs: [...PRERENDER_INPUTS],
		data: prerenderDataVersion(artefacts),
		bounds,
		classification: { min, max, breaks, counts, missing: classification.missing },
		images,
		outlines: writeFile(out, 'outlines', 'svg', svg),
		raster: communeRaster(out, communes)
	};
}

/** Longitude and latitude of a Web Mercator point (world units). */
const lngOf = (x: number) => x * 360 - 180;
const latOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

/**
 * The communes outside the DROM as an image of their indices (geometry/raster.ts), its frame whole
 * pixels of the map at `COMMUNE_RASTER_ZOOM` around them, so that the image's pixels fall on the map's.
 */
function communeRaster(out: string, communes: FlatPolygons): CommuneRasterEntry {
	const mainland = (feature: number) => ZONES[0].contains(communes.codes[feature]);
	let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
	for (let part = 0; part < communes.partFeature.length; part++) {
		if (!mainland(communes.partFeature[part])) continue;
		for (let v = communes.partStarts[part]; v < communes.partStarts[part + 1]; v++) {
			const [x, y] = [mercatorX(communes.positions[v * 2]), mercatorY(communes.positions[v * 2 + 1])];
			[minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
		}
	}
	const scale = 512 * 2 ** COMMUNE_RASTER_ZOOM;
	const [left, top] = [Math.floor(minX * scale) - 1, Math.floor(minY * scale) - 1];
	const frame: Frame = { width: Math.ceil(maxX * scale) + 1 - left, height: Math.ceil(maxY * scale) + 1 - top, scale, x0: left / scale, y0: top / scale };
	const ids = new Uint16Array(frame.width * frame.height);
	rasterise(frame, communes, (feature) => (mainland(feature) ? feature + 1 : -1), ids);
	const raw = encodeRaster({ width: frame.width, height: frame.height, ids });
	return {
		...writeFile(out, 'communes', 'bin.gz', gzipSync(raw, { level: 9 })),
		ipc_bytes: raw.byteLength,
		ipc_sha256: sha256(raw),
		width: frame.width,
		height: frame.height,
		zoom: COMMUNE_RASTER_ZOOM,
		bounds: [lngOf(frame.x0), latOf(frame.y0 + frame.height / scale), lngOf(frame.x0 + frame.width / scale), latOf(frame.y0)]
	};
}

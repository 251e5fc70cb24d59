/**
 * The pictures the app draws on a 2D canvas, compared with golden PNGs: the map export's frame (title,
 * legend, layers, north arrow, scale bar, sources) around a stand-in map, the table picture, and the
 * report's 300 dpi chart and map. Each drawing function runs as shipped, bundled into a blank Chromium
 * page with the app's own font (Source Sans 3) loaded first: no WebGL, no data, no date, so what differs
 * from the golden is the drawing. All values are fictitious, and the pictures say so.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium } from '../support/browser';
import { expectGolden } from '../support/golden';
import type { Harness } from '../support/canvas-entry';
import type { LegendRow, MapExportOptions } from '../../src/lib/export/map-image';
import type { ExportTable } from '../../src/lib/export/table';
import type { ChartSpec, FigureBlock, MapSpec } from '../../src/lib/features/portrait/report/model';

const ROOT = resolve(import.meta.dirname, '../..');
/**
 * Share of pixels allowed to differ beyond golden.ts's per-pixel threshold (0,2 %). Three runs differed by no
 * pixel at all; a block moved by 10 px differs by 0,66 % to 4,4 % of the picture (test/golden/README.md).
 */
const TOLERANCE = 0.002;

let browser: Browser;
let page: Page;

/** The drawing functions as one script: bundled by Vite alone (no SvelteKit), kept in memory. */
async function bundle(): Promise<string> {
	const out = await build({
		configFile: false,
		logLevel: 'silent',
		root: ROOT,
		build: { write: false, minify: false, lib: { entry: resolve(ROOT, 'test/support/canvas-entry.ts'), formats: ['iife'], name: 'goldenCanvas' } }
	});
	const result = Array.isArray(out) ? out[0] : out;
	if (!('output' in result)) throw new Error('bundle attendu en mémoire');
	return result.output[0].code;
}

const font = (weight: number) => readFileSync(resolve(ROOT, `node_modules/@fontsource/source-sans-3/files/source-sans-3-latin-${weight}-normal.woff2`)).toString('base64');

beforeAll(async () => {
	const [code, chromium] = await Promise.all([bundle(), launchChromium()]);
	browser = chromium;
	page = await browser.newPage({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 1 });
	await page.setContent('<!doctype html><html lang="fr"><body></body></html>');
	await page.addScriptTag({ content: code });
	// The page's font set, as the app's stylesheet gives it; the canvas then never falls back to another font.
	await page.evaluate(async (faces) => {
		for (const [weight, base64] of faces) {
			const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
			document.fonts.add(await new FontFace('Source Sans 3', bytes.buffer, { weight }).load());
		}
	}, [['400', font(400)], ['600', font(600)], ['700', font(700)]] as [string, string][]);
}, 120_000);

afterAll(async () => {
	await browser?.close();
});

const png = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

/** Eight classes of a sequential palette, a missing row, a hidden class: what a legend can hold. */
const LEGEND: LegendRow[] = [
	{ color: '#fee5d9', label: '0 à < 2,5', count: 12, classIndex: 0 },
	{ color: '#fcae91', label: '2,5 à < 3', count: 31, classIndex: 1 },
	{ color: '#fb6a4a', label: '3 à < 3,5', count: 58, classIndex: 2, dimmed: true },
	{ color: '#de2d26', label: '3,5 à < 4', count: 44, classIndex: 3 },
	{ color: '#a50f15', label: '4 et plus', count: 1_207, classIndex: 4 },
	{ color: '#c8c8c8', label: 'Donnée manquante', count: 3, classIndex: null }
];

describe('canvas pictures (golden PNGs)', () => {
	it('map export: title, legend with a hidden class and layers, north arrow, scale bar, sources', async () => {
		const opts: MapExportOptions = {
			title: 'Indicateur fictif par commune (valeurs fictives)',
			subtitle: 'Communes — Département fictif',
			unit: 'Consultations par an et par habitant',
			legend: LEGEND,
			layers: [
				{ id: 'finess', label: 'Maisons de santé', color: '#7c3aed', shape: 'point' },
				{ id: 'cls', label: 'Périmètre du CLS', color: '#0f766e', shape: 'line' },
				{ id: 'zonage', label: 'Zone d’intervention prioritaire', color: '#b45309', shape: 'outline' }
			],
			attribution: 'Source : valeurs fictives, pour le test. Fonds : IGN – Admin Express (Licence Ouverte / Etalab 2.0).',
			metresPerPixel: 180
		};
		const base64 = await page.evaluate((o) => {
			const { composeMapImage } = (globalThis as unknown as { golden: Harness }).golden;
			// A stand-in for the map's WebGL canvas: flat rectangles, whole pixels, nothing to anti-alias.
			const map = document.createElement('canvas');
			map.width = 480;
			map.height = 360;
			const ctx = map.getContext('2d')!;
			ctx.fillStyle = '#eef2f5';
			ctx.fillRect(0, 0, 480, 360);
			o.legend.forEach((row, i) => {
				ctx.fillStyle = row.color;
				ctx.fillRect(40 + (i % 3) * 130, 60 + Math.floor(i / 3) * 130, 120, 120);
			});
			return composeMapImage(map, 480, 360, o, 1).toDataURL('image/png').split(',')[1];
		}, opts);
		expectGolden(png(base64), 'canvas-map-export', TOLERANCE);
	});

	it('table picture: bold header, numbers right-aligned in fr-FR, a missing cell, a long name cut, footer', async () => {
		const table: ExportTable = {
			title: 'Territoires comparés (valeurs fictives)',
			header: ['Code', 'Territoire', 'APL 2023', 'Population', 'Source'],
			rows: [
				['99001', 'Commune fictive', { value: 3.4567, precision: 2 }, 12_345, 'DREES'],
				['99002', 'Commune fictive au nom bien trop long pour tenir dans une colonne de l’image exportée, coupée', { value: 2.1, precision: 2 }, 870, 'DREES'],
				['99003', 'Autre commune fictive', null, NaN, 'DREES'],
				['2A004', 'Commune fictive de Corse', { value: 4, precision: 2 }, 65_432, 'DREES']
			],
			footer: ['Territoires : communes fictives.', 'Source : valeurs fictives, pour le test.']
		};
		const base64 = await page.evaluate((t) => {
			const { tableImage } = (globalThis as unknown as { golden: Harness }).golden;
			return tableImage(t, ['Source'], 1).toDataURL('image/png').split(',')[1];
		}, table);
		expectGolden(png(base64), 'canvas-table', TOLERANCE);
	});

	it('report figures at 300 dpi: bars of a territory beside its references, and the choropleth of its communes', async () => {
		const chart: ChartSpec = {
			kind: 'chart',
			title: 'Indicateurs du territoire et de ses références (valeurs fictives)',
			series: ['Territoire fictif', 'Département fictif', 'Région fictive', 'France'],
			groups: [
				{ label: 'APL aux médecins généralistes, 2023', values: [2.68, 3.02, 3.29, 3.4], formatted: ['2,68', '3,02', '3,29', '3,40'] },
				{ label: 'Évolution de la population, 2015–2021 (%)', values: [-1.8, 0.4, 2.1, NaN], formatted: ['−1,8', '0,4', '2,1', '–'] }
			],
			attribution: 'Source : valeurs fictives, pour le test.'
		};
		const chartBlock: FigureBlock = { kind: 'figure', id: 'chart', caption: 'Graphique fictif', spec: chart, widthMm: 160, heightMm: 0 };
		const colors = ['#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'];
		// A 4 × 3 grid of square communes (0,1° of longitude, 0,07° of latitude), at the Lot's latitude.
		const squares = Array.from({ length: 12 }, (_, i) => ({ code: `99${String(i + 1).padStart(3, '0')}`, x: 1.5 + (i % 4) * 0.1, y: 44.5 + Math.floor(i / 4) * 0.07 }));
		const map: MapSpec = {
			kind: 'map',
			title: 'Indicateur fictif par commune (valeurs fictives)',
			subtitle: 'Communes du territoire fictif',
			unit: 'Consultations par an et par habitant',
			legend: LEGEND.filter((r) => !r.dimmed),
			colors: squares.map((s, i) => {
				const hex = colors[i % colors.length];
				return [s.code, [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)).concat(255) as [number, number, number, number]];
			}),
			attribution: 'Source : valeurs fictives, pour le test. Fonds : IGN – Admin Express (Licence Ouverte / Etalab 2.0).'
		};
		const mapBlock: FigureBlock = { kind: 'figure', id: 'map', caption: 'Carte fictive', spec: map, widthMm: 160, heightMm: 100 };
		const [chartPng, mapPng] = await page.evaluate(
			async ([cb, mb, sq]) => {
				const g = (globalThis as unknown as { golden: Harness }).golden;
				const base64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
				const positions = sq.flatMap((s) => [s.x, s.y, s.x + 0.1, s.y, s.x + 0.1, s.y + 0.07, s.x, s.y + 0.07]);
				const starts = Int32Array.from({ length: sq.length + 1 }, (_, i) => 4 * i);
				const shapes = g.communeShapes({
					codes: sq.map((s) => s.code),
					positions: Float32Array.from(positions),
					partStarts: starts,
					partFeature: Int32Array.from(sq.keys()),
					ringStarts: starts.slice(),
					triangles: new Uint32Array(0)
				});
				const chartImage = await g.renderChart(cb, cb.spec as ChartSpec, 'png');
				const mapImage = await g.renderMap(mb, mb.spec as MapSpec, shapes, 'png');
				return [base64(chartImage.bytes), base64(mapImage.bytes)];
			},
			[chartBlock, mapBlock, squares] as const
		);
		expectGolden(png(chartPng), 'canvas-report-chart', TOLERANCE);
		expectGolden(png(mapPng), 'canvas-report-map', TOLERANCE);
	});
});

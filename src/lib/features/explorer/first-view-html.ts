import type { Manifest, PrerenderEntry } from '../../data/queries/artefacts';
import { mapSourceLine } from '../../data/queries/provenance';
import { DIRECTION_LABELS, getIndicator, sourceLine } from '../../indicators/catalogue';
import { METHOD_LABELS, type Method } from '../../indicators/classify';
import { formatThreshold } from '../../indicators/format';
import { formatNumber } from '../../territory/number';
import { legendRows } from '../../map/legend-rows';
import { NARROW_MEDIA, OPENING_PADDING, mapPadding, type Padding } from '../../map/camera';
import { DEFAULT_VIEW, viewParams } from '../../links/view-state';
import matchSource from './first-view-match.js?raw';
import firstViewCss from './first-view.css?raw';

/**
 * The explorer's first paint, written into its HTML when the page is built (src/hooks.server.ts):
 * the default view the pipeline drew (pipeline/prerender.ts) under a copy of the page's frame (header,
 * panel, « Carte / Tableau »), with its legend as text. No inline style, and one inline script, allowed by
 * its hash (a strict CSP): `first-view-match.js`, right after it, tells the page whether the URL asks for this very view; if not,
 * the page says « Chargement de la carte… » instead (first-view.css). Once the app is up, the map's
 * PrerenderedView takes the picture and the legend over, until the live map has drawn the same.
 */

const escapeHtml = (text: string) =>
	text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The prerendered view, if the manifest has one for the explorer's default view (else nothing is prerendered). */
export function defaultPrerender(manifest: Manifest): PrerenderEntry | null {
	const p = manifest.prerender;
	const view = DEFAULT_VIEW;
	const same = p && p.indicator === view.indicator && p.level === view.level && p.method === view.method && p.classes === view.classes;
	return same && view.scope.level === 'france' ? p : null;
}

/**
 * The script right after the picture: it marks the page (`first-view-match`) when the URL is the default
 * view's, at the map's opening camera (the bounds fitted with the explorer's padding, camera.ts).
 */
function matchScript(p: PrerenderEntry): string {
	const sides = (padding: Padding) => JSON.stringify(typeof padding === 'number' ? [padding, padding, padding, padding] : [padding.top, padding.right, padding.bottom, padding.left]);
	const data = {
		query: viewParams(DEFAULT_VIEW).toString(),
		bounds: JSON.stringify(p.bounds),
		'narrow-media': NARROW_MEDIA,
		padding: sides(mapPadding(OPENING_PADDING, false)),
		'padding-narrow': sides(mapPadding(OPENING_PADDING, true))
	};
	const attributes = Object.entries(data).map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`).join('');
	// Inline: the picture is hidden until it has run, and a request for it would queue behind the page's others.
	return `<script${attributes}>${matchSource}</script>`;
}

function legendHtml(p: PrerenderEntry): string {
	const indicator = getIndicator(p.indicator);
	const rows = legendRows(indicator, { ...p.classification, classOf: new Int8Array(0) });
	const items = rows
		.map(
			(row) =>
				`<li><svg class="fv-swatch" viewBox="0 0 18 12" preserveAspectRatio="none" aria-hidden="true"><rect width="18" height="12" fill="${escapeHtml(row.color)}"/></svg>` +
				`<span>${escapeHtml(row.label)}</span><span class="fv-count">${formatNumber(row.count, 0)}</span></li>`
		)
		.join('');
	const method = indicator.kind !== 'class' ? ` — ${METHOD_LABELS[p.method as Method].toLowerCase()}` : '';
	const thresholds = (indicator.thresholds ?? []).map((t) => `<p class="fv-threshold">Repère : ${escapeHtml(formatThreshold(indicator, t))}</p>`).join('');
	return (
		`<section class="fv-legend" aria-label="Légende"><h2>${escapeHtml(indicator.label)}</h2>` +
		`<p class="fv-unit">${escapeHtml(indicator.unit + method)}</p><ul>${items}</ul>` +
		`<p class="fv-direction">${escapeHtml(DIRECTION_LABELS[indicator.direction])}</p>${thresholds}` +
		`<p class="fv-source">${escapeHtml(mapSourceLine([sourceLine(indicator)]))}</p></section>`
	);
}

/** The fill's image at its widths, and the width it is shown at: the map's area less its padding (camera.ts). */
function imageSet(p: PrerenderEntry, base: string) {
	const url = (file: string) => `${base}/data/${file}`;
	const largest = p.images[p.images.length - 1];
	const aspect = (largest.width / largest.height).toFixed(3);
	const sizes = `(max-width: 700px) calc(100vw - 40px), min(calc(100vw - 380px), calc((100vh - 112px) * ${aspect}))`;
	return { url, largest, sizes, srcset: p.images.map((i) => `${url(i.file)} ${i.width}w`).join(', ') };
}

/**
 * Asked for first of all, at the top of the head: before the scripts' and the data's preloads, which
 * would otherwise hold the browser's six connections to the server while the first view waits. The picture
 * and its outlines (the small script that shows them is inline, below them), and the first view's styles.
 */
function firstViewHead(p: PrerenderEntry, base: string): string {
	const { url, largest, sizes, srcset } = imageSet(p, base);
	return (
		`<link rel="preload" as="image" href="${url(largest.file)}" imagesrcset="${srcset}" imagesizes="${sizes}" fetchpriority="high">` +
		`<link rel="preload" as="image" href="${url(p.outlines.file)}" fetchpriority="high">` +
		`<style>${firstViewCss}</style>`
	);
}

/** SvelteKit's inlined styles of the page (`inlineStyleThreshold`): one element in the head. */
const APP_STYLES = /<style>[\s\S]*?<\/style>/;

/**
 * The explorer's prerendered HTML with its first paint: the preloads and the first view's styles at the top
 * of the head, the first view at the start of the body, and the app's styles (90 kB, MapLibre's and every
 * component's) moved from the head to just after it. In the head they were parsed, and the whole page laid
 * out under them, before the picture could be painted; after the first view they are parsed while it shows,
 * and still before the app's scripts run (the bootstrap comes after them).
 */
export function withFirstView(html: string, p: PrerenderEntry, base: string): string {
	const head = html.slice(0, html.indexOf('</head>'));
	const styles = APP_STYLES.exec(head)?.[0] ?? '';
	return html
		.replace(styles, '')
		.replace('<head>', () => `<head>\n\t\t${firstViewHead(p, base)}`)
		.replace(/<body[^>]*>/, (body) => `${body}\n\t\t${firstViewBody(p, base)}\n${styles}`);
}

/** The first paint's HTML, put at the start of the body (outside the app's root: the app never touches it). */
function firstViewBody(p: PrerenderEntry, base: string): string {
	const indicator = getIndicator(p.indicator);
	const { url, largest, sizes, srcset } = imageSet(p, base);
	const alt = `Carte : ${indicator.label}, par commune, France entière (${formatNumber(p.classification.counts.length, 0)} classes)`;
	return `<div id="first-view" class="first-view">
	<header class="fv-header"><span class="fv-name">cls-atlas</span><span class="fv-tagline">Atlas de la santé territoriale — communes de France (COG 2025)</span></header>
	<div class="fv-side"></div>
	<div class="fv-main">
		<div class="fv-switch"><span>Carte</span><span>Tableau</span></div>
		<div class="fv-view">
			<div class="fv-layer" data-testid="first-view">
				<div class="fv-frame"><img class="fv-fill" src="${url(largest.file)}" srcset="${srcset}" sizes="${sizes}" width="${largest.width}" height="${largest.height}" alt="${escapeHtml(alt)}" fetchpriority="high" elementtiming="first-view"><img class="fv-lines" src="${url(p.outlines.file)}" width="${largest.width}" height="${largest.height}" alt=""></div>
				${legendHtml(p)}
				<p class="fv-loading" role="status">Chargement de la carte…</p>
			</div>
		</div>
	</div>
</div>
${matchScript(p)}`;
}

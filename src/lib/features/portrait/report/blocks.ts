/**
 * The parts every section of the report is made of: the key figures beside the references with their
 * favourable-direction rank, the chart of those figures, the map of the perimeter.
 */
import { getIndicator, sourceLine, type NumericIndicator } from '../../../indicators/catalogue';
import { formatValue } from '../../../indicators/format';
import { formatNumber } from '../../../territory/number';
import { mapSourceLine } from '../../../data/queries/provenance';
import { referencesOf } from '../../../data/queries/territories';
import { legendRows } from '../../../map/legend-rows';
import { formatScopedRank, unrankedNote } from '../rank';
import { PORTRAIT_MAP_CLASSES } from '../map-classes';
import type { ReportData } from './collect';
import type { ChartSpec, FigureBlock, MapSpec, TableBlock } from './model';

export const sources = (lines: Iterable<string>) => [...new Set(lines)].join(' ; ');

/** The numeric indicators of `ids` the portrait computed, in order. */
export function figureRows(data: ReportData, ids: readonly string[]) {
	return ids.flatMap((id) => data.portrait.rows.get(id) ?? []);
}

export function referenceList(data: ReportData) {
	return referencesOf(data.portrait.territory);
}

/** The territory's column header: its name, or its level when the name is long. */
export function shortName(data: ReportData): string {
	const t = data.portrait.territory;
	return t.nom.length <= 30 ? t.nom : t.levelLabel;
}

function rankCell(data: ReportData, indicator: NumericIndicator): string {
	const level = data.portrait.territory.key.level;
	if (level === 'cls' || level === 'selection') return 'sans objet';
	const r = data.ranks.get(indicator.id);
	if (!r) return '–';
	if (r.unranked) return unrankedNote(r.unranked);
	return r.ranks.map(formatScopedRank).join(' ; ');
}

/** The key figures of a section: one row per indicator, the territory then each reference, then its rank. */
export function keyFigures(data: ReportData, ids: readonly string[], caption: string): TableBlock {
	const rows = figureRows(data, ids);
	const refs = data.portrait.references;
	return {
		kind: 'table',
		caption,
		header: ['Indicateur', 'Unité', shortName(data), ...refs, 'Rang (sens favorable)'],
		numeric: [false, false, true, ...refs.map(() => true), false],
		rows: rows.map((f) => [f.indicator.label, f.indicator.unit, ...f.values.map((v) => formatValue(f.indicator, v, { unit: false })), rankCell(data, f.indicator)]),
		source: sources(rows.map((f) => sourceLine(f.indicator)))
	};
}

/** What the rank column means, once per report where ranks exist. */
export function rankNote(data: ReportData): string {
	const level = data.portrait.territory.key.level;
	if (level === 'cls' || level === 'selection')
		return 'Un périmètre de CLS ou une sélection de communes n’a pas de territoires de même niveau parmi lesquels se classer : la colonne des rangs est sans objet.';
	return 'Rangs dans le sens favorable que déclare le catalogue : 1er = la valeur la plus favorable (l’APL la plus élevée, la distance la plus courte) ; pour un indicateur sans sens, la valeur la plus élevée.';
}

/** Bars of the territory and its references, one group per indicator (each group on its own scale). */
export function chartOf(data: ReportData, id: string, ids: readonly string[], title: string): FigureBlock {
	const rows = figureRows(data, ids);
	const spec: ChartSpec = {
		kind: 'chart',
		title,
		series: [shortName(data), ...data.portrait.references],
		groups: rows.map((f) => ({
			label: `${f.indicator.shortLabel}${f.indicator.unit ? ` (${f.indicator.unit})` : ''}`,
			values: f.values,
			formatted: f.values.map((v) => formatValue(f.indicator, v, { unit: false }))
		})),
		attribution: `Source : ${sources(rows.map((f) => sourceLine(f.indicator)))}`
	};
	return { kind: 'figure', id, caption: title, spec, widthMm: 160, heightMm: Math.min(200, 22 + rows.length * 30) };
}

/** The map of a section's indicator over the perimeter: classes of the reference département, as on the portrait. */
export function mapOf(data: ReportData, id: string, indicatorId: string): FigureBlock | null {
	const m = data.maps.get(indicatorId);
	if (!m) return null;
	const indicator = m.indicator;
	const how =
		indicator.kind === 'class'
			? 'Zonage par commune'
			: `${PORTRAIT_MAP_CLASSES} classes de même effectif parmi les communes ${m.scopeName}`;
	const spec: MapSpec = {
		kind: 'map',
		title: indicator.label,
		subtitle: `${data.portrait.territory.nom} — ${how}`,
		unit: indicator.unit,
		legend: legendRows(indicator, m.classes.classification),
		colors: [...m.classes.colors],
		attribution: mapSourceLine([sourceLine(indicator)])
	};
	return { kind: 'figure', id, caption: `Carte : ${indicator.label}, communes du territoire`, spec, widthMm: 160, heightMm: 120 };
}

/** A map of the perimeter's communes in fixed classes: `classOf` gives each commune's class index. */
export function classedMap(
	id: string,
	text: { title: string; subtitle: string; unit: string; caption?: string },
	classes: readonly { label: string; color: string }[],
	classOf: ReadonlyMap<string, number>,
	attribution: string
): FigureBlock {
	const rgba = classes.map(({ color }): [number, number, number, number] => {
		const hex = parseInt(color.slice(1), 16);
		return [(hex >> 16) & 255, (hex >> 8) & 255, hex & 255, 255];
	});
	const tally = classes.map(() => 0);
	const colors: MapSpec['colors'] = [];
	for (const [code, i] of classOf) {
		tally[i]++;
		colors.push([code, rgba[i]]);
	}
	const spec: MapSpec = {
		kind: 'map',
		title: text.title,
		subtitle: text.subtitle,
		unit: text.unit,
		legend: classes.map((c, i) => ({ color: c.color, label: c.label, count: tally[i], classIndex: i })),
		colors,
		attribution
	};
	return { kind: 'figure', id, caption: text.caption ?? text.title, spec, widthMm: 160, heightMm: 120 };
}

const COUNT_CLASSES = [
	{ label: 'aucune', color: '#f1eef6' },
	{ label: '1', color: '#bdc9e1' },
	{ label: '2 ou 3', color: '#74a9cf' },
	{ label: '4 ou plus', color: '#0570b0' }
];

/** A map of counts by commune (the actions targeting each commune), in fixed classes. */
export function countMap(id: string, title: string, subtitle: string, counts: ReadonlyMap<string, number>, attribution: string): FigureBlock {
	const classOf = new Map([...counts].map(([code, n]) => [code, n === 0 ? 0 : n === 1 ? 1 : n <= 3 ? 2 : 3]));
	return classedMap(id, { title, subtitle, unit: 'actions' }, COUNT_CLASSES, classOf, attribution);
}

export const pct = (part: number, total: number) => (total > 0 ? `${formatNumber((100 * part) / total, 1)}` : '–');

export const num = (id: string) => getIndicator(id) as NumericIndicator;

/**
 * The exported tables of the portrait and of the comparison: one row an indicator (label, unit,
 * source), one column a territory, then the reason of any missing value. Sources and the export
 * date go below the table.
 */
import { sourceLine } from '../../indicators/catalogue';
import { classSource, FINESS_SOURCE, PORTRAIT_INDICATORS, type Portrait } from './portrait';
import { figureRows } from './view';
import { exportedOnLine, type ExportTable, type TableCell } from '../../export/table';
import { formatKey } from '../../territory/key';
import { populationAgesSource } from '../../indicators/age-bands';
import type { AgeStructure } from '../../data/queries/ages';
import type { Figure } from '../../data/queries/values';
import { coverageNote, type Coverage } from '../../indicators/coverage';

export function indicatorHeader(columns: readonly string[]): string[] {
	return ['Indicateur', 'Unité', 'Source', ...columns, 'Donnée manquante ou partielle'];
}

/**
 * The last cell of a row: why a value is absent (`missing`, when its coverage does not say it), then each
 * column computed on part of its communes or withheld for want of them.
 */
function missingCell(values: readonly number[], coverage: readonly Coverage[], columns: readonly string[], missing: string): string {
	const notes = values.map((_, i) => coverageNote(coverage[i]));
	const unexplained = values.some((v, i) => !Number.isFinite(v) && notes[i] === null);
	return [...(unexplained ? [missing] : []), ...notes.flatMap((note, i) => (note ? [`${columns[i]} : ${note}`] : []))].join(' ; ');
}

/**
 * An indicator's row beside the references (`columns` name them, in order). A commune's `note` (its value is
 * its former commune's, or not published) is said in the last cell, as the portrait says it beside the figure.
 */
export function indicatorRow(figure: Pick<Figure, 'indicator' | 'values' | 'coverage' | 'note'>, columns: readonly string[]): TableCell[] {
	const { indicator, values, coverage, note } = figure;
	const missing = [note ? `${columns[0]} : ${note.text}` : '', missingCell(values, coverage, columns, indicator.missing)].filter(Boolean).join(' ; ');
	return figureRow(indicator.label, indicator.unit, sourceLine(indicator), values, indicator.precision, missing);
}

function figureRow(label: string, unit: string, source: string, values: readonly number[], precision: number, missing: string): TableCell[] {
	return [label, unit, source, ...values.map((v) => (Number.isFinite(v) ? { value: v, precision } : null)), missing];
}

/** The share of each age band of the census, beside the references (`columns`): the figures of the age chart. */
function ageRows(ages: AgeStructure, columns: readonly string[]): TableCell[][] {
	const coverage = ages.shares.map((s) => s.coverage);
	return ages.bands.map((band, i) => {
		const values = ages.shares.map((s) => 100 * s.all[i]);
		const missing = missingCell(values, coverage, columns, 'aucune commune du territoire dans la base INSEE');
		return figureRow(`Part des ${band.label} (recensement ${ages.annee})`, '%', populationAgesSource(ages.annee), values, 1, missing);
	});
}

export function sourceLines(lines: Iterable<string>): string[] {
	return [...new Set(lines)].map((line) => `Source : ${line}`);
}

export const AGGREGATES_LINE = 'Agrégats : ratio de sommes sur les communes (COG 2025), jamais moyenne de taux.';

/** Every figure of a portrait: the catalogue's and the imported indicators beside the references, then its counts (FINESS, radon, density grid). */
export function portraitTable(p: Portrait, exportedOn: Date): ExportTable {
	const t = p.territory;
	const columns = [t.nom, ...p.references];
	const blanks = p.references.map(() => null);
	// The sections' rows (an imported figure before the approximation it replaces), then the other imported ones.
	const indicators = figureRows(p, [...PORTRAIT_INDICATORS, ...p.imported]);
	const count = (label: string, unit: string, source: string, value: number, precision: number): TableCell[] => [
		label,
		unit,
		source,
		{ value, precision },
		...blanks,
		''
	];
	const share = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : NaN);
	const communes = p.radon.reduce((n, r) => n + r.communes, 0);
	const population = p.radon.reduce((n, r) => n + r.population, 0);
	const densityPopulation = p.densite.reduce((n, r) => n + r.population, 0);
	const rows: TableCell[][] = [
		...indicators.map((row) => indicatorRow(row, columns)),
		...p.facilities.map((f) => count(`Établissements FINESS — ${f.label}`, 'établissements', FINESS_SOURCE, f.n, 0)),
		...p.radon.flatMap((r) => [
			count(`Radon, ${r.label} — part des communes`, '%', classSource('radon_classe'), share(r.communes, communes), 1),
			count(`Radon, ${r.label} — part de la population`, '%', classSource('radon_classe'), share(r.population, population), 1)
		]),
		...p.densite.map((r) => count(`Grille de densité, ${r.label} — communes`, 'communes', classSource('grille_densite'), r.communes, 0)),
		...p.densite.map((r) =>
			count(`Grille de densité, ${r.label} — part de la population`, '%', classSource('grille_densite'), share(r.population, densityPopulation), 1)
		),
		count('Communes avec au moins un QPV', 'communes', classSource('qpv_2024'), p.qpv.communes, 0),
		...(p.ages ? ageRows(p.ages, columns) : [])
	];
	return {
		title: `Portrait ${t.nom}`,
		header: indicatorHeader(columns),
		rows,
		footer: [
			`Territoire : ${t.nom} (${t.levelLabel}, ${formatKey(t.key)}), ${t.communes.length} communes`,
			AGGREGATES_LINE,
			...sourceLines([
				...indicators.map((row) => sourceLine(row.indicator)),
				FINESS_SOURCE,
				classSource('radon_classe'),
				classSource('grille_densite'),
				classSource('qpv_2024'),
				...(p.ages ? [populationAgesSource(p.ages.annee)] : [])
			]),
			exportedOnLine(exportedOn)
		]
	};
}

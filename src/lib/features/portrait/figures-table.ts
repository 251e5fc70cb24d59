/**
 * The exported tables of the portrait and of the comparison: one row an indicator (label, unit,
 * source), one column a territory, then the reason of any missing value. Sources and the export
 * date go below the table.
 */
import { sourceLine, type NumericIndicator } from '../../indicators/catalogue';
import { classSource, FINESS_SOURCE, PORTRAIT_SECTIONS, type Portrait } from './portrait';
import { exportedOnLine, type ExportTable, type TableCell } from '../../export/table';
import { formatKey } from '../../territory/key';
import { populationAgesSource } from '../../indicators/age-bands';
import type { AgeStructure } from '../../data/queries/ages';

export function indicatorHeader(columns: readonly string[]): string[] {
	return ['Indicateur', 'Unité', 'Source', ...columns, 'Donnée manquante'];
}

export function indicatorRow(indicator: NumericIndicator, values: readonly number[]): TableCell[] {
	return figureRow(indicator.label, indicator.unit, sourceLine(indicator), values, indicator.precision, indicator.missing);
}

/** A figure beside the references; `missing` says why a value (NaN) is absent. */
function figureRow(label: string, unit: string, source: string, values: readonly number[], precision: number, missing: string): TableCell[] {
	return [
		label,
		unit,
		source,
		...values.map((v) => (Number.isFinite(v) ? { value: v, precision } : null)),
		values.some((v) => !Number.isFinite(v)) ? missing : ''
	];
}

/** The share of each age band of the census, beside the references: the figures of the age chart. */
function ageRows(ages: AgeStructure): TableCell[][] {
	return ages.bands.map((band, i) =>
		figureRow(
			`Part des ${band.label} (recensement ${ages.annee})`,
			'%',
			populationAgesSource(ages.annee),
			ages.shares.map((s) => 100 * s.all[i]),
			1,
			'aucune commune du territoire dans la base INSEE'
		)
	);
}

export function sourceLines(lines: Iterable<string>): string[] {
	return [...new Set(lines)].map((line) => `Source : ${line}`);
}

export const AGGREGATES_LINE = 'Agrégats : ratio de sommes sur les communes (COG 2025), jamais moyenne de taux.';

/** Every figure of a portrait: the catalogue's indicators beside the references, then its counts (FINESS, radon, density grid). */
export function portraitTable(p: Portrait, exportedOn: Date): ExportTable {
	const t = p.territory;
	const columns = [t.nom, ...p.references];
	const blanks = p.references.map(() => null);
	const indicators = Object.values(PORTRAIT_SECTIONS)
		.flat()
		.map((id) => p.rows.get(id))
		.filter((row) => row !== undefined);
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
		...indicators.map((row) => indicatorRow(row.indicator, row.values)),
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
		...(p.ages ? ageRows(p.ages) : [])
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

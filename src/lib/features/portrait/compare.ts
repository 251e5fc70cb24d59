/**
 * The comparison table (`/comparer`): every numeric indicator of the catalogue as a row, each
 * territory as a column, then the département and région of the first territory and France.
 * A commune also gets its rank among the communes of its département, in the favourable direction,
 * except on indicators not measured at commune level (`unrankedAtCommune`).
 */
import { AGGREGATES_LINE, indicatorHeader, indicatorRow, sourceLines } from './figures-table';
import { allIndicators, rankDirection, sourceLine, tablesOf, type NumericIndicator } from '../../indicators/catalogue';
import { rankAmong, unrankedNote, type Rank } from './rank';
import type { DataSource } from '../../data/queries/source';
import { departementCommuneValues, figures } from '../../data/queries/values';
import { areaOf, referencesOf, type Reference, type ResolvedTerritory } from '../../data/queries/territories';
import { formatKey } from '../../territory/key';
import { exportedOnLine, type ExportTable, type TableCell } from '../../export/table';
import type { Coverage } from '../../indicators/coverage';

/** Every numeric indicator of the catalogue, the user's imported ones (registered at the time) included. */
export const compareIndicators = (): readonly NumericIndicator[] => allIndicators().filter((i): i is NumericIndicator => i.kind !== 'class');

export interface CompareColumn {
	/** `commune:46102`, or `ref:departement:46`, `ref:france`. */
	id: string;
	label: string;
	/** Level and context, e.g. « Commune · Lot ». */
	detail: string;
	/** Code INSEE, SIREN or CLS identifier, as text; null for France. */
	code: string | null;
	reference: boolean;
	territory: ResolvedTerritory | null;
}

export interface CompareRow {
	indicator: NumericIndicator;
	/** One value per column; NaN when unknown or withheld (see `coverage`). */
	values: number[];
	/** Per column, how many of its communes the value sums. */
	coverage: Coverage[];
	/** Rank within its département, for commune columns; null otherwise or when unknown. */
	ranks: (Rank | null)[];
}

export interface Comparison {
	columns: CompareColumn[];
	rows: CompareRow[];
}

export async function buildComparison(
	source: DataSource,
	territories: readonly ResolvedTerritory[],
	indicators: readonly NumericIndicator[] = compareIndicators()
): Promise<Comparison> {
	// An imported indicator whose file this browser does not hold (or no longer reads) is left out.
	indicators = indicators.filter((i) => !i.importedFrom || tablesOf(i).every((t) => source.has(t)));
	const columns: CompareColumn[] = territories.map((t) => ({
		id: formatKey(t.key),
		label: t.nom,
		detail: [t.levelLabel, t.key.level === 'departement' || t.key.level === 'region' ? t.region?.nom : t.departement?.nom]
			.filter(Boolean)
			.join(' · '),
		code: t.key.code,
		reference: false,
		territory: t
	}));
	const refs: Reference[] = territories.length ? referencesOf(territories[0]) : [{ label: 'France', area: null }];
	for (const r of refs) {
		const t = r.area;
		const level = t === null ? 'france' : 'level' in t ? t.level : 'communes';
		columns.push({
			id: t === null ? 'ref:france' : `ref:${level}:${'code' in t ? t.code : ''}`,
			label: r.label,
			detail: level === 'departement' ? 'Département (référence)' : level === 'region' ? 'Région (référence)' : 'Référence',
			code: t !== null && 'code' in t ? t.code : null,
			reference: true,
			territory: null
		});
	}
	const areas = [...territories.map(areaOf), ...refs.map((r) => r.area)];
	const rows: CompareRow[] = [];
	for (const { indicator, values, coverage } of await figures(source, areas, indicators)) {
		const ranks: (Rank | null)[] = [];
		for (let i = 0; i < columns.length; i++) {
			const t = columns[i].territory;
			if (!t || t.key.level !== 'commune' || !t.departement || indicator.unrankedAtCommune) {
				ranks.push(null);
				continue;
			}
			const dep = await departementCommuneValues(source, indicator, t.departement.code);
			const k = dep.codes.indexOf(t.key.code);
			ranks.push(k < 0 ? null : rankAmong(dep.values[k], dep.values, indicator.direction));
		}
		rows.push({ indicator, values, coverage, ranks });
	}
	return { columns, rows };
}

/**
 * The table as exported (CSV and XLSX): « Indicateur », « Unité », « Source », each column, then
 * « Donnée manquante ou partielle » saying why a value is absent or partial; a row of territory codes first, then one row per
 * indicator with numbers at the indicator's precision and a rank row per commune column.
 */
export function comparisonTable(c: Comparison, exportedOn: Date): ExportTable {
	const names = c.columns.map((col) => (col.reference ? `${col.label} (référence)` : col.label));
	const header = indicatorHeader(names);
	const rows: TableCell[][] = [['Code du territoire', '', '', ...c.columns.map((col) => col.code), '']];
	const isCommune = c.columns.map((col) => col.territory?.key.level === 'commune');
	for (const row of c.rows) {
		rows.push(indicatorRow(row, names));
		const unranked = row.indicator.unrankedAtCommune;
		if (row.ranks.some((r) => r !== null) || (unranked && isCommune.includes(true))) {
			// Ranks as numbers (a spreadsheet sorts them), then how many communes they are counted among.
			rows.push([
				`${row.indicator.label} — rang dans le département`,
				`rang : ${rankDirection(row.indicator)}`,
				sourceLine(row.indicator),
				...row.ranks.map((r, i) => (r ? { value: r.rank, precision: 0 } : unranked && isCommune[i] ? unrankedNote(unranked) : null)),
				''
			]);
			if (row.ranks.some((r) => r !== null))
				rows.push([
					`${row.indicator.label} — communes classées dans le département`,
					'communes',
					sourceLine(row.indicator),
					...row.ranks.map((r) => (r ? { value: r.total, precision: 0 } : null)),
					''
				]);
		}
	}
	const territories = c.columns.filter((col) => !col.reference).map((col) => `${col.label} (${col.id})`);
	return {
		title: 'Comparaison',
		header,
		rows,
		footer: [
			`Territoires : ${territories.join(', ')}`,
			AGGREGATES_LINE,
			...sourceLines(c.rows.map((row) => sourceLine(row.indicator))),
			exportedOnLine(exportedOn)
		]
	};
}

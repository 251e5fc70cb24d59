import type { Indicator } from '../../indicators/catalogue';
import { importedMark, rankDirection, sourceLine, termLabels } from '../../indicators/catalogue';
import type { Level } from '../../territory/key';
import { formatValue } from '../../indicators/format';
import type { TerritoryValues } from '../../data/queries/values';
import { exportedOnLine, type ExportTable, type TableCell } from '../../export/table';
import { normalizeSearchText } from '../../data/queries/search';

/**
 * The table behind the map: the territories of the level shown, within the scope, with value,
 * numerator, denominator and rank. Pure functions over the explorer's values, so that the table,
 * its sort, its filter and its export say exactly what the map colours.
 */

export interface TerritoryRow {
	/** Position in the geometry (and in the explorer's values): what a row click selects. */
	index: number;
	code: string;
	name: string;
	value: number;
	num: number;
	den: number;
	/** Population of the territory (NaN when unknown). */
	population: number;
	/** Competition rank among the territories of the scope with a value; null without a value or for a class. */
	rank: number | null;
}

export type SortKey = 'name' | 'code' | 'population' | 'value' | 'num' | 'den' | 'rank';
export interface SortState {
	key: SortKey;
	descending: boolean;
}

/**
 * How ranks count for an indicator at a level: in the favourable direction the catalogue declares
 * (a neutral indicator by value, highest first), with what rank 1 means for the header; null for a
 * class indicator, and at commune level for an indicator the catalogue says not to rank between communes.
 */
export function rankRule(indicator: Indicator, level: Level): { lowFirst: boolean; label: string } | null {
	if (indicator.kind === 'class' || (level === 'commune' && indicator.unrankedAtCommune)) return null;
	return { lowFirst: indicator.direction === 'higher_worse', label: rankDirection(indicator) };
}

/**
 * Competition ranks (« 1224 »): tied values share the best rank, the next one skips.
 * NaN is not ranked (null). `lowFirst` puts the lowest value first.
 */
export function competitionRanks(values: ArrayLike<number>, lowFirst: boolean): (number | null)[] {
	const order: number[] = [];
	for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) order.push(i);
	order.sort((a, b) => (lowFirst ? values[a] - values[b] : values[b] - values[a]));
	const ranks: (number | null)[] = new Array(values.length).fill(null);
	order.forEach((i, position) => {
		const previous = order[position - 1];
		ranks[i] = position > 0 && values[previous] === values[i] ? ranks[previous] : position + 1;
	});
	return ranks;
}

/**
 * The rows of the territories in the scope, in geometry order, ranked among the scope's territories;
 * with `retained` (the classes kept and the criterion, see retained.ts), only those the map keeps,
 * each keeping its rank in the scope.
 */
export function territoryRows(
	indicator: Indicator,
	level: Level,
	codes: readonly string[],
	names: readonly string[],
	data: TerritoryValues,
	population: ArrayLike<number> | null = null,
	retained: readonly number[] | null = null
): TerritoryRow[] {
	const indices: number[] = [];
	for (let i = 0; i < codes.length; i++) if (data.inScope[i]) indices.push(i);
	const rule = rankRule(indicator, level);
	const ranks = rule ? competitionRanks(indices.map((i) => data.values[i]), rule.lowFirst) : null;
	const keep = retained ? new Set(retained) : null;
	const rows: TerritoryRow[] = [];
	indices.forEach((i, k) => {
		if (keep && !keep.has(i)) return;
		rows.push({
			index: i,
			code: codes[i],
			name: names[i],
			value: data.values[i],
			num: data.num[i],
			den: data.den[i],
			population: population ? population[i] : NaN,
			rank: ranks ? ranks[k] : null
		});
	});
	return rows;
}

/** Total population of rows; null when one is unknown (a partial sum would be read as the total). */
export function rowsPopulation(rows: readonly TerritoryRow[]): number | null {
	let sum = 0;
	for (const r of rows) {
		if (!Number.isFinite(r.population)) return null;
		sum += r.population;
	}
	return sum;
}

/** Rows whose name (accents, case and « St » folded as in the search box) or code contains the text. */
export function filterRows(rows: readonly TerritoryRow[], text: string): TerritoryRow[] {
	const wanted = normalizeSearchText(text);
	if (!wanted) return [...rows];
	const code = text.trim().toUpperCase();
	return rows.filter((r) => normalizeSearchText(r.name).includes(wanted) || r.code.startsWith(code));
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Sorted copy; territories without a value (or rank) always last, ties by name. */
export function sortRows(rows: readonly TerritoryRow[], sort: SortState): TerritoryRow[] {
	const sign = sort.descending ? -1 : 1;
	const compare = (a: TerritoryRow, b: TerritoryRow): number => {
		if (sort.key === 'name' || sort.key === 'code') return sign * collator.compare(a[sort.key], b[sort.key]);
		const x = a[sort.key] ?? NaN;
		const y = b[sort.key] ?? NaN;
		const xKnown = Number.isFinite(x);
		const yKnown = Number.isFinite(y);
		if (xKnown !== yKnown) return xKnown ? -1 : 1;
		return (xKnown && x !== y ? sign * (x - y) : 0) || collator.compare(a.name, b.name);
	};
	return [...rows].sort(compare);
}

/** The table as exported: the rows in the order shown, codes as text, ranks and figures as numbers. */
export function territoryExportTable(
	indicator: Indicator,
	rows: readonly TerritoryRow[],
	context: { level: Level; levelLabel: string; scopeName: string; filterText: string; narrowing: string[]; total: string },
	/** What the data says of a commune's value (its former commune's, not published…), as the tooltip says it. */
	noteOf: (code: string) => string | null = () => null
): ExportTable {
	const rule = rankRule(indicator, context.level);
	const terms = termLabels(indicator);
	const number = (value: number, precision: number): TableCell => (Number.isFinite(value) ? { value, precision } : null);
	const notes = context.level === 'commune' ? rows.map((r) => noteOf(r.code)) : [];
	const noted = notes.some((n) => n !== null);
	return {
		title: 'Territoires',
		header: [
			'Code',
			'Territoire',
			'Population (hab.)',
			`${indicator.label}${importedMark(indicator)} (${indicator.unit})`,
			`Numérateur : ${terms.num}`,
			`Dénominateur : ${terms.den}`,
			...(rule ? [`Rang : ${rule.label}`] : []),
			...(noted ? ['Note sur la valeur'] : [])
		],
		rows: rows.map((r, i) => [
			r.code,
			r.name,
			number(r.population, 0),
			indicator.kind === 'class' ? formatValue(indicator, r.value, { unit: false }) : number(r.value, indicator.precision),
			number(r.num, 2),
			number(r.den, 2),
			...(rule ? [r.rank] : []),
			...(noted ? [notes[i] ?? ''] : [])
		]),
		footer: [
			`Niveau : ${context.levelLabel} — territoire étudié : ${context.scopeName}`,
			`Total : ${context.total}`,
			...context.narrowing,
			...(!rule && indicator.kind !== 'class' ? [`Communes non classées : ${indicator.unrankedAtCommune}`] : []),
			...(context.filterText.trim() ? [`Filtre sur le nom : « ${context.filterText.trim()} »`] : []),
			'Numérateur et dénominateur : sommes sur les communes du territoire ; valeur = facteur × numérateur / dénominateur. Population municipale 2022.',
			`Source : ${sourceLine(indicator)}`,
			exportedOnLine(new Date())
		]
	};
}

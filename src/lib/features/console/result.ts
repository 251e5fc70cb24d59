/** What the SQL console page shows of a result: cells in French, pages, the map link and the export. */
import { communeCodeColumn, MAX_CONSOLE_ROWS, type ConsoleCell, type ConsoleResult } from '../../data/queries/console';
import { DEFAULT_VIEW, viewParams } from '../../links/view-state';
import { MAX_SELECTION, countCommunes, normalizeSelection } from '../../territory/key';
import { formatNumber } from '../../territory/number';
import { exportedOnLine, type ExportTable } from '../../export/table';

export const PAGE_ROWS = 50;

const decimals = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 6 });

/** A cell as the table shows it: integers grouped, decimals with a comma (up to six), null empty. */
export function cellText(value: ConsoleCell): string {
	if (value === null) return '';
	if (typeof value === 'string') return value;
	return Number.isInteger(value) ? formatNumber(value, 0) : decimals.format(value).replaceAll('\u202f', '\u00a0');
}

export function pageCount(result: ConsoleResult): number {
	return Math.max(1, Math.ceil(result.rows.length / PAGE_ROWS));
}

export function pageRows(result: ConsoleResult, page: number): ConsoleCell[][] {
	return result.rows.slice(page * PAGE_ROWS, (page + 1) * PAGE_ROWS);
}

/**
 * « Afficher sur la carte »: the result's column of commune codes, how many communes it names, and the explorer's
 * query string that makes them its selection (null when there are more than a selection holds).
 */
export function resultMapLink(result: ConsoleResult): { column: string; count: number; params: string | null } | null {
	const column = communeCodeColumn(result);
	if (column === null) return null;
	const codes = result.rows.map((r) => r[column]).filter((c): c is string => typeof c === 'string');
	const count = countCommunes(codes);
	const name = result.columns[column].name;
	if (count > MAX_SELECTION) return { column: name, count, params: null };
	return { column: name, count, params: String(viewParams({ ...DEFAULT_VIEW, scope: { level: 'selection' }, group: normalizeSelection(codes) })) };
}

/** The result as an exported table, its statement and any truncation in the footer. */
export function resultExport(result: ConsoleResult, sql: string, now: Date): ExportTable {
	return {
		title: 'Requête SQL',
		header: result.columns.map((c) => c.name),
		rows: result.rows,
		footer: [
			`Requête : ${sql.replace(/\s+/g, ' ').trim()}`,
			...(result.truncated ? [`Résultat limité aux ${formatNumber(MAX_CONSOLE_ROWS, 0)} premières lignes.`] : []),
			exportedOnLine(now)
		]
	};
}

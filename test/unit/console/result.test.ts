import { describe, expect, it } from 'vitest';
import { PAGE_ROWS, cellText, pageCount, pageRows, resultExport, resultMapLink } from '../../../src/lib/features/console/result';
import { MAX_CONSOLE_ROWS, type ConsoleResult } from '../../../src/lib/data/queries/console';
import { MAX_SELECTION } from '../../../src/lib/territory/key';
import { parseView } from '../../../src/lib/links/view-state';

const numeric = { name: 'n', type: 'Float64', numeric: true };
const code = { name: 'code', type: 'Utf8', numeric: false };
// Real commune codes of the Lot; the values are fictitious.
const result = (rows: [string | null, number | null][], truncated = false): ConsoleResult => ({ columns: [code, numeric], rows, truncated });

describe('the SQL console result', () => {
	it('writes cells in French: integers grouped, decimals with a comma, null empty', () => {
		expect(cellText(null)).toBe('');
		expect(cellText('46102')).toBe('46102');
		expect(cellText(12345)).toBe('12\u00a0345');
		expect(cellText(0.1234567)).toBe('0,123457');
	});

	it('cuts the rows into pages of PAGE_ROWS', () => {
		const rows = Array.from({ length: PAGE_ROWS * 2 + 3 }, (_, i) => ['46102', i] as [string, number]);
		const r = result(rows);
		expect(pageCount(r)).toBe(3);
		expect(pageRows(r, 2).map((row) => row[1])).toEqual([PAGE_ROWS * 2, PAGE_ROWS * 2 + 1, PAGE_ROWS * 2 + 2]);
		expect(pageCount(result([]))).toBe(1);
	});

	it('links a column of commune codes to the explorer as its selection', () => {
		const link = resultMapLink(result([['46102', 1], ['46042', 2], [null, 3]]));
		expect(link).toMatchObject({ column: 'code', count: 2 });
		const view = parseView(new URLSearchParams(link!.params!));
		expect(view.scope).toEqual({ level: 'selection' });
		expect([...view.group].sort()).toEqual(['46042', '46102']);
		expect(resultMapLink(result([['pas un code', 1]]))).toBeNull();
	});

	it('gives no link when the communes are more than a selection holds', () => {
		const codes = Array.from({ length: MAX_SELECTION + 1 }, (_, i) => String(10001 + i));
		const link = resultMapLink(result(codes.map((c) => [c, 1])));
		expect(link?.params).toBeNull();
		expect(link?.count).toBe(MAX_SELECTION + 1);
	});

	it('exports the statement on one line and says when the result was cut', () => {
		const now = new Date('2026-01-02T03:04:05Z');
		const table = resultExport(result([['46102', 1]], true), 'SELECT *\n  FROM apl', now);
		expect(table.header).toEqual(['code', 'n']);
		expect(table.footer?.[0]).toBe('Requête : SELECT * FROM apl');
		expect(table.footer?.[1]).toBe(`Résultat limité aux ${MAX_CONSOLE_ROWS.toLocaleString('fr-FR').replaceAll('\u202f', '\u00a0')} premières lignes.`);
		expect(resultExport(result([]), 'SELECT 1', now).footer).toHaveLength(2);
	});
});

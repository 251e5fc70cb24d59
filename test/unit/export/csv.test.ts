import { describe, expect, it } from 'vitest';
import { BOM, csvCell, csvNumber, toCsv } from '../../../src/lib/export/csv';
import { csvText, parseCsv } from '../../../src/lib/text/csv';

describe('CSV writer', () => {
	it('starts with a BOM, separates with ; and ends rows with CRLF', () => {
		const text = toCsv([
			['a', 'b'],
			['c', 1.5]
		]);
		expect(text.startsWith(BOM)).toBe(true);
		expect(text.slice(1)).toBe('a;b\r\nc;1,5\r\n');
	});

	it('writes numbers with a decimal comma, no thousands separator, fixed precision', () => {
		expect(csvNumber(1234567.891, 2)).toBe('1234567,89');
		expect(csvNumber(4.1, 2)).toBe('4,10');
		expect(csvNumber(-0.004, 2)).toBe('0,00');
		expect(csvNumber(-1.25, 1)).toBe('-1,3');
		expect(csvNumber(NaN, 2)).toBe('');
		expect(csvNumber(12)).toBe('12');
		expect(csvCell({ value: 3.14159, precision: 3 })).toBe('3,142');
		expect(csvCell(null)).toBe('');
		expect(csvCell(undefined)).toBe('');
	});

	it('never guards numbers: a negative value stays a number', () => {
		expect(csvCell({ value: -0.42, precision: 2 })).toBe('-0,42');
		expect(csvCell(-3)).toBe('-3');
	});

	it('quotes the separator, quotes, line breaks and edge spaces', () => {
		expect(csvText('a;b')).toBe('"a;b"');
		expect(csvText('dit "oui"')).toBe('"dit ""oui"""');
		expect(csvText('ligne\nsuivante')).toBe('"ligne\nsuivante"');
		expect(csvText(' bord')).toBe('" bord"');
		expect(csvText('Saint-Céré, Lot')).toBe('Saint-Céré, Lot');
	});

	it('guards text cells against formula injection', () => {
		expect(csvText('=SOMME(A1:A3)')).toBe("'=SOMME(A1:A3)");
		expect(csvText('+33')).toBe("'+33");
		expect(csvText('-1+1')).toBe("'-1+1");
		expect(csvText('@cmd')).toBe("'@cmd");
		expect(csvText('\tx')).toBe("'\tx");
		expect(csvText('=1;2')).toBe(`"'=1;2"`);
	});

	it('round-trips through a strict CSV reader', () => {
		const rows = [
			['Indicateur', 'Unité', 'Figeac'],
			['APL « MG » ; 2023', 'consultations / an', { value: 3.456, precision: 2 }],
			['multi\r\nligne', '"q"', '=cmd']
		] as const;
		const parsed = parseCsv(toCsv(rows.map((r) => [...r])).slice(1));
		expect(parsed.map((r) => r.fields)).toEqual([
			['Indicateur', 'Unité', 'Figeac'],
			['APL « MG » ; 2023', 'consultations / an', '3,46'],
			['multi\r\nligne', '"q"', "'=cmd"]
		]);
	});
});

describe('hostile text in exports', () => {
	it('drops NUL bytes from CSV cells (tables and CLS)', async () => {
		expect(csvText('a\0b')).toBe('ab');
		expect(toCsv([['x\0', 'y']])).not.toContain('\0');
		const { formatCsv } = await import('../../../src/lib/text/csv');
		expect(formatCsv([['Nom\0 du CLS']])).toBe('Nom du CLS\r\n');
	});
});

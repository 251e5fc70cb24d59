import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, formatCsv, parseCsv } from '../../../src/lib/text/csv';

function syntaxError(text: string): CsvSyntaxError {
	try {
		parseCsv(text);
	} catch (e) {
		if (e instanceof CsvSyntaxError) return e;
		throw e;
	}
	throw new Error('no error');
}

describe('strict CSV parser', () => {
	it('reads quoted fields with `;`, doubled quotes and line breaks, keeping the start line of each record', () => {
		const r = parseCsv('a;b\r\n"x;y";"il dit ""oui"""\r\n"deux\r\nlignes";z\r\n\r\nfin;\r\n');
		expect(r).toEqual([
			{ line: 1, fields: ['a', 'b'] },
			{ line: 2, fields: ['x;y', 'il dit "oui"'] },
			{ line: 3, fields: ['deux\r\nlignes', 'z'] },
			{ line: 6, fields: ['fin', ''] }
		]);
	});

	it('accepts LF-only files and a missing final newline', () => {
		expect(parseCsv('a;b\nc;d').map((r) => r.fields)).toEqual([
			['a', 'b'],
			['c', 'd']
		]);
	});

	it('refuses a quote never closed, a quote inside a bare field, text after a closing quote', () => {
		expect(syntaxError('a;b\r\n"x;y\r\nz;w\r\n')).toMatchObject({ line: 2, message: expect.stringMatching(/jamais fermé/) });
		expect(syntaxError('a;b\r\nx"y;z\r\n')).toMatchObject({ line: 2, message: expect.stringMatching(/au milieu d’un champ/) });
		expect(syntaxError('a;b\r\n"x"y;z\r\n')).toMatchObject({ line: 2, message: expect.stringMatching(/suivi de « y »/) });
	});

	it('formatCsv → parseCsv is the identity on awkward cells', () => {
		const rows = [
			['cls_id', 'titre'],
			['a', ' espace en tête'],
			['b', 'x;y\r\n"z"'],
			['c', '']
		];
		expect(parseCsv(formatCsv(rows)).map((r) => r.fields)).toEqual(rows);
	});
});

describe('parseCsv keepEmptyLines', () => {
	it('keeps a blank line as a record of one empty field only when asked', () => {
		const text = 'a;b\r\n\r\nSource : INSEE\r\n';
		expect(parseCsv(text).map((r) => r.fields)).toEqual([['a', 'b'], ['Source : INSEE']]);
		expect(parseCsv(text, ';', { keepEmptyLines: true }).map((r) => [r.line, r.fields])).toEqual([[1, ['a', 'b']], [2, ['']], [3, ['Source : INSEE']]]);
	});
});

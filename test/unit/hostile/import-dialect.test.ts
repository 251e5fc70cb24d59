import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectDialect } from '../../../src/lib/data/imports/generic-import';
import { ImportError } from '../../../src/lib/data/imports/imports';

describe('the first look at a user’s file (main thread, before the engine)', () => {
	it('either finds a delimiter and a header or refuses with a French ImportError, whatever the bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
				try {
					const dialect = detectDialect(bytes, 'f.csv');
					expect([';', ',', '\t', '|']).toContain(dialect.delimiter);
					expect(dialect.columns.length).toBeGreaterThan(1);
				} catch (error) {
					expect(error).toBeInstanceOf(ImportError);
					expect((error as Error).message).toMatch(/f\.csv/);
				}
			}),
			{ numRuns: 500 }
		);
	});

	it('reads Latin-1 and UTF-8 headers alike', () => {
		const header = 'Code commune;Libellé;Médecins\n1001;x;1\n';
		const latin1 = Uint8Array.from([...header].map((c) => c.charCodeAt(0)));
		expect(detectDialect(latin1, 'a.csv')).toMatchObject({ encoding: 'latin-1', columns: ['Code commune', 'Libellé', 'Médecins'] });
		expect(detectDialect(new TextEncoder().encode('\uFEFF' + header), 'b.csv')).toMatchObject({ encoding: 'utf-8', columns: ['Code commune', 'Libellé', 'Médecins'] });
		expect(detectDialect(new TextEncoder().encode('a|b|c\n'), 'c.csv').delimiter).toBe('|');
		expect(detectDialect(new TextEncoder().encode('a\tb\n'), 'd.csv').delimiter).toBe('\t');
	});
});

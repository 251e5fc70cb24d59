import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceError } from '../../support/source-error';
import { readCsv } from '../../../pipeline/lib/csv';

const FIXTURES = join(import.meta.dirname, '../../fixtures/data');

describe('readCsv', () => {
	it('decodes a Latin-1 file (invalid UTF-8) correctly', () => {
		const [row] = readCsv(join(FIXTURES, 'latin1.csv'), { required: ['code', 'nom'] });
		expect(row.get('nom')).toBe('Abérgement-Clémenciat');
		expect(row.line).toBe(2);
	});

	it('skips metadata lines, strips the BOM and reads ";" files with CRLF', () => {
		const rows = readCsv(join(FIXTURES, 'radon-irsn/radon.csv'), { delimiter: ';', required: ['insee_com'] });
		expect(rows).toHaveLength(7);
		expect(rows[0].get('insee_com')).toBe('46042');
		expect(rows[0].num('classe_potentiel')).toBe(1);
	});

	it('names the file of a missing input, in French', () => {
		const file = join(FIXTURES, 'radon-irsn/absent.csv');
		expect(sourceError(() => readCsv(file, { required: [] })).message).toBe(`Fichier introuvable : ${file}`);
	});

	it('names the file of an empty (0-byte) input', () => {
		const file = join(FIXTURES, 'bad/empty.csv');
		expect(sourceError(() => readCsv(file, { required: [] })).message).toBe(`Fichier vide : ${file}`);
	});

	it('names the missing column and the file', () => {
		const file = join(FIXTURES, 'bad/missing-column.csv');
		const error = sourceError(() => readCsv(file, { required: ['code_insee', 'apl_generalistes'] }));
		expect(error.message).toBe(`Colonne « apl_generalistes » absente de ${file}`);
	});

	it('reports a non-numeric cell with file and line', () => {
		const [row] = readCsv(join(FIXTURES, 'latin1.csv'), { required: ['nom'] });
		expect(sourceError(() => row.num('nom')).message).toMatch(/latin1\.csv, ligne 2 : valeur non numérique/);
	});
});

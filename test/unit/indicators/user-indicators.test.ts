import { afterEach, describe, expect, it } from 'vitest';
import { IMPORTED_INDICATORS, INDICATORS, allIndicators, findIndicator, levelsOf, setUserIndicators, sourceLine } from '../../../src/lib/indicators/catalogue';
import { slug, userIndicators, userTableName, type UserFileSpec } from '../../../src/lib/indicators/user';
import { parseViewReport } from '../../../src/lib/links/view-state';

const SPEC: UserFileSpec = {
	codeColumn: 0,
	level: 'departement',
	name: 'Taux fictifs',
	source: 'ARS (test)',
	millesime: '2024',
	values: [
		{ column: 1, label: 'Taux de couverture', kind: 'rate', weight: 'population', unit: '%' },
		{ column: 2, label: 'Médecins', kind: 'count', weight: 'population', unit: '' }
	]
};

afterEach(() => setUserIndicators([]));

describe('the user’s indicators beside the catalogue', () => {
	it('are found, marked « importé » with their file and source, at the levels their codes allow', () => {
		const made = userIndicators('user_taux_fictifs', 'taux.csv', SPEC);
		setUserIndicators(made);
		const rate = findIndicator('user_taux_fictifs_taux_de_couverture')!;
		expect(rate).toMatchObject({ kind: 'ratio', importedFrom: expect.any(String), theme: 'Données importées' });
		expect(sourceLine(rate)).toMatch(/^ARS \(test\) – Taux fictifs, fichier « taux\.csv », 2024 .*importé par l’utilisateur/);
		expect(levelsOf(rate)).toEqual(['departement', 'region']);
		expect(allIndicators()).toHaveLength(INDICATORS.length + IMPORTED_INDICATORS.length + 2);
		// A permalink to it reads it; once gone, it says so.
		expect(parseViewReport(new URLSearchParams(`i=${rate.id}&n=departement`)).view).toMatchObject({ indicator: rate.id, level: 'departement' });
		// Not true at commune level: a link without level opens at the file's own level.
		expect(parseViewReport(new URLSearchParams(`i=${rate.id}`)).view.level).toBe('departement');
		setUserIndicators([]);
		const { view, missingIndicator } = parseViewReport(new URLSearchParams(`i=${rate.id}`));
		expect(missingIndicator).toBe(rate.id);
		expect(view.indicator).not.toBe(rate.id);
	});

	it('never shadow an indicator of the atlas, and make SQL names of [a-z0-9_] only', () => {
		const fake = { ...userIndicators('user_x', 'x.csv', SPEC)[0], indicator: { ...userIndicators('user_x', 'x.csv', SPEC)[0].indicator, id: INDICATORS[0].id } };
		setUserIndicators([fake]);
		expect(findIndicator(INDICATORS[0].id)).toBe(INDICATORS[0]);
		expect(slug('Médecins (2024) — « test » ; DROP TABLE')).toMatch(/^[a-z0-9_]+$/);
		expect(userTableName('"; DROP TABLE communes; --', new Set())).toMatch(/^user_[a-z0-9_]+$/);
		expect(userTableName('Taux', new Set(['user_taux']))).toBe('user_taux_2');
	});
});

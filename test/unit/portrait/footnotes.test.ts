import { describe, expect, it } from 'vitest';
import { footnotes } from '../../../src/lib/features/portrait/footnotes';

const LO = 'Licence Ouverte / Etalab 2.0';

describe('footnotes', () => {
	it('numbers each line once, in first-cited order, from 1; 0 for a line not cited', () => {
		const notes = footnotes(['INSEE – COG', 'DREES – APL 2023', 'INSEE – COG', 'FINESS']);
		expect(notes.lines).toEqual(['INSEE – COG', 'DREES – APL 2023', 'FINESS']);
		expect(notes.number('INSEE – COG')).toBe(1);
		expect(notes.number('FINESS')).toBe(3);
		expect(notes.number('IRSN – radon')).toBe(0);
	});

	it('finds the licence every line ends with and prints the lines without it', () => {
		const notes = footnotes([`INSEE – COG 2025 (${LO})`, `DREES – APL 2023 (${LO})`]);
		expect(notes.sharedLicence).toBe(LO);
		expect(notes.lines.map(notes.withoutLicence)).toEqual(['INSEE – COG 2025', 'DREES – APL 2023']);
	});

	it('keeps each line whole when one line has another licence or none', () => {
		const mixed = footnotes([`INSEE – COG 2025 (${LO})`, 'IRSN – zonage radon 2018 (arrêté du 27 juin 2018)']);
		expect(mixed.sharedLicence).toBeNull();
		expect(mixed.withoutLicence(`INSEE – COG 2025 (${LO})`)).toBe(`INSEE – COG 2025 (${LO})`);
		expect(footnotes([`A (${LO})`, 'B']).sharedLicence).toBeNull();
		expect(footnotes([]).sharedLicence).toBeNull();
	});
});

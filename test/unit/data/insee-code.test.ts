import { describe, expect, it } from 'vitest';
import { departementOf, normalizeCommuneCode, normalizeDepartementCode } from '../../../src/lib/territory/insee-code';

describe('codes INSEE', () => {
	it('zero-pads commune codes that lost their leading zero', () => {
		expect(normalizeCommuneCode('1001')).toBe('01001');
		expect(normalizeCommuneCode(2628)).toBe('02628');
		expect(normalizeCommuneCode('1001.0')).toBe('01001');
		expect(normalizeCommuneCode(' 46042 ')).toBe('46042');
	});

	it('keeps Corsica codes 2A/2B, upper-casing them', () => {
		expect(normalizeCommuneCode('2A004')).toBe('2A004');
		expect(normalizeCommuneCode('2b033')).toBe('2B033');
		expect(departementOf('2A004')).toBe('2A');
	});

	it('rejects garbage', () => {
		for (const raw of ['', 'abc', '123456', '-60.9918120494636', '2C004', '#VALEUR!', null, undefined]) {
			expect(normalizeCommuneCode(raw)).toBeNull();
		}
	});

	it('derives and normalises département codes, three digits for the DROM', () => {
		expect(departementOf('97105')).toBe('971');
		expect(departementOf('46042')).toBe('46');
		expect(normalizeDepartementCode('9')).toBe('09');
		expect(normalizeDepartementCode('976')).toBe('976');
		expect(normalizeDepartementCode('977')).toBeNull();
	});
});

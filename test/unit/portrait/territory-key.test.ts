import { describe, expect, it } from 'vitest';
import { parseKey, parseKeyListReport } from '../../../src/lib/territory/key';
import { keyProblem } from '../../../src/lib/territory/key-problem';

describe('territory keys of the comparison', () => {
	it('repair codes as the explorer does (1004 → 01004, 2a004 → 2A004, département 1 → 01)', () => {
		expect(parseKey('commune:1004')).toEqual({ level: 'commune', code: '01004' });
		expect(parseKey('commune:2a004')).toEqual({ level: 'commune', code: '2A004' });
		expect(parseKey('departement:1')).toEqual({ level: 'departement', code: '01' });
		expect(parseKey('selection:46102-1004-46102')).toEqual({ level: 'selection', code: '01004-46102' });
		expect(parseKey('selection:46102-<b>')).toBeNull();
	});

	it('say what of `/comparer?t=commune:1004,foo:bar` was ignored', () => {
		const { keys, ignored } = parseKeyListReport('commune:1004,foo:bar');
		expect(keys).toEqual([{ level: 'commune', code: '01004' }]);
		expect(ignored).toEqual(['territoire invalide « foo:bar »']);
		expect(parseKeyListReport('commune:46102,commune:46102').ignored).toEqual([]);
		const seven = Array.from({ length: 7 }, (_, i) => `commune:4610${i}`).join(',');
		expect(parseKeyListReport(seven).ignored).toEqual(['1 territoire au-delà de 6 comparés']);
	});
});

describe('a selection over the limit', () => {
	it('names the 1,000 limit', () => {
		const code = Array.from({ length: 1001 }, (_, i) => String(10001 + i)).join('-');
		expect(keyProblem('selection', code)).toMatch(/au plus 1\s000 communes ; celle de ce lien en compte 1\s001/u);
		expect(keyProblem('selection', '46102-46042')).toBeNull();
		expect(keyProblem('commune', '99999')).toBeNull();
	});
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolvePerimeter, resolvePerimeterDetailed } from '../../../src/lib/register/perimeter';
import { parseCsv } from '../../../src/lib/text/csv';
import { getShippedCls } from '../../../src/lib/register/register';
import type { Cls } from '../../../src/lib/register/schema';
import { loadCog } from './cog';
import { sharedPath } from '../../support/shared';

const cog = loadCog();

function shipped(id: string): Cls {
	const c = getShippedCls(id);
	if (!c) throw new Error(id);
	return c;
}

describe('resolvePerimeter', () => {
	it(`reads the COG 2025 membership (${cog.from})`, () => {
		expect(cog.membership.size).toBe(34875);
		expect(cog.membership.get('15014')).toBe('241500230');
	});

	it('Cauvaldor = its 77 communes', () => {
		const communes = resolvePerimeter(shipped('cauvaldor'), cog.membership);
		expect(communes).toHaveLength(77);
		expect(communes.every((c) => c.startsWith('46'))).toBe(true);
		const names = communes.map((c) => cog.names.get(c));
		expect(names).toContain('Saint-Céré');
		expect(names).toContain('Souillac');
		expect(names).not.toContain('Figeac');
	});

	it('Bassin d’Aurillac CLS = exactly the communes of its three EPCI (86)', () => {
		const cls = shipped('bassin-aurillac-carlades-chataigneraie-2024-2028');
		const communes = resolvePerimeter(cls, cog.membership);
		// Counted in the COG 2025: CA du Bassin d'Aurillac 25, CC Cère et Goul en Carladès 11, CC Châtaigneraie Cantalienne 50.
		expect(communes).toHaveLength(86);
		const expected = [...cog.membership].filter(([, e]) => e === '241500230' || e === '241501089' || e === '200066678').map(([c]) => c).sort();
		expect(communes).toEqual(expected);
		expect(communes).toContain('15014'); // Aurillac
		expect(cog.names.get('15014')).toBe('Aurillac');
		expect(communes).toContain('15258'); // Vic-sur-Cère (Carladès)
		expect(communes).toContain('15122'); // Maurs (Châtaigneraie)
		expect(communes).not.toContain('15187'); // Saint-Flour: est-Cantal, not this CLS
		expect(communes).toEqual([...new Set(communes)].sort());
	});

	it('agrees with the raw COG CSV for the Aurillac CLS', () => {
		const [header, ...rows] = parseCsv(readFileSync(sharedPath('data/cog2025/communes.csv'), 'utf8'), ',');
		const iCode = header.fields.indexOf('DEPCOM');
		const iEpci = header.fields.indexOf('EPCI');
		const fromCsv = rows.filter((r) => ['241500230', '241501089', '200066678'].includes(r.fields[iEpci])).map((r) => r.fields[iCode]).sort();
		expect(resolvePerimeter(shipped('bassin-aurillac-carlades-chataigneraie-2024-2028'), cog.membership)).toEqual(fromCsv);
	});

	it('est-Cantal = Saint-Flour (53) + Hautes Terres (39 in the COG 2025, 35 in the 2018 document)', () => {
		expect(resolvePerimeter(shipped('est-cantal-2018'), cog.membership)).toHaveLength(53 + 39);
	});

	it('the three Lot CLS cover every Lot commune but the two attached to an Aveyron EPCI', () => {
		const lot = [...cog.membership.keys()].filter((c) => c.startsWith('46'));
		const covered = new Set(['cauvaldor', 'grand-figeac', 'pter-grand-quercy'].flatMap((id) => resolvePerimeter(shipped(id), cog.membership)));
		expect(lot.filter((c) => !covered.has(c)).sort()).toEqual(['46154', '46227']);
		expect([...covered].filter((c) => !c.startsWith('46'))).toHaveLength(6); // Grand-Figeac's Aveyron communes
	});

	it('unions listed communes with EPCI communes and reports unknown codes', () => {
		const cls = { perimetre: { epci: ['241501089', '999999999'], communes: ['15014', '15187', '99999'] } } as Pick<Cls, 'perimetre'>;
		const r = resolvePerimeterDetailed(cls, cog.membership);
		expect(r.communes).toHaveLength(11 + 2);
		expect(r.communes).toContain('15187');
		expect(r.unknownEpci).toEqual(['999999999']);
		expect(r.unknownCommunes).toEqual(['99999']);
	});

	it('is pure: works on any membership map', () => {
		const m = new Map<string, string | null>([
			['01001', '200000001'],
			['01002', '200000001'],
			['01003', null]
		]);
		const cls = { perimetre: { epci: ['200000001'], communes: ['01003', '01001'] } } as Pick<Cls, 'perimetre'>;
		expect(resolvePerimeter(cls, m)).toEqual(['01001', '01002', '01003']);
	});
});

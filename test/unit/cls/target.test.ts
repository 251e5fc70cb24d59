import { describe, expect, it } from 'vitest';
import { getShippedCls, SHIPPED_CLS } from '../../../src/lib/register/register';
import { clsCoveringCommune, qpvIndexFromRows, targetCommunes } from '../../../src/lib/register/target';
import { resolvePerimeter } from '../../../src/lib/register/perimeter';
import { addAction, addAxe, newCls, removeAction, slugify, updateAction } from '../../../src/lib/register/edit';
import { walkActions, type Cls } from '../../../src/lib/register/schema';
import { loadCog } from './cog';

const { membership } = loadCog();
const AURILLAC_ID = 'bassin-aurillac-carlades-chataigneraie-2024-2028';
const qpv = qpvIndexFromRows([{ code: '15014', codes_qpv: 'QN01501M' }]);
const aurillac = getShippedCls(AURILLAC_ID)!;

describe('targetCommunes', () => {
	const perimeter = resolvePerimeter(aurillac, membership);
	const action = (id: string) => [...walkActions(aurillac)].find((l) => l.action.id === id)!.action;

	it('perimeter, EPCI and QPV targets resolve to communes', () => {
		const qpvAction = [...walkActions(aurillac)].find((l) => l.action.cible.type === 'qpv')!.action;
		expect(targetCommunes(qpvAction, perimeter, membership, { qpv })).toEqual(['15014']);
		expect(targetCommunes(qpvAction, perimeter, membership)).toEqual([]);
		const epci = action('h-234-4');
		const communes = targetCommunes(epci, perimeter, membership);
		expect(communes).toHaveLength([...membership.values()].filter((e) => e === '200066678').length);
		expect(targetCommunes({ cible: { type: 'perimetre' } }, perimeter, membership)).toEqual(perimeter);
		expect(targetCommunes({ cible: { type: 'communes', communes: ['15014', '99999'] } }, perimeter, membership)).toEqual(['15014']);
	});

	it('qpvIndexFromRows splits the space-separated codes', () => {
		const idx = qpvIndexFromRows([
			{ code: '01004', codes_qpv: 'QN00103M QN00104M' },
			{ code: '01005', codes_qpv: 'QN00104M' },
			{ code: '01006', codes_qpv: null }
		]);
		expect(idx.get('QN00104M')).toEqual(['01004', '01005']);
		expect(idx.size).toBe(2);
	});
});

describe('clsCoveringCommune', () => {
	it('Aurillac (15014): the Aurillac CLS, with its perimeter-wide actions and the QPV actions', () => {
		const cover = clsCoveringCommune(SHIPPED_CLS, membership, '15014', { qpv });
		expect(cover.map((c) => c.cls.id)).toEqual([AURILLAC_ID]);
		const ids = cover[0].actions.map((a) => a.id);
		const program = [...walkActions(aurillac, { historique: false })].map((l) => l.action);
		expect(ids).toEqual(program.filter((a) => a.cible.type === 'perimetre' || a.cible.type === 'qpv').map((a) => a.id));
		expect(ids).toContain('2.2.1');
		expect(ids.some((id) => id.startsWith('h-'))).toBe(false);
	});

	it('Maurs (15122, Châtaigneraie): no QPV action', () => {
		const [cover] = clsCoveringCommune(SHIPPED_CLS, membership, '15122', { qpv });
		expect(cover.cls.id).toBe(AURILLAC_ID);
		expect(cover.actions.some((a) => a.cible.type === 'qpv')).toBe(false);
	});

	it('Saint-Céré (46251): Cauvaldor and its 8 cited actions; Cahors: PTER Grand Quercy; unknown code: nothing', () => {
		const [cover] = clsCoveringCommune(SHIPPED_CLS, membership, '46251');
		expect(cover.cls.id).toBe('cauvaldor');
		expect(cover.actions).toHaveLength(8);
		expect(clsCoveringCommune(SHIPPED_CLS, membership, '46042').map((c) => c.cls.id)).toEqual(['pter-grand-quercy']);
		expect(clsCoveringCommune(SHIPPED_CLS, membership, '75056')).toEqual([]);
		expect(clsCoveringCommune(SHIPPED_CLS, membership, '00000')).toEqual([]);
	});

	it('an action on some EPCI of the perimeter targets only their communes (est-Cantal, Hautes Terres)', () => {
		const est = getShippedCls('est-cantal-2018')!;
		const hautesTerres = [...walkActions(est)].find((l) => l.action.cible.type === 'epci')!.action;
		const siren = hautesTerres.cible.epci![0];
		const inside = [...membership].find(([, e]) => e === siren)![0];
		const outside = resolvePerimeter(est, membership).find((c) => membership.get(c) !== siren)!;
		expect(clsCoveringCommune([est], membership, inside)[0].actions.map((a) => a.id)).toContain(hautesTerres.id);
		expect(clsCoveringCommune([est], membership, outside)[0].actions.map((a) => a.id)).not.toContain(hautesTerres.id);
	});
});

describe('edits', () => {
	const cauvaldor = getShippedCls('cauvaldor')!;

	it('update an action without touching the original', () => {
		const r = updateAction(cauvaldor, 'bien-vieillir-domicile', { titre: 'Nouveau titre', statut: 'en cours', motifStatut: '' });
		expect(r.ok).toBe(true);
		const a = [...walkActions((r as { cls: Cls }).cls)].find((l) => l.action.id === 'bien-vieillir-domicile')!.action;
		expect(a.titre).toBe('Nouveau titre');
		expect(a.statut).toBe('en cours');
		expect(a.motifStatut).toBeUndefined();
		expect(cauvaldor.actionsHorsAxe[2].titre).toContain('bien vieillir');
	});

	it('refuses an invalid edit with a French message', () => {
		const r = updateAction(cauvaldor, 'bien-vieillir-domicile', { themes: [] });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors[0].message).toMatch(/au moins un thème/);
	});

	it('adds and removes an action, in a fiche or outside the axes', () => {
		const a = addAction(aurillac, { axe: 0, fiche: 0 }, { titre: 'Accueil des internes' });
		expect(a.ok).toBe(true);
		if (!a.ok) return;
		const added = a.cls.axes[0].fichesAction[0].actions.at(-1)!;
		expect(added.id).toBe('accueil-des-internes');
		expect(added.source.document).toBe('saisie-cls-atlas');
		const back = removeAction(a.cls, added.id);
		expect(back.ok && back.cls).toEqual(aurillac);
		const h = addAction(cauvaldor, 'horsAxe', { titre: 'Bien vieillir à domicile' });
		expect(h.ok && h.cls.actionsHorsAxe.at(-1)!.id).toBe('bien-vieillir-a-domicile');
	});

	it('creates a CLS on EPCI with a free identifier, then an axe', () => {
		const r = newCls(
			{ nom: 'CLS du Grand Cahors', porteurType: 'EPCI', porteurNom: 'CA du Grand Cahors', ars: 'ARS Occitanie', epci: ['200023737'], debut: 2026, fin: 2030 },
			new Set(['cls-du-grand-cahors'])
		);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.cls.id).toBe('cls-du-grand-cahors-2');
		expect(resolvePerimeter(r.cls, membership).length).toBeGreaterThan(30);
		const x = addAxe(r.cls, 'Accès aux soins', 'Installation');
		expect(x.ok && x.cls.axes[0].numero).toBe(1);
		expect(newCls({ nom: ' ', porteurType: 'EPCI', porteurNom: 'x', ars: 'y', epci: [], debut: null, fin: null }, new Set()).ok).toBe(false);
	});

	it('slugify', () => {
		expect(slugify('Santé & prévention — Lot')).toBe('sante-prevention-lot');
	});
});

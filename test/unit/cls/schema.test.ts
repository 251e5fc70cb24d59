import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_CLS, getShippedCls } from '../../../src/lib/register/register';
import { updateAction } from '../../../src/lib/register/edit';
import { STATUTS, ACTION_THEMES, validateCls, validateClsList, walkActions, type Cls } from '../../../src/lib/register/schema';
import { sharedPath } from '../../support/shared';

const SEEDS = sharedPath('seeds');

function leaves(cls: Cls, historique = false) {
	return [...walkActions(cls, { historique })].filter((l) => l.historique === historique).map((l) => l.action);
}

function mustGet(id: string): Cls {
	const c = getShippedCls(id);
	if (!c) throw new Error(`CLS ${id} absent du registre`);
	return c;
}

describe('shipped register', () => {
	it.each(SHIPPED_CLS.map((c) => [c.id, c] as const))('%s passes the schema', (_id, input) => {
		const r = validateCls(input);
		if (!r.ok) throw new Error(r.errors.map((e) => `${e.path} : ${e.message}`).join('\n'));
		expect(r.ok).toBe(true);
	});

	it('ships five contracts with unique ids', () => {
		expect(SHIPPED_CLS.map((c) => c.id).sort()).toEqual([
			'bassin-aurillac-carlades-chataigneraie-2024-2028',
			'cauvaldor',
			'est-cantal-2018',
			'grand-figeac',
			'pter-grand-quercy'
		]);
		expect(validateClsList(SHIPPED_CLS).ok).toBe(true);
	});

	it('cites a seed document on the contract and on every action', () => {
		const seedNames = new Set(['000_abde265a51ac9d98.txt', '001_fc9f28a65f91aa3e.txt', '002_cebdd4721371ad9d.txt', '003_a3de3c2e0dedd98f.txt', '004_0265d92eed53777d.txt']);
		for (const cls of SHIPPED_CLS) {
			expect(cls.sources.length).toBeGreaterThan(0);
			for (const s of cls.sources) expect(seedNames).toContain(s.document);
			for (const { action } of walkActions(cls)) {
				expect(seedNames).toContain(action.source.document);
				expect(action.source.section ?? action.source.page).toBeDefined();
			}
		}
		for (const name of seedNames) expect(existsSync(join(SEEDS, name))).toBe(true);
	});

	it('Cauvaldor: signed 10 March 2022, 5 years, 7 axes / 77 actions announced but not listed', () => {
		const c = mustGet('cauvaldor');
		expect(c.dateSignature).toBe('2022-03-10');
		expect(c.ars).toBe('ARS Occitanie');
		expect(c.periode).toEqual({ debut: 2022, fin: null, dureeAnnees: 5 });
		expect(c.perimetre.epci).toEqual(['200066371']);
		expect(c.actionsDocumentees).toBe(false);
		expect(c.nbActionsAnnoncees).toBe(77);
		expect(c.nbAxesAnnonces).toBe(7);
		expect(c.axes).toHaveLength(0);
		expect(c.actionsHorsAxe).toHaveLength(8);
		const grants = c.actionsHorsAxe.find((a) => a.id === 'parcours-m-aides');
		expect(grants?.montants?.map((m) => [m.min, m.max ?? null, m.unite])).toEqual([
			[800, null, 'euros'],
			[200, 300, 'euros par mois'],
			[2500, 5000, 'euros par an']
		]);
		expect(c.actionsHorsAxe.map((a) => a.id)).toContain('conseil-local-sante-mentale');
		expect(c.actionsHorsAxe.find((a) => a.id === 'option-sante-lycee-saint-cere')?.annees?.debut).toBe(2021);
	});

	it('Bassin d’Aurillac: 8 axes, 10 strategic and 58 specific objectives, signed 11/03/2025 for 2024-2028', () => {
		const c = mustGet('bassin-aurillac-carlades-chataigneraie-2024-2028');
		expect(c.porteur.type).toBe('SCoT');
		expect(c.ars).toBe('ARS Auvergne-Rhône-Alpes');
		expect(c.dateSignature).toBe('2025-03-11');
		expect(c.periode).toEqual({ debut: 2024, fin: 2028 });
		expect(c.signataires).toHaveLength(10);
		expect(c.perimetre.epci.sort()).toEqual(['200066678', '241500230', '241501089']);
		expect(c.axes.map((a) => a.numero)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect(c.axes.flatMap((a) => a.objectifsStrategiques.map((o) => o.numero))).toEqual([
			'1.1', '2.1', '2.2', '3.1', '4.1', '4.2', '5.1', '6.1', '7.1', '8.1'
		]);
		const objectifs = leaves(c);
		expect(objectifs).toHaveLength(58);
		expect(objectifs.every((o) => o.nature === 'objectif spécifique')).toBe(true);
		// per axis: 7, 3, 5, 7, 7, 12, 9, 8
		expect(c.axes.map((a) => a.fichesAction.reduce((n, f) => n + f.actions.length, 0))).toEqual([7, 3, 5, 7, 7, 12, 9, 8]);
		expect(objectifs.find((o) => o.id === '2.2.1')?.cible).toMatchObject({ type: 'qpv', qpv: ['QN01501M'] });
		expect(objectifs.find((o) => o.id === '6.1.1')?.sousThemes).toEqual(['air intérieur', 'radon']);
		expect(c.gouvernance?.instances.map((i) => i.nom)).toEqual([
			'Comité de pilotage',
			'Commission santé',
			'Coordination (coordonnatrice territoriale de santé)'
		]);
	});

	it('Bassin d’Aurillac: the previous CLS review keeps each action’s status, reason and the document’s own label', () => {
		const c = mustGet('bassin-aurillac-carlades-chataigneraie-2024-2028');
		expect(c.historique).toHaveLength(1);
		expect(c.historique[0].periode).toEqual({ debut: 2018, fin: 2023 });
		expect(c.historique[0].fichesAction.map((f) => f.numero)).toEqual(['1', '2, 3 et 4', '5', '6', '7', '8', '9', '10']);
		const bilan = leaves(c, true);
		expect(bilan).toHaveLength(27);
		const count = (s: string) => bilan.filter((a) => a.statut === s).length;
		// counted in document 003 § 2.1.2: 13 « Réalisé(e) », 6 « Partiellement réalisé », 4 « Non réalisé » + 4 « Peu réalisé »
		expect([count('réalisée'), count('partiellement réalisée'), count('non réalisée')]).toEqual([13, 6, 8]);
		expect(bilan.filter((a) => a.statutLibelleSource === 'Peu réalisé').map((a) => a.id)).toEqual(['h-234-7', 'h-5-1', 'h-5-2', 'h-6-1']);
		const clsm = bilan.find((a) => a.id === 'h-7-2');
		expect(clsm?.statut).toBe('non réalisée');
		expect(clsm?.motifStatut).toBe('Le CLS a été fléché sur la démographie médicale et le vieillissement.');
		expect(bilan.find((a) => a.id === 'h-1-4')?.resultats).toEqual(['10 bourses par an']);
	});

	it('est-Cantal: signed 2018 (no exact date), two documented actions with their outcome', () => {
		const c = mustGet('est-cantal-2018');
		expect(c.dateSignature).toBeNull();
		expect(c.anneeSignature).toBe(2018);
		expect(c.periode).toEqual({ debut: 2018, fin: 2022 });
		expect(c.objectifsGeneraux).toHaveLength(3);
		expect(c.axes.map((a) => a.titre)).toEqual(['Promotion de la santé', 'Santé des seniors', 'Démographie médicale', 'Lutte contre la sédentarité']);
		const actions = leaves(c);
		expect(actions.map((a) => [a.id, a.statut])).toEqual([
			['nature-assistantes-maternelles', 'en cours'],
			['apa-affection-longue-duree', 'abandonnée']
		]);
		expect(actions[1].motifStatut).toMatch(/clubs de sport classique/);
		expect(c.actionsDocumentees).toBe(false);
	});

	it('Grand Figeac and PTER Grand Quercy: perimeter only, the deduced one flagged', () => {
		const figeac = mustGet('grand-figeac');
		const quercy = mustGet('pter-grand-quercy');
		for (const c of [figeac, quercy]) {
			expect(c.actionsDocumentees).toBe(false);
			expect(leaves(c)).toHaveLength(0);
			expect(c.perimetre.note).toBeTruthy();
		}
		expect(figeac.perimetre.epci).toEqual(['200067361']);
		expect(quercy.porteur.type).toBe('PETR');
		expect(quercy.perimetre.deduit).toBe(true);
		expect(quercy.perimetre.epci).toHaveLength(7);
		expect(quercy.perimetre.epci).toContain('200023737'); // CA du Grand Cahors
	});

	it('uses only vocabulary labels', () => {
		for (const cls of SHIPPED_CLS)
			for (const { action } of walkActions(cls)) {
				expect(STATUTS).toContain(action.statut);
				for (const t of action.themes) expect(ACTION_THEMES).toContain(t);
			}
	});
});

describe('validation errors (French, with the faulty field’s path)', () => {
	const base = () => structuredClone(SHIPPED_CLS.find((c) => c.id === 'bassin-aurillac-carlades-chataigneraie-2024-2028')) as Record<string, unknown> & Cls;

	it('reports a status outside the vocabulary at its exact path', () => {
		const cls = base();
		(cls.axes[2].fichesAction[0].actions[3] as { statut: string }).statut = 'terminée';
		const r = validateCls(cls);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual([
			{
				path: 'axes[2].fichesAction[0].actions[3].statut',
				message: '« terminée » n\'est pas un statut admis (prévue, en cours, réalisée, partiellement réalisée, non réalisée, abandonnée)'
			}
		]);
	});

	it('reports several faults at once, each with its path', () => {
		const cls = base();
		cls.perimetre.epci = ['24150023']; // 8 digits
		(cls.perimetre as { communes: unknown[] }).communes = [15014]; // number, not text
		cls.dateSignature = '2025-02-30';
		(cls.axes[0].fichesAction[0].actions[0] as { indicateurs: string[] }).indicateurs = ['apl_mg_2099'];
		(cls.axes[5].fichesAction[0].actions[0] as { themes: string[] }).themes = ['santé environnement'];
		delete (cls as Partial<Cls>).nom;
		(cls as Record<string, unknown>).commentaire = 'x';
		const r = validateCls(cls);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.message]));
		expect(byPath['perimetre.epci[0]']).toBe('« 24150023 » n\'est pas un SIREN (9 chiffres)');
		expect(byPath['perimetre.communes[0]']).toMatch(/code commune INSEE \(texte de 5 caractères\)/);
		expect(byPath['dateSignature']).toBe('« 2025-02-30 » n\'est pas une date du calendrier');
		expect(byPath['axes[0].fichesAction[0].actions[0].indicateurs[0]']).toMatch(/^« apl_mg_2099 » n'est pas un indicateur du catalogue \(apl_mg_moins65_2023, /);
		expect(byPath['axes[5].fichesAction[0].actions[0].themes[0]']).toMatch(/^« santé environnement » n'est pas un thème admis/);
		expect(byPath['nom']).toMatch(/^champ obligatoire manquant/);
		expect(byPath['(racine)']).toBe('champ inconnu : commentaire');
	});

	it('checks cross-field rules: duplicate action ids, unknown strategic objective, sub-themes without santé-environnement', () => {
		const cls = base();
		const fiche = cls.axes[0].fichesAction[0];
		fiche.actions[1] = { ...fiche.actions[1], id: '1.1.1' };
		fiche.actions[2] = { ...fiche.actions[2], objectifStrategique: '1.9' };
		fiche.actions[3] = { ...fiche.actions[3], sousThemes: ['radon'] };
		const r = validateCls(cls);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		const paths = r.errors.map((e) => `${e.path} : ${e.message}`);
		expect(paths).toContain('axes[0].fichesAction[0].actions[3].sousThemes : des sous-thèmes ne sont admis qu’avec le thème « santé-environnement »');
		expect(paths).toContain('axes[0].fichesAction[0].actions[2].objectifStrategique : l’objectif stratégique « 1.9 » n’existe pas dans cet axe');
	});

	it('rejects a duplicated action id across the tree', () => {
		const cls = base();
		cls.axes[1].fichesAction[0].actions[0] = { ...cls.axes[1].fichesAction[0].actions[0], id: '1.1.1' };
		const r = validateCls(cls);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual([
			{ path: 'axes[1].fichesAction[0].actions[0].id', message: 'identifiant d’action « 1.1.1 » déjà utilisé (axes[0].fichesAction[0].actions[0])' }
		]);
	});

	it('rejects a non-object', () => {
		const r = validateCls('cls');
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors[0]).toEqual({ path: '(racine)', message: 'un objet attendu, « cls » reçu' });
	});

	it('agrees the participle with the type: « une liste attendue »', () => {
		const r = validateCls({ ...structuredClone(SHIPPED_CLS[0]), axes: 'pas une liste' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors.map((e) => e.message)).toContain('une liste attendue, « pas une liste » reçu');
	});
});

describe('the follow-up fields of an action', () => {
	const aurillac = SHIPPED_CLS.find((c) => c.id === 'bassin-aurillac-carlades-chataigneraie-2024-2028')!;
	const firstId = [...walkActions(aurillac)][0].action.id;
	const edit = (patch: Parameters<typeof updateAction>[2]) => updateAction(aurillac, firstId, patch);

	it('keeps a target, a pilot, partners, dates and indicators, and removes emptied ones', () => {
		const r = edit({ cible: { type: 'epci', epci: ['241500230'] }, pilote: 'CPTS', partenaires: ['ARS'], dates: { debut: '2025-01-15', fin: null }, indicateurs: ['apl_mg_2023'] });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const a = [...walkActions(r.cls)][0].action;
		expect([a.cible, a.pilote, a.partenaires, a.dates, a.indicateurs]).toEqual([
			{ type: 'epci', epci: ['241500230'] },
			'CPTS',
			['ARS'],
			{ debut: '2025-01-15', fin: null },
			['apl_mg_2023']
		]);
		const cleared = updateAction(r.cls, firstId, { partenaires: [], pilote: '' });
		expect(cleared.ok && [...walkActions(cleared.cls)][0].action.partenaires).toBeUndefined();
	});

	it('refuses in French a date out of order, an unknown indicator and a target without codes', () => {
		const messages = (r: ReturnType<typeof edit>) => (r.ok ? [] : r.errors.map((e) => `${e.path} : ${e.message}`));
		expect(messages(edit({ dates: { debut: '2026-01-01', fin: '2025-01-01' } }))).toEqual([expect.stringMatching(/dates\.fin : la date de fin précède la date de début$/)]);
		expect(messages(edit({ dates: { debut: '2025-02-30', fin: null } }))[0]).toMatch(/n'est pas une date du calendrier/);
		expect(messages(edit({ indicateurs: ['inconnu'] }))[0]).toMatch(/« inconnu » n'est pas un indicateur du catalogue/);
		expect(messages(edit({ cible: { type: 'communes', communes: [] } }))[0]).toMatch(/doit lister au moins un code/);
	});
});

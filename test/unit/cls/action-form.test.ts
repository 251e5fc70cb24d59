import { describe, expect, it } from 'vitest';
import { actionForm, actionPatch } from '../../../src/lib/features/cls/ui/action-form';
import { radonText } from '../../../src/lib/features/cls/ui/action-values';
import type { Action } from '../../../src/lib/register/schema';

// A fictitious action, enough for the form.
const action = {
	id: 'a1',
	titre: 'Action de test',
	nature: 'action',
	themes: ['coordination et animation'],
	cible: { type: 'perimetre' },
	statut: 'prévue',
	indicateurs: [],
	source: { titre: 'saisie' },
	annees: { debut: 2024, fin: null }
} as unknown as Action;

describe('the action editor form', () => {
	it('opens with the action as strings', () => {
		expect(actionForm(action)).toEqual({
			titre: 'Action de test',
			description: '',
			statut: 'prévue',
			motif: '',
			themes: ['coordination et animation'],
			debut: '2024',
			fin: '',
			pilote: '',
			partenaires: '',
			dateDebut: '',
			dateFin: '',
			indicateurs: [],
			cible: { type: 'perimetre' },
			scenario: ''
		});
	});

	it('patches only the fields the user changed', () => {
		const opened = actionForm(action);
		expect(actionPatch(opened, actionForm(action))).toEqual({});
		expect(actionPatch(opened, { ...opened, titre: 'Nouveau titre', motif: '  retard  ' })).toEqual({ titre: 'Nouveau titre', motifStatut: 'retard' });
		expect(actionPatch(opened, { ...opened, themes: [] })).toEqual({ themes: [] });
	});

	it('attaches a scenario in its text form, and removes it when cleared', () => {
		const opened = actionForm(action);
		expect(actionPatch(opened, { ...opened, scenario: ' msp:46128:4 ' })).toEqual({ scenario: { texte: 'msp:46128:4', annee: 2023 } });
		const withScenario = actionForm({ ...action, scenario: { texte: 'msp:46128:4', annee: 2023 } });
		const cleared = actionPatch(withScenario, { ...withScenario, scenario: '' });
		expect(Object.keys(cleared)).toEqual(['scenario']);
		expect(cleared.scenario).toBeUndefined();
	});

	it('saves the years together, and none when both are cleared', () => {
		const opened = actionForm(action);
		expect(actionPatch(opened, { ...opened, fin: '2027' })).toEqual({ annees: { debut: 2024, fin: 2027 } });
		const cleared = actionPatch(opened, { ...opened, debut: ' ' });
		expect(Object.keys(cleared)).toEqual(['annees']);
		expect(cleared.annees).toBeUndefined();
	});
});

describe('the follow-up fields of the form', () => {
	it('patches pilot, partners (one a line), dates, indicators and target only when changed', () => {
		const opened = actionForm(action);
		const patch = actionPatch(opened, {
			...opened,
			pilote: ' CPTS ',
			partenaires: 'ARS\n\n  Conseil départemental ',
			dateDebut: '2025-03-01',
			indicateurs: ['apl_mg_2023'],
			cible: { type: 'communes', communes: ['15014'] }
		});
		expect(patch).toEqual({
			pilote: 'CPTS',
			partenaires: ['ARS', 'Conseil départemental'],
			dates: { debut: '2025-03-01', fin: null },
			indicateurs: ['apl_mg_2023'],
			cible: { type: 'communes', communes: ['15014'] }
		});
		expect(actionPatch(opened, { ...opened, dateDebut: ' ' })).toEqual({});
	});
});

describe('radon zone 3 wording', () => {
	it('counts the communes in zone 3 among those classed, and the unclassed', () => {
		expect(radonText({ zone3: 0, known: 0, total: 0 })).toBe('zone non située');
		expect(radonText({ zone3: 1, known: 4, total: 4 })).toBe('1 commune sur 4 (25 %)');
		expect(radonText({ zone3: 3, known: 12, total: 14 })).toBe('3 communes sur 12 (25 %), 2 non classée(s)');
	});
});

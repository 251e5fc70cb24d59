/** The action editor's form: its fields as strings, and the patch of what the user changed. */
import type { ActionPatch } from '../../../register/edit';
import type { Action, Statut, ActionTheme } from '../../../register/schema';

export interface ActionForm {
	titre: string;
	description: string;
	statut: Statut;
	motif: string;
	themes: ActionTheme[];
	debut: string;
	fin: string;
	pilote: string;
	/** One partner a line. */
	partenaires: string;
	/** ISO dates, as `<input type="date">` gives them ('' when none). */
	dateDebut: string;
	dateFin: string;
	/** Follow-up indicators: ids of the catalogue. */
	indicateurs: string[];
	cible: Action['cible'];
	/** « Et si… ? » : the attached scenario in its text form ('' for none). */
	scenario: string;
}

export function actionForm(action: Action): ActionForm {
	return {
		titre: action.titre,
		description: action.description ?? '',
		statut: action.statut,
		motif: action.motifStatut ?? '',
		themes: [...action.themes],
		debut: action.annees?.debut != null ? String(action.annees.debut) : '',
		fin: action.annees?.fin != null ? String(action.annees.fin) : '',
		pilote: action.pilote ?? '',
		partenaires: (action.partenaires ?? []).join('\n'),
		dateDebut: action.dates?.debut ?? '',
		dateFin: action.dates?.fin ?? '',
		indicateurs: [...action.indicateurs],
		cible: structuredClone(action.cible),
		scenario: action.scenario?.texte ?? ''
	};
}

const year = (s: string) => (s.trim() === '' ? null : Number(s));
const date = (s: string) => (s.trim() === '' ? null : s.trim());

/** Only the fields changed since the form was opened: another tab may have changed the others meanwhile. */
export function actionPatch(opened: ActionForm, form: ActionForm): ActionPatch {
	const changed = (k: keyof ActionForm) => JSON.stringify(opened[k]) !== JSON.stringify(form[k]);
	const patch: ActionPatch = {};
	if (changed('titre')) patch.titre = form.titre;
	if (changed('description')) patch.description = form.description.trim();
	if (changed('statut')) patch.statut = form.statut;
	if (changed('motif')) patch.motifStatut = form.motif.trim();
	if (changed('themes')) patch.themes = [...form.themes];
	if (changed('debut') || changed('fin')) {
		const debut = year(form.debut);
		const fin = year(form.fin);
		patch.annees = debut === null && fin === null ? undefined : { debut, fin };
	}
	if (changed('pilote')) patch.pilote = form.pilote.trim();
	if (changed('partenaires'))
		patch.partenaires = form.partenaires
			.split('\n')
			.map((p) => p.trim())
			.filter(Boolean);
	if (changed('dateDebut') || changed('dateFin')) {
		const debut = date(form.dateDebut);
		const fin = date(form.dateFin);
		patch.dates = debut === null && fin === null ? undefined : { debut, fin };
	}
	if (changed('indicateurs')) patch.indicateurs = [...form.indicateurs];
	if (changed('cible')) patch.cible = structuredClone(form.cible);
	if (changed('scenario')) patch.scenario = form.scenario.trim() === '' ? undefined : { texte: form.scenario.trim(), annee: 2023 };
	return patch;
}

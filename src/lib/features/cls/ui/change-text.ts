/** The changes of a change set in French, for the colleague who reviews them. */
import type { Change } from '../../../register/changeset';
import type { Action } from '../../../register/schema';
import { describeTarget, type TargetNames } from './format';

const FIELDS: Record<string, string> = {
	titre: 'titre',
	description: 'description',
	statut: 'statut',
	motifStatut: 'motif du statut',
	themes: 'thèmes',
	sousThemes: 'sous-thèmes',
	cible: 'zone visée',
	pilote: 'pilote',
	partenaires: 'partenaires',
	annees: 'années',
	dates: 'dates',
	indicateurs: 'indicateurs de suivi',
	resultats: 'résultats',
	suite: 'suite',
	nom: 'nom du contrat',
	perimetre: 'périmètre',
	periode: 'période',
	dateSignature: 'date de signature',
	signataires: 'signataires',
	notes: 'notes',
	axes: 'axe',
	fichesAction: 'fiche action',
	actions: 'action'
};

export function fieldLabel(field: string | null): string {
	return field === null ? 'contenu' : (FIELDS[field] ?? field);
}

/** A value of a field as text: a target area by its names, a list joined, a period, nothing as « (vide) ». */
export function valueText(field: string | null, value: unknown, names: TargetNames | null): string {
	if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '(vide)';
	if (field === 'cible') return describeTarget({ cible: value as Action['cible'] }, names);
	if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
	if (field === 'annees' || field === 'dates') {
		const d = value as { debut: unknown; fin: unknown };
		return `${String(d.debut ?? '…')} – ${String(d.fin ?? '…')}`;
	}
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** « Action 1.1.1 « Renforcer… » », or « Contrat » for a field of the contract itself. */
export function changeSubject(c: Change): string {
	if (!c.action) return 'Contrat';
	return `Action ${c.action.id} « ${c.action.titre} »`;
}

export function changeSummary(c: Change, names: TargetNames | null): string {
	if (c.kind === 'ajouté') return c.action ? 'action ajoutée' : `${fieldLabel(typeof c.path.at(-2) === 'string' ? (c.path.at(-2) as string) : null)} : élément ajouté`;
	if (c.kind === 'supprimé') return 'action supprimée';
	return `${fieldLabel(c.field)} : ${valueText(c.field, c.before, names)} → ${valueText(c.field, c.after, names)}`;
}

/** French labels of the CLS pages: period, signing date, programme size, target area. */
import { formatNumber } from '../../../territory/number';
import { walkActions, type Action, type Cls } from '../../../register/schema';

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

export function formatPeriode(p: Cls['periode']): string {
	const duree = p.dureeAnnees ? ` (${p.dureeAnnees} ans)` : '';
	if (p.debut === null && p.fin === null) return duree ? `non précisée${duree}` : 'non précisée';
	if (p.fin === null) return `à partir de ${p.debut}${duree}`;
	if (p.debut === null) return `jusqu’en ${p.fin}${duree}`;
	return `${p.debut}–${p.fin}${duree}`;
}

export function formatSignature(cls: Pick<Cls, 'dateSignature' | 'anneeSignature'>): string {
	if (cls.dateSignature) return dateFormat.format(new Date(`${cls.dateSignature}T00:00:00Z`));
	if (cls.anneeSignature) return `en ${cls.anneeSignature}`;
	return 'non précisée';
}

function plural(n: number, one: string, many: string): string {
	return `${formatNumber(n, 0)} ${n > 1 ? many : one}`;
}

/** « 8 axes, 40 objectifs spécifiques » ; or what the documents announce when the list is not documented. */
export function programmeSummary(cls: Cls): { text: string; documented: boolean } {
	const leaves = [...walkActions(cls, { historique: false })].map((l) => l.action);
	const actions = leaves.filter((a) => a.nature === 'action').length;
	const objectifs = leaves.length - actions;
	if (!cls.actionsDocumentees) {
		const announced = [
			cls.nbAxesAnnonces !== undefined ? plural(cls.nbAxesAnnonces, 'axe', 'axes') : null,
			cls.nbActionsAnnoncees !== undefined ? plural(cls.nbActionsAnnoncees, 'action', 'actions') : null
		].filter(Boolean);
		const cited = leaves.length ? ` ; ${plural(leaves.length, 'action citée', 'actions citées')}` : '';
		return { text: `${announced.length ? `annoncés : ${announced.join(', ')}` : 'nombre non annoncé'}${cited}`, documented: false };
	}
	const parts = [plural(cls.axes.length, 'axe', 'axes')];
	if (objectifs) parts.push(plural(objectifs, 'objectif spécifique', 'objectifs spécifiques'));
	if (actions || !objectifs) parts.push(plural(actions, 'action', 'actions'));
	return { text: parts.join(', '), documented: true };
}

/** « objectifs spécifiques », « actions », « actions et objectifs spécifiques »: what a list of leaves holds. */
export function leafNoun(leaves: readonly Pick<Action, 'nature'>[], n: number): string {
	const objectifs = leaves.filter((a) => a.nature === 'objectif spécifique').length;
	if (objectifs === 0) return n > 1 ? 'actions' : 'action';
	if (objectifs === leaves.length) return n > 1 ? 'objectifs spécifiques' : 'objectif spécifique';
	return 'actions et objectifs spécifiques';
}

type Shown = { all: readonly Pick<Action, 'nature'>[]; shown: readonly unknown[] };

/**
 * What the filters leave on screen, counted once and named: « Affichés : 58 objectifs spécifiques du programme
 * sur 58 ; 27 actions du bilan du contrat précédent sur 27 ». The header's programme counts the same leaves.
 */
export function shownSummary(programme: Shown, bilan: Shown): string {
	const part = (s: Shown, where: string) => `${formatNumber(s.shown.length, 0)} ${leafNoun(s.all, s.shown.length)} ${where} sur ${formatNumber(s.all.length, 0)}`;
	const parts = [part(programme, 'du programme')];
	if (bilan.all.length) parts.push(part(bilan, 'du bilan du contrat précédent'));
	return `Affichés : ${parts.join(' ; ')}`;
}

export interface TargetNames {
	communeNames: ReadonlyMap<string, string>;
	epciNames: ReadonlyMap<string, string>;
}

/** « Tout le périmètre », « CC de la Châtaigneraie Cantalienne (EPCI) », « QPV QN01501M »… */
export function describeTarget(action: Pick<Action, 'cible'>, names: TargetNames | null): string {
	const c = action.cible;
	const list = (codes: readonly string[] | undefined, map: ReadonlyMap<string, string> | undefined) => {
		const all = (codes ?? []).map((x) => (map?.get(x) ? `${map.get(x)} (${x})` : x));
		return all.length > 4 ? `${all.slice(0, 4).join(', ')} et ${all.length - 4} autre(s)` : all.join(', ');
	};
	switch (c.type) {
		case 'perimetre':
			return 'Tout le périmètre';
		case 'communes':
			return `Commune${(c.communes?.length ?? 0) > 1 ? 's' : ''} : ${list(c.communes, names?.communeNames)}`;
		case 'epci':
			return `EPCI : ${list(c.epci, names?.epciNames)}`;
		case 'qpv':
			return `Quartier${(c.qpv?.length ?? 0) > 1 ? 's' : ''} prioritaire${(c.qpv?.length ?? 0) > 1 ? 's' : ''} : ${(c.qpv ?? []).join(', ')}`;
	}
}

/** Sources grouped by document title, with the sections cited. */
export function sourcesOf(c: Cls): { titre: string; sections: string[] }[] {
	const out = new Map<string, string[]>();
	for (const s of c.sources) {
		const list = out.get(s.titre) ?? [];
		if (s.section) list.push(s.section);
		out.set(s.titre, list);
	}
	return [...out].map(([titre, sections]) => ({ titre, sections }));
}

export function announced(c: Cls): string {
	const parts = [
		c.nbAxesAnnonces !== undefined ? `${c.nbAxesAnnonces} axes` : null,
		c.nbActionsAnnoncees !== undefined ? `${c.nbActionsAnnoncees} actions` : null
	].filter((x) => x !== null);
	return parts.join(' et ');
}


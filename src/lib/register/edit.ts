/**
 * Changes to a CLS in the app: pure functions that return a new validated CLS
 * (or the errors, in French), never modifying the one received.
 */
import { validateCls, walkActions, type Action, type ActionInput, type Cls, type ClsInput, type TypePorteur, type ValidationError } from './schema';

export type EditResult = { ok: true; cls: Cls } | { ok: false; errors: ValidationError[] };

/** Source of what is entered in the app (the schema requires a source for every action and every CLS). */
export const SAISIE = { document: 'saisie-cls-atlas', titre: 'Saisie dans cls-atlas' } as const;

function validated(input: unknown): EditResult {
	const r = validateCls(input);
	return r.ok ? { ok: true, cls: r.cls } : { ok: false, errors: r.errors };
}

/** « Santé & prévention — Lot » → « sante-prevention-lot ». */
export function slugify(text: string): string {
	return (
		text
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60)
			.replace(/-+$/, '') || 'cls'
	);
}

/** A free id, derived from `base`, not in `taken`. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
	const slug = slugify(base);
	if (!taken.has(slug)) return slug;
	for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

export function actionIds(cls: Cls): Set<string> {
	return new Set([...walkActions(cls)].map((l) => l.action.id));
}

/** Fields of an action the form can change. */
export type ActionPatch = Partial<
	Pick<ActionInput, 'titre' | 'description' | 'statut' | 'motifStatut' | 'themes' | 'annees' | 'cible' | 'pilote' | 'partenaires' | 'indicateurs' | 'dates' | 'scenario'>
>;

/** An empty value removes the field; an empty list of themes stays, for the schema to refuse it (an action needs one). */
const isEmpty = (key: string, v: unknown) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0 && key !== 'themes');

/** Replaces the `patch` fields of action `id` (programme or history). An empty field ('', [] or undefined) is removed. */
export function updateAction(cls: Cls, id: string, patch: ActionPatch): EditResult {
	const copy = structuredClone(cls);
	const loc = [...walkActions(copy)].find((l) => l.action.id === id);
	if (!loc) return { ok: false, errors: [{ path: '(action)', message: `action « ${id} » introuvable` }] };
	const target = loc.action as Record<string, unknown>;
	for (const [k, v] of Object.entries(patch)) {
		if (isEmpty(k, v)) delete target[k];
		else target[k] = v;
	}
	return validated(copy);
}

/** Where to add an action: a fiche of an axis, or the actions outside any axis. */
export type ActionSlot = { axe: number; fiche: number } | 'horsAxe';

/** New action (status « prévue », the whole perimeter) added to `slot`. */
export function addAction(cls: Cls, slot: ActionSlot, fields: { titre: string } & ActionPatch): EditResult {
	const copy = structuredClone(cls);
	const action = {
		id: uniqueId(fields.titre, actionIds(copy)),
		titre: fields.titre,
		nature: 'action',
		themes: ['coordination et animation'],
		cible: { type: 'perimetre' },
		statut: 'prévue',
		indicateurs: [],
		source: { ...SAISIE },
		...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== ''))
	} as ActionInput;
	if (slot === 'horsAxe') copy.actionsHorsAxe.push(action as Action);
	else {
		const fiche = copy.axes[slot.axe]?.fichesAction[slot.fiche];
		if (!fiche) return { ok: false, errors: [{ path: '(fiche)', message: 'fiche introuvable' }] };
		fiche.actions.push(action as Action);
	}
	return validated(copy);
}

export function removeAction(cls: Cls, id: string): EditResult {
	const copy = structuredClone(cls);
	const loc = [...walkActions(copy)].find((l) => l.action.id === id);
	if (!loc) return { ok: false, errors: [{ path: '(action)', message: `action « ${id} » introuvable` }] };
	const list = loc.fiche ? loc.fiche.actions : copy.actionsHorsAxe;
	list.splice(list.indexOf(loc.action), 1);
	return validated(copy);
}

/** New axis (numbered next) with a first fiche. */
export function addAxe(cls: Cls, titre: string, ficheTitre: string): EditResult {
	const copy = structuredClone(cls);
	const numero = Math.max(0, ...copy.axes.map((a) => a.numero ?? 0)) + 1;
	copy.axes.push({ numero, titre, objectifsStrategiques: [], fichesAction: [{ titre: ficheTitre.trim() || null, actions: [] }] });
	return validated(copy);
}

export interface NewClsFields {
	nom: string;
	porteurType: TypePorteur;
	porteurNom: string;
	ars: string;
	epci: string[];
	debut: number | null;
	fin: number | null;
}

/** A CLS created in the app: a perimeter of EPCI, an empty programme (actions documented as they are entered). */
export function newCls(fields: NewClsFields, takenIds: ReadonlySet<string>): EditResult {
	const input: ClsInput = {
		id: uniqueId(fields.nom, takenIds),
		nom: fields.nom,
		porteur: { type: fields.porteurType, nom: fields.porteurNom },
		ars: fields.ars,
		dateSignature: null,
		periode: { debut: fields.debut, fin: fields.fin },
		signataires: [],
		perimetre: { epci: fields.epci, communes: [] },
		axes: [],
		actionsHorsAxe: [],
		actionsDocumentees: true,
		historique: [],
		sources: [{ ...SAISIE }]
	};
	return validated(input);
}

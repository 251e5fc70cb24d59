/**
 * Model of a Contrat local de santé (CLS): contract, perimeter, tree of axes → fiches action /
 * objectifs stratégiques → actions or objectifs spécifiques, history (bilan of the previous contract).
 *
 * All validation goes through `validateCls` / `validateClsList`, which return messages in French
 * with the path of the faulty field (`axes[2].fichesAction[0].actions[3].statut : …`).
 * Strings are data: nothing here interprets them; the interface must escape them when showing them.
 */
import { z } from 'zod';
import { INDICATORS } from '../indicators/catalogue';
import { parseScenario } from '../scenario/text';
import { formatPath, frenchErrorMap, toErrors, type ValidationError } from './messages';

export { describeError, formatPath, frenchErrorMap, type ValidationError } from './messages';

// zod would probe `new Function` to compile its parsers, which the page's policy forbids (no 'unsafe-eval'):
// the probe alone is a violation report. Interpreted parsing, always.
z.config({ jitless: true });

// ---------------------------------------------------------------------------------------------
// Controlled vocabularies (exact French labels)
// ---------------------------------------------------------------------------------------------

export const ACTION_THEMES = [
	'accès aux soins et démographie médicale',
	'exercice coordonné',
	'prévention et promotion de la santé',
	'santé mentale',
	'bien vieillir et autonomie',
	'santé-environnement',
	'nutrition et activité physique',
	'addictions',
	'précarité',
	'jeunes et parentalité',
	'e-santé',
	'coordination et animation'
] as const;
export type ActionTheme = (typeof ACTION_THEMES)[number];

/** Sub-themes allowed for the theme « santé-environnement ». */
export const SOUS_THEMES_SANTE_ENVIRONNEMENT = ['radon', 'air intérieur', 'eau', 'espèces nuisibles'] as const;
export type SousTheme = (typeof SOUS_THEMES_SANTE_ENVIRONNEMENT)[number];

export const STATUTS = ['prévue', 'en cours', 'réalisée', 'partiellement réalisée', 'non réalisée', 'abandonnée'] as const;
export type Statut = (typeof STATUTS)[number];

export const TYPES_PORTEUR = ['EPCI', 'PETR', 'SCoT', 'Pays', 'autre'] as const;
export type TypePorteur = (typeof TYPES_PORTEUR)[number];

/** Area an action targets: the whole perimeter, communes, EPCI of the perimeter, QPV. */
export const TYPES_CIBLE = ['perimetre', 'communes', 'epci', 'qpv'] as const;

/** A leaf of the tree is an action, or an objectif spécifique when the contract stops there. */
export const NATURES = ['action', 'objectif spécifique'] as const;

export const UNITES_MONTANT = ['euros', 'euros par mois', 'euros par an'] as const;

/** Ids of the indicator catalogue, read at run time (the catalogue grows). */
export function indicatorIds(): ReadonlySet<string> {
	return new Set(INDICATORS.map((i) => i.id));
}

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

const COMMUNE_CODE = /^(?:\d{5}|2[AB]\d{3})$/;
const SIREN = /^\d{9}$/;
const QPV_CODE = /^QN[0-9A-Z]{5,8}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const texte = z.string().trim().min(1, { error: 'ne doit pas être vide' });
const annee = z
	.number({ error: 'doit être une année (nombre entier)' })
	.int({ error: 'doit être une année (nombre entier)' })
	.min(1980, { error: 'année invalide (avant 1980)' })
	.max(2100, { error: 'année invalide (après 2100)' });

export const communeCodeSchema = z
	.string({ error: 'doit être un code commune INSEE (texte de 5 caractères)' })
	.regex(COMMUNE_CODE, { error: (iss) => `« ${String(iss.input)} » n'est pas un code commune INSEE (5 caractères, ex. 15014, 2A004)` });
export const sirenSchema = z
	.string({ error: 'doit être un SIREN d’EPCI (texte de 9 chiffres)' })
	.regex(SIREN, { error: (iss) => `« ${String(iss.input)} » n'est pas un SIREN (9 chiffres)` });
const qpvSchema = z
	.string({ error: 'doit être un code QPV (texte)' })
	.regex(QPV_CODE, { error: (iss) => `« ${String(iss.input)} » n'est pas un code QPV 2024 (ex. QN01501M)` });

const dateIso = z
	.string({ error: 'doit être une date ISO (AAAA-MM-JJ) ou null' })
	.regex(ISO_DATE, { error: (iss) => `« ${String(iss.input)} » n'est pas une date ISO (AAAA-MM-JJ)` })
	.refine((s) => {
		const d = new Date(`${s}T00:00:00Z`);
		return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
	}, { error: (iss) => `« ${String(iss.input)} » n'est pas une date du calendrier` });

/** Reference to a source document: file (name of the original document) and readable title. */
export const sourceRefSchema = z.strictObject({
	document: texte,
	titre: texte,
	page: z.number().int().positive().optional(),
	section: texte.optional()
});
export type SourceRef = z.infer<typeof sourceRefSchema>;

const anneesSchema = z
	.strictObject({ debut: annee.nullable(), fin: annee.nullable() })
	.refine((a) => a.debut === null || a.fin === null || a.debut <= a.fin, {
		error: 'l’année de fin précède l’année de début',
		path: ['fin']
	});

const montantSchema = z
	.strictObject({
		libelle: texte,
		min: z.number().nonnegative(),
		max: z.number().nonnegative().optional(),
		unite: z.enum(UNITES_MONTANT),
		condition: texte.optional()
	})
	.refine((m) => m.max === undefined || m.max >= m.min, { error: 'le maximum est inférieur au minimum', path: ['max'] });

const cibleSchema = z
	.strictObject({
		type: z.enum(TYPES_CIBLE),
		communes: z.array(communeCodeSchema).optional(),
		epci: z.array(sirenSchema).optional(),
		qpv: z.array(qpvSchema).optional(),
		note: texte.optional()
	})
	.superRefine((c, ctx) => {
		const need = { communes: c.communes, epci: c.epci, qpv: c.qpv } as const;
		if (c.type !== 'perimetre') {
			const list = need[c.type];
			if (!list || list.length === 0)
				ctx.addIssue({ code: 'custom', path: [c.type], message: `une cible de type « ${c.type} » doit lister au moins un code` });
		}
	});

const indicatorIdSchema = z.string({ error: 'doit être un identifiant d’indicateur (texte)' }).refine((id) => indicatorIds().has(id), {
	error: (iss) => `« ${String(iss.input)} » n'est pas un indicateur du catalogue (${[...indicatorIds()].join(', ')})`
});

// Fields the coordinator keeps up to date in the app (the register's follow-up of an action), beside
// those read from the documents: the action's start and end dates. The pilot, the partners, the status,
// the target area and the follow-up indicators are fields of the documents too (above and below).
const datesActionSchema = z
	.strictObject({ debut: dateIso.nullable(), fin: dateIso.nullable() })
	.refine((d) => d.debut === null || d.fin === null || d.debut <= d.fin, {
		error: 'la date de fin précède la date de début',
		path: ['fin']
	});
const actionFollowUpFields = {
	/** Start and end of the action as the coordinator records them (ISO dates; `annees` are the documents' years). */
	dates: datesActionSchema.optional()
};
// ── « Et si… ? » (the scenario feature owns this part) ─────────────────────────────────────────────
/** What the action would change to the APL if it succeeds: a scenario in its text form (scenario/text.ts). */
export const actionScenarioSchema = z.strictObject({
	texte: texte.superRefine((text, ctx) => {
		try {
			parseScenario(text);
		} catch (error) {
			ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
		}
	}),
	annee: z.union([z.literal(2022), z.literal(2023)]).default(2023)
});
export type ActionScenario = z.infer<typeof actionScenarioSchema>;
// ── fin « Et si… ? » ───────────────────────────────────────────────────────────────────────────────

export const actionSchema = z
	.strictObject({
		id: texte,
		nature: z.enum(NATURES).default('action'),
		titre: texte,
		description: texte.optional(),
		/** Number of the axis's objectif stratégique the leaf belongs to (e.g. « 2.2 »). */
		objectifStrategique: texte.optional(),
		themes: z.array(z.enum(ACTION_THEMES)).min(1, { error: 'au moins un thème est requis' }),
		sousThemes: z.array(z.enum(SOUS_THEMES_SANTE_ENVIRONNEMENT)).optional(),
		cible: cibleSchema,
		pilote: texte.optional(),
		partenaires: z.array(texte).optional(),
		statut: z.enum(STATUTS),
		/** The status as the document words it, when it differs from the vocabulary (e.g. « Peu réalisé »). */
		statutLibelleSource: texte.optional(),
		motifStatut: texte.optional(),
		/** Figures of what was achieved, as the document reports them (bilan). */
		resultats: z.array(texte).optional(),
		/** Planned follow-up (the bilans' column « actions prévues dans le prochain CLS »). */
		suite: texte.optional(),
		annees: anneesSchema.optional(),
		indicateurs: z.array(indicatorIdSchema).default([]),
		montants: z.array(montantSchema).optional(),
		source: sourceRefSchema,
		...actionFollowUpFields,
		/** « Et si… ? » : « si cette action aboutit : … » (see actionScenarioSchema). */
		scenario: actionScenarioSchema.optional()
	})
	.superRefine((a, ctx) => {
		if (a.sousThemes && a.sousThemes.length > 0 && !a.themes.includes('santé-environnement'))
			ctx.addIssue({ code: 'custom', path: ['sousThemes'], message: 'des sous-thèmes ne sont admis qu’avec le thème « santé-environnement »' });
		const dupes = a.themes.filter((t, i) => a.themes.indexOf(t) !== i);
		if (dupes.length) ctx.addIssue({ code: 'custom', path: ['themes'], message: `thème en double : « ${dupes[0]} »` });
	});
export type Action = z.infer<typeof actionSchema>;
export type ActionInput = z.input<typeof actionSchema>;

export const ficheActionSchema = z.strictObject({
	numero: texte.optional(),
	/** null when the document attaches actions to an orientation without naming a fiche. */
	titre: texte.nullable(),
	note: texte.optional(),
	actions: z.array(actionSchema)
});
export type FicheAction = z.infer<typeof ficheActionSchema>;

const objectifStrategiqueSchema = z.strictObject({ numero: texte, titre: texte });

export const axeSchema = z
	.strictObject({
		/** null when the document does not number its axes or orientations. */
		numero: z.number().int().positive().nullable(),
		titre: texte,
		description: texte.optional(),
		objectifsStrategiques: z.array(objectifStrategiqueSchema).default([]),
		fichesAction: z.array(ficheActionSchema).default([]),
		source: sourceRefSchema.optional()
	})
	.superRefine((axe, ctx) => {
		const nums = new Set(axe.objectifsStrategiques.map((o) => o.numero));
		axe.fichesAction.forEach((f, fi) =>
			f.actions.forEach((a, ai) => {
				if (a.objectifStrategique !== undefined && !nums.has(a.objectifStrategique))
					ctx.addIssue({
						code: 'custom',
						path: ['fichesAction', fi, 'actions', ai, 'objectifStrategique'],
						message: `l’objectif stratégique « ${a.objectifStrategique} » n’existe pas dans cet axe`
					});
			})
		);
	});
export type Axe = z.infer<typeof axeSchema>;

const historiqueSchema = z.strictObject({
	libelle: texte,
	periode: anneesSchema.optional(),
	fichesAction: z.array(ficheActionSchema),
	recommandations: z.array(texte).optional(),
	source: sourceRefSchema
});
export type Historique = z.infer<typeof historiqueSchema>;

const gouvernanceSchema = z.strictObject({
	instances: z.array(
		z.strictObject({
			nom: texte,
			composition: texte.optional(),
			attributions: z.array(texte).optional(),
			reunions: texte.optional()
		})
	),
	source: sourceRefSchema
});

const perimetreSchema = z.strictObject({
	epci: z.array(sirenSchema),
	communes: z.array(communeCodeSchema),
	qpv: z.array(qpvSchema).optional(),
	/** true when the list is not given by the documents but inferred (see note). */
	deduit: z.boolean().optional(),
	note: texte.optional()
});

/** Catégories FINESS qu'un chiffre cité peut compter (`finess.categorie` de l'atlas). */
export const CATEGORIES_FINESS_CITEES = ['msp', 'centre_sante', 'cpts', 'hopital', 'ehpad', 'pharmacie'] as const;

/**
 * Un chiffre qu'un document du contrat donne pour son périmètre et que l'atlas compte aussi (ex. le nombre de
 * maisons de santé) : le portrait et la fiche du CLS montrent les deux, avec leurs dates, quand ils diffèrent.
 */
export const chiffreFinessSchema = z.strictObject({
	categorieFiness: z.enum(CATEGORIES_FINESS_CITEES),
	valeur: z.number().int().nonnegative(),
	/** The document's own words. */
	citation: texte,
	/** Date or year of the document, as far as it can be established. */
	date: texte,
	source: sourceRefSchema
});

/**
 * Un chiffre d'un document qui correspond à un indicateur du catalogue (ex. la part des 65 ans ou plus) : la fiche
 * du CLS montre le chiffre du document et celui de l'atlas côte à côte, avec leurs dates, dès que l'indicateur est
 * calculable (pour un indicateur importé, une fois son fichier importé sur la page Données).
 */
export const chiffreIndicateurSchema = z.strictObject({
	/** Id of the catalogue indicator the figure corresponds to. */
	indicateur: z.string().regex(/^[a-z0-9_]+$/, { error: 'identifiant d’indicateur invalide' }),
	/** The document's figure, in the indicator's unit (22,4 for 22,4 %). */
	valeur: z.number().nonnegative(),
	/** The département the document's figure is for, when it is not the contract's perimeter (the Lot's figures). */
	departement: z
		.string()
		.regex(/^(\d{2}|2A|2B|97\d)$/, { error: 'code de département invalide' })
		.optional(),
	/** The territory the document's figure describes, when it is not the perimeter: « département du Lot ». */
	territoire: texte.optional(),
	citation: texte,
	date: texte,
	source: sourceRefSchema
});

export const chiffreCiteSchema = z.union([chiffreFinessSchema, chiffreIndicateurSchema]);
export type ChiffreCite = z.infer<typeof chiffreCiteSchema>;
export type ChiffreFiness = z.infer<typeof chiffreFinessSchema>;
export type ChiffreIndicateur = z.infer<typeof chiffreIndicateurSchema>;

export const clsSchema = z
	.strictObject({
		id: z.string().regex(SLUG, { error: (iss) => `« ${String(iss.input)} » n'est pas un identifiant valide (minuscules, chiffres et tirets)` }),
		nom: texte,
		porteur: z.strictObject({ type: z.enum(TYPES_PORTEUR), nom: texte }),
		ars: texte,
		dateSignature: dateIso.nullable(),
		/** Year of signature when the document does not give the exact date. */
		anneeSignature: annee.optional(),
		periode: z
			.strictObject({ debut: annee.nullable(), fin: annee.nullable(), dureeAnnees: z.number().int().positive().optional() })
			.refine((p) => p.debut === null || p.fin === null || p.debut <= p.fin, {
				error: 'l’année de fin précède l’année de début',
				path: ['fin']
			}),
		signataires: z.array(texte),
		perimetre: perimetreSchema,
		objectifsGeneraux: z.array(texte).optional(),
		axes: z.array(axeSchema),
		/** Actions the documents cite without their axis. */
		actionsHorsAxe: z.array(actionSchema).default([]),
		actionsDocumentees: z.boolean(),
		nbActionsAnnoncees: z.number().int().nonnegative().optional(),
		nbAxesAnnonces: z.number().int().nonnegative().optional(),
		historique: z.array(historiqueSchema).default([]),
		gouvernance: gouvernanceSchema.optional(),
		/** Ambiguities and limits of the documents, in plain words. */
		notes: z.array(texte).optional(),
		/** Chiffres des documents que l'atlas compte ou calcule aussi (établissements FINESS, indicateurs du catalogue). */
		chiffresCites: z.array(chiffreCiteSchema).optional(),
		sources: z.array(sourceRefSchema).min(1, { error: 'au moins une source est requise' })
	})
	.superRefine((cls, ctx) => {
		if (cls.perimetre.epci.length === 0 && cls.perimetre.communes.length === 0)
			ctx.addIssue({ code: 'custom', path: ['perimetre'], message: 'le périmètre doit lister au moins un EPCI ou une commune' });
		if (cls.dateSignature && cls.anneeSignature !== undefined && Number(cls.dateSignature.slice(0, 4)) !== cls.anneeSignature)
			ctx.addIssue({ code: 'custom', path: ['anneeSignature'], message: 'l’année de signature ne correspond pas à la date de signature' });
		const seen = new Map<string, string>();
		for (const { action, path } of walkActions(cls)) {
			const where = formatPath(path);
			const first = seen.get(action.id);
			if (first !== undefined)
				ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `identifiant d’action « ${action.id} » déjà utilisé (${first})` });
			else seen.set(action.id, where);
		}
	});

export type Cls = z.infer<typeof clsSchema>;
export type ClsInput = z.input<typeof clsSchema>;

// ---------------------------------------------------------------------------------------------
// Walking the tree
// ---------------------------------------------------------------------------------------------

export interface ActionLocation {
	action: Action;
	path: (string | number)[];
	axe: Axe | null;
	fiche: FicheAction | null;
	/** true for the actions of a previous contract's bilan. */
	historique: boolean;
}

interface WalkableCls {
	axes: Axe[];
	actionsHorsAxe?: Action[];
	historique?: Historique[];
}

/** Every leaf (actions / objectifs spécifiques) of the programme, then those of the history. */
export function* walkActions(cls: WalkableCls, opts: { historique?: boolean } = {}): Generator<ActionLocation> {
	for (const [xi, axe] of cls.axes.entries())
		for (const [fi, fiche] of axe.fichesAction.entries())
			for (const [ai, action] of fiche.actions.entries())
				yield { action, path: ['axes', xi, 'fichesAction', fi, 'actions', ai], axe, fiche, historique: false };
	for (const [ai, action] of (cls.actionsHorsAxe ?? []).entries())
		yield { action, path: ['actionsHorsAxe', ai], axe: null, fiche: null, historique: false };
	if (opts.historique === false) return;
	for (const [hi, h] of (cls.historique ?? []).entries())
		for (const [fi, fiche] of h.fichesAction.entries())
			for (const [ai, action] of fiche.actions.entries())
				yield { action, path: ['historique', hi, 'fichesAction', fi, 'actions', ai], axe: null, fiche, historique: true };
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: ValidationError[] };

/** Validates a CLS. Errors carry the path of the faulty field and a French message. */
export function validateCls(json: unknown): { ok: true; cls: Cls } | { ok: false; errors: ValidationError[] } {
	const r = clsSchema.safeParse(json, { error: frenchErrorMap });
	return r.success ? { ok: true, cls: r.data } : { ok: false, errors: toErrors(r.error) };
}

/** Validates a list of CLS (unique ids). Paths prefixed with `[i]`. */
export function validateClsList(json: unknown): ValidationResult<Cls[]> {
	const schema = z.array(clsSchema).superRefine((list, ctx) => {
		const seen = new Set<string>();
		list.forEach((c, i) => {
			if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `identifiant de CLS « ${c.id} » en double` });
			seen.add(c.id);
		});
	});
	const r = schema.safeParse(json, { error: frenchErrorMap });
	return r.success ? { ok: true, value: r.data } : { ok: false, errors: toErrors(r.error) };
}

/** The CLS exchange format (JSON import/export, shipped register): one CLS or a list, as indented JSON. */
export function exportJson(data: Cls | readonly Cls[]): string {
	return JSON.stringify(data, null, 2) + '\n';
}

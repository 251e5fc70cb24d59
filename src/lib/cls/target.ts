/**
 * Zone visée par une action (tout le périmètre, des communes, des EPCI, des QPV) résolue en communes,
 * et CLS couvrant une commune. Fonctions pures : l'appartenance commune → EPCI et la table
 * QPV → communes viennent de DuckDB à l'exécution (`SELECT code, epci FROM communes`, table `qpv`).
 */
import { communesByEpci, resolvePerimeter } from './perimeter';
import { walkActions, type Action, type Cls } from './schema';

/** Code QPV → codes des communes sur lesquelles il s'étend (table `qpv` : `codes_qpv` par commune). */
export type QpvIndex = ReadonlyMap<string, readonly string[]>;

export interface TargetOptions {
	/** Inverse de l'appartenance, à calculer une fois pour plusieurs appels (`communesByEpci`). */
	index?: ReadonlyMap<string, readonly string[]>;
	/** Sans lui, une action visant des QPV ne peut pas être située : sa zone est vide. */
	qpv?: QpvIndex;
}

/** Lignes `{ code, codes_qpv }` de la table `qpv` (codes séparés par des virgules ou des espaces) → index QPV → communes. */
export function qpvIndexFromRows(rows: Iterable<{ code: string; codes_qpv: string | null }>): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const { code, codes_qpv } of rows) {
		for (const q of (codes_qpv ?? '').split(/[\s,;|]+/).filter(Boolean)) {
			const list = out.get(q);
			if (list) list.push(code);
			else out.set(q, [code]);
		}
	}
	return out;
}

/**
 * Communes de la zone visée par une action, triées et sans doublon. Une cible « communes » ou « EPCI »
 * est prise telle que le CLS la décrit (codes inconnus écartés) ; une cible QPV donne les communes du QPV.
 */
export function targetCommunes(
	action: Pick<Action, 'cible'>,
	perimeter: readonly string[],
	membership: ReadonlyMap<string, string | null>,
	opts: TargetOptions = {}
): string[] {
	const cible = action.cible;
	const set = new Set<string>();
	switch (cible.type) {
		case 'perimetre':
			return [...perimeter];
		case 'communes':
			for (const c of cible.communes ?? []) if (membership.has(c)) set.add(c);
			break;
		case 'epci': {
			const index = opts.index ?? communesByEpci(membership);
			for (const e of cible.epci ?? []) for (const c of index.get(e) ?? []) set.add(c);
			break;
		}
		case 'qpv':
			for (const q of cible.qpv ?? []) for (const c of opts.qpv?.get(q) ?? []) set.add(c);
			break;
	}
	return [...set].sort();
}

export interface ClsCoverage {
	cls: Cls;
	/** Actions du programme (hors historique) dont la zone visée contient la commune. */
	actions: Action[];
}

/**
 * CLS dont le périmètre contient la commune, chacun avec les actions de son programme qui la visent
 * (toutes celles qui visent le périmètre entier, et celles dont les communes, EPCI ou QPV la contiennent).
 * Les actions du bilan d'un contrat précédent (`historique`) ne sont pas retenues.
 */
export function clsCoveringCommune(
	clsList: readonly Cls[],
	membership: ReadonlyMap<string, string | null>,
	communeCode: string,
	opts: TargetOptions = {}
): ClsCoverage[] {
	if (!membership.has(communeCode)) return [];
	const index = opts.index ?? communesByEpci(membership);
	const out: ClsCoverage[] = [];
	for (const cls of clsList) {
		const perimeter = resolvePerimeter(cls, membership);
		if (!perimeter.includes(communeCode)) continue;
		const actions: Action[] = [];
		for (const { action } of walkActions(cls, { historique: false })) {
			if (action.cible.type === 'perimetre' || targetCommunes(action, perimeter, membership, { ...opts, index }).includes(communeCode))
				actions.push(action);
		}
		out.push({ cls, actions });
	}
	return out;
}

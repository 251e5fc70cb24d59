/**
 * Résolution du périmètre d'un CLS en communes (COG 2025) : communes des EPCI listés ∪ communes listées.
 * Fonction pure : l'appartenance commune → EPCI vient à l'exécution de DuckDB (`SELECT code, epci FROM communes`).
 */
import type { Cls } from './schema';

export interface ResolvedPerimeter {
	/** Codes commune triés, sans doublon. */
	communes: string[];
	/** SIREN listés par le CLS qu'aucune commune ne porte dans la table d'appartenance. */
	unknownEpci: string[];
	/** Codes commune listés par le CLS absents de la table d'appartenance. */
	unknownCommunes: string[];
}

/** Inverse la table commune → EPCI (une seule passe ; à réutiliser pour plusieurs CLS). */
export function communesByEpci(membership: ReadonlyMap<string, string | null>): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const [code, epci] of membership) {
		if (!epci) continue;
		const list = out.get(epci);
		if (list) list.push(code);
		else out.set(epci, [code]);
	}
	return out;
}

export function resolvePerimeterDetailed(
	cls: Pick<Cls, 'perimetre'>,
	membership: ReadonlyMap<string, string | null>,
	index: ReadonlyMap<string, readonly string[]> = communesByEpci(membership)
): ResolvedPerimeter {
	const set = new Set<string>();
	const unknownEpci: string[] = [];
	const unknownCommunes: string[] = [];
	for (const siren of cls.perimetre.epci) {
		const members = index.get(siren);
		if (!members || members.length === 0) unknownEpci.push(siren);
		else for (const c of members) set.add(c);
	}
	for (const code of cls.perimetre.communes) {
		if (!membership.has(code)) unknownCommunes.push(code);
		else set.add(code);
	}
	return { communes: [...set].sort(), unknownEpci, unknownCommunes };
}

/** Codes commune du périmètre, triés et uniques. Les codes inconnus sont écartés : voir `resolvePerimeterDetailed`. */
export function resolvePerimeter(cls: Pick<Cls, 'perimetre'>, membership: ReadonlyMap<string, string | null>): string[] {
	return resolvePerimeterDetailed(cls, membership).communes;
}

/**
 * A CLS perimeter resolved into communes (COG 2025): communes of the listed EPCI ∪ listed communes.
 * Pure functions: commune → EPCI membership comes from the data layer at run time (`communeDirectory`).
 */
import type { Cls } from './schema';

export interface ResolvedPerimeter {
	/** Commune codes, sorted, without duplicates. */
	communes: string[];
	/** SIREN listed by the CLS that no commune carries in the membership table. */
	unknownEpci: string[];
	/** Commune codes listed by the CLS that are missing from the membership table. */
	unknownCommunes: string[];
}

/** Adds `value` to the list of `key` in an index of lists. */
export function appendTo(index: Map<string, string[]>, key: string, value: string): void {
	const list = index.get(key);
	if (list) list.push(value);
	else index.set(key, [value]);
}

/** Inverts commune → EPCI (one pass; reuse it for several CLS). */
export function communesByEpci(membership: ReadonlyMap<string, string | null>): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const [code, epci] of membership) if (epci) appendTo(out, epci, code);
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

/** Commune codes of the perimeter, sorted and unique. Unknown codes are dropped: see `resolvePerimeterDetailed`. */
export function resolvePerimeter(cls: Pick<Cls, 'perimetre'>, membership: ReadonlyMap<string, string | null>): string[] {
	return resolvePerimeterDetailed(cls, membership).communes;
}

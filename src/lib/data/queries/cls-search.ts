/**
 * The search box beside the register: a CLS is found by its name, its porteur's name, the usual short
 * name the porteur's name gives in parentheses (« … Dordogne (Cauvaldor) »), or the name of an EPCI of
 * its perimeter; that short name also finds the EPCI itself when the porteur is that one EPCI.
 * Pure functions over the registry's list: the CLS live in the browser, not in DuckDB.
 */
import { normalizeSearchText, type ClsHit, type SearchHit, type TerritoryHit } from './search';
import type { Cls } from '../../register/schema';

/** « Communauté de communes … (Cauvaldor) » → « Cauvaldor »; none without a final parenthesis. */
export function shortNameOf(name: string): string | null {
	const match = /\(([^()]+)\)\s*$/.exec(name);
	return match ? match[1].trim() : null;
}

/** Usual short names of EPCI, from the CLS whose porteur is one EPCI named with its short name. */
export function epciAliases(list: readonly Cls[]): { siren: string; alias: string }[] {
	const out: { siren: string; alias: string }[] = [];
	for (const cls of list) {
		const alias = shortNameOf(cls.porteur.nom);
		if (alias && cls.porteur.type === 'EPCI' && cls.perimetre.epci.length === 1) out.push({ siren: cls.perimetre.epci[0], alias });
	}
	return out;
}

/** Whether the normalised query is a word start of the normalised text (« cauvaldor » in « cls de cauvaldor »). */
function matches(text: string, query: string): boolean {
	return ` ${normalizeSearchText(text)}`.includes(` ${query}`);
}

function clsHit(cls: Cls, detail: string): ClsHit {
	return { level: 'cls', code: cls.id, nom: cls.nom, detail };
}

/**
 * CLS matching `text`: `named` by their name or porteur (and its short name), `covering` an EPCI among
 * `territoryHits` (each CLS once, named first).
 */
export function clsSearchHits(list: readonly Cls[], text: string, territoryHits: readonly TerritoryHit[]): { named: ClsHit[]; covering: ClsHit[] } {
	const query = normalizeSearchText(text);
	const named: ClsHit[] = [];
	const covering: ClsHit[] = [];
	if (query.length < 2) return { named, covering };
	const seen = new Set<string>();
	const add = (to: ClsHit[], cls: Cls, detail: string) => {
		if (seen.has(cls.id)) return;
		seen.add(cls.id);
		to.push(clsHit(cls, detail));
	};
	for (const cls of list) {
		if (matches(cls.nom, query) || matches(cls.porteur.nom, query)) add(named, cls, `Contrat local de santé · ${cls.porteur.nom}`);
	}
	for (const hit of territoryHits) {
		if (hit.level !== 'epci') continue;
		for (const cls of list) if (cls.perimetre.epci.includes(hit.code)) add(covering, cls, `Contrat local de santé couvrant ${hit.nom}`);
	}
	return { named, covering };
}

/** SIREN of the EPCI whose usual short name the query starts (« cauv » → Cauvaldor's SIREN). */
export function aliasedEpci(list: readonly Cls[], text: string): { siren: string; alias: string }[] {
	const query = normalizeSearchText(text);
	if (query.length < 2) return [];
	return epciAliases(list).filter((a) => matches(a.alias, query));
}

/**
 * The search of the explorer's box: the territories named exactly as typed (« Lot », « Figeac »), then
 * the CLS named by the text, an EPCI named by its short name, the other territories, and last the CLS
 * covering an EPCI found. `territories` is the data layer's search (an EPCI is found by its SIREN).
 */
export async function searchWithCls(
	list: readonly Cls[],
	text: string,
	territories: (text: string) => Promise<TerritoryHit[]>
): Promise<SearchHit[]> {
	const hits = await territories(text);
	const aliased: TerritoryHit[] = [];
	for (const { siren, alias } of aliasedEpci(list, text)) {
		if (hits.some((h) => h.level === 'epci' && h.code === siren)) continue;
		const [epci] = (await territories(siren)).filter((h) => h.level === 'epci' && h.code === siren);
		if (epci) aliased.push({ ...epci, detail: `${alias} · ${epci.detail}` });
	}
	const query = normalizeSearchText(text);
	const exact = hits.filter((h) => normalizeSearchText(h.nom) === query);
	const others = hits.filter((h) => !exact.includes(h));
	const { named, covering } = clsSearchHits(list, text, [...aliased, ...hits]);
	return [...exact, ...named, ...aliased, ...others, ...covering];
}

/**
 * Fusion à trois voies d'un CLS : `base` (la version que l'onglet affichait), `mine` (base + la
 * modification de l'utilisateur) et `theirs` (la version enregistrée entre-temps, par un autre onglet).
 * Seul ce que l'utilisateur a changé est écrit : un objet est fusionné champ par champ, une liste
 * d'actions action par action (par identifiant), les axes et les fiches position par position
 * (les ajouts des deux côtés sont gardés). Deux changements différents du même champ sont un conflit.
 */
import { formatPath } from './schema';

type Json = unknown;

export interface MergeConflict {
	/** Chemin du champ (`axes[0].fichesAction[1].actions[2].titre`). */
	path: string;
	/** Le champ, en français, pour l'utilisateur. */
	label: string;
}

export type MergePreference = 'ask' | 'mine' | 'theirs';

export interface MergeResult<T> {
	value: T;
	conflicts: MergeConflict[];
}

export function deepEqual(a: Json, b: Json): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
	const ka = Object.keys(a);
	const kb = Object.keys(b);
	if (ka.length !== kb.length) return false;
	const ob = b as Record<string, Json>;
	return ka.every((k) => Object.hasOwn(ob, k) && deepEqual((a as Record<string, Json>)[k], ob[k]));
}

const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasIds = (list: Json[]) => list.every((x) => isRecord(x) && typeof x.id === 'string');

function label(path: PropertyKey[], actionId: string | null): string {
	const field = path.filter((p) => typeof p === 'string').at(-1) ?? 'contenu';
	return actionId === null ? `« ${String(field)} »` : `« ${String(field)} » de l’action « ${actionId} »`;
}

class Merger {
	conflicts: MergeConflict[] = [];
	constructor(private readonly prefer: MergePreference) {}

	merge(base: Json, mine: Json, theirs: Json, path: PropertyKey[], actionId: string | null): Json {
		if (deepEqual(mine, base)) return theirs;
		if (deepEqual(theirs, base) || deepEqual(mine, theirs)) return mine;
		if (isRecord(base) && isRecord(mine) && isRecord(theirs)) return this.records(base, mine, theirs, path, actionId);
		if (Array.isArray(base) && Array.isArray(mine) && Array.isArray(theirs)) {
			if (base.length + mine.length + theirs.length > 0 && hasIds(base) && hasIds(mine) && hasIds(theirs)) {
				return this.byId(base as Record<string, Json>[], mine as Record<string, Json>[], theirs as Record<string, Json>[], path);
			}
			if (mine.length >= base.length && theirs.length >= base.length && [...base, ...mine, ...theirs].every(isRecord)) {
				return this.byPosition(base, mine, theirs, path, actionId);
			}
		}
		return this.conflict(mine, theirs, path, actionId);
	}

	private conflict(mine: Json, theirs: Json, path: PropertyKey[], actionId: string | null): Json {
		if (this.prefer === 'theirs') return theirs;
		if (this.prefer === 'ask') this.conflicts.push({ path: formatPath(path), label: label(path, actionId) });
		return mine;
	}

	private records(base: Record<string, Json>, mine: Record<string, Json>, theirs: Record<string, Json>, path: PropertyKey[], actionId: string | null) {
		const out: Record<string, Json> = {};
		for (const key of new Set([...Object.keys(theirs), ...Object.keys(mine), ...Object.keys(base)])) {
			const v = this.merge(base[key], mine[key], theirs[key], [...path, key], actionId);
			if (v !== undefined) out[key] = v;
		}
		return out;
	}

	/** Actions (et toute liste d'objets à identifiant) : l'ordre de l'autre onglet, puis les ajouts de celui-ci. */
	private byId(base: Record<string, Json>[], mine: Record<string, Json>[], theirs: Record<string, Json>[], path: PropertyKey[]) {
		const find = (list: Record<string, Json>[], id: Json) => list.find((x) => x.id === id);
		const out: Json[] = [];
		const ids = [...theirs.map((x) => x.id), ...mine.filter((m) => !find(theirs, m.id)).map((m) => m.id)];
		for (const id of ids) {
			const v = this.merge(find(base, id), find(mine, id), find(theirs, id), [...path, String(id)], String(id));
			if (v !== undefined) out.push(v);
		}
		return out;
	}

	/** Axes, fiches : position par position ; ce que chaque onglet a ajouté à la fin est gardé. */
	private byPosition(base: Json[], mine: Json[], theirs: Json[], path: PropertyKey[], actionId: string | null) {
		const out = base.map((b, i) => this.merge(b, mine[i], theirs[i], [...path, i], actionId));
		const added = [...theirs.slice(base.length), ...mine.slice(base.length).filter((m) => !theirs.slice(base.length).some((t) => deepEqual(t, m)))];
		return [...out, ...added];
	}
}

/** Applique à `theirs` ce qui sépare `mine` de `base` ; les conflits sont rendus (`ask`) ou tranchés. */
export function merge3<T>(base: T, mine: T, theirs: T, prefer: MergePreference = 'ask'): MergeResult<T> {
	const m = new Merger(prefer);
	const value = m.merge(base, mine, theirs, [], null) as T;
	return { value, conflicts: m.conflicts };
}

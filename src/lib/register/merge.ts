/**
 * Three-way merge of a CLS: `base` (the version the tab showed), `mine` (base + the
 * user's change) and `theirs` (the version saved meanwhile, by another tab).
 * Only what the user changed is written: an object is merged field by field, a list
 * of actions action by action (by id), the axes and fiches position by position
 * (additions on both sides are kept). Two different changes of the same field are a conflict.
 */
import { formatPath } from './schema';

type Json = unknown;

export interface MergeConflict {
	/** Path of the field (`axes[0].fichesAction[1].actions[2].titre`). */
	path: string;
	/** The field, in French, for the user. */
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

	/** Actions (and any list of objects with an id): the other tab's order, then this tab's additions. */
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

	/** Axes, fiches: position by position; what each tab added at the end is kept. */
	private byPosition(base: Json[], mine: Json[], theirs: Json[], path: PropertyKey[], actionId: string | null) {
		const out = base.map((b, i) => this.merge(b, mine[i], theirs[i], [...path, i], actionId));
		const added = [...theirs.slice(base.length), ...mine.slice(base.length).filter((m) => !theirs.slice(base.length).some((t) => deepEqual(t, m)))];
		return [...out, ...added];
	}
}

/** Applies to `theirs` what separates `mine` from `base`; conflicts are returned (`ask`) or settled. */
export function merge3<T>(base: T, mine: T, theirs: T, prefer: MergePreference = 'ask'): MergeResult<T> {
	const m = new Merger(prefer);
	const value = m.merge(base, mine, theirs, [], null) as T;
	return { value, conflicts: m.conflicts };
}

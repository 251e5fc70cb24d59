/**
 * A reviewable set of changes to one CLS, to send to a colleague: the file holds the version the changes
 * start from (`base`, the shipped CLS) and the sender's version (`cls`). On opening, the differences are
 * listed one by one (a field of an action, an action added or removed, a field of the contract); the
 * colleague accepts or refuses each, and the accepted ones are merged into their own version with the
 * register's three-way merge (`merge3`): what they changed themselves meanwhile is kept.
 */
import { decodeInput, checkFileSize } from './io';
import { deepEqual, merge3, type MergeConflict } from './merge';
import { describeError, validateCls, type Cls } from './schema';

export const CHANGESET_FORMAT = 'cls-atlas-modifications';
export const CHANGESET_VERSION = 1;

export interface ChangeSetFile {
	format: typeof CHANGESET_FORMAT;
	version: typeof CHANGESET_VERSION;
	/** When the sender exported it (ISO). */
	exporte: string;
	/** The version the changes start from: the shipped CLS (a CLS created in a browser is shared by its JSON export). */
	base: Cls;
	cls: Cls;
}

/** A step of a path: a key, a position, or the element of a list with this id (an action). */
export type Step = string | number | { id: string };

export interface Change {
	/** Stable key of the change in the set (its path), for the review's choices. */
	key: string;
	path: Step[];
	kind: 'modifié' | 'ajouté' | 'supprimé';
	/** The action concerned (its id and title), null for a field of the contract itself. */
	action: { id: string; titre: string } | null;
	/** The field changed (last key of the path), or null when a whole element is added or removed. */
	field: string | null;
	before: unknown;
	after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const withIds = (list: unknown[]): list is { id: string }[] => list.every((x) => isRecord(x) && typeof x.id === 'string');
const keyOf = (path: Step[]) => path.map((s) => (typeof s === 'object' ? `#${s.id}` : String(s))).join('/');
const titleOf = (x: unknown) => (isRecord(x) && typeof x.titre === 'string' ? x.titre : '');

/** An action is a record with an id inside a list of records with ids (the tree's leaves). */
function diff(base: unknown, mine: unknown, path: Step[], action: Change['action'], out: Change[]) {
	if (deepEqual(base, mine)) return;
	const push = (kind: Change['kind'], p: Step[], before: unknown, after: unknown, a: Change['action']) =>
		out.push({ key: keyOf(p), path: p, kind, action: a, field: typeof p.at(-1) === 'string' ? (p.at(-1) as string) : null, before, after });
	if (action !== null && isRecord(base) && isRecord(mine) && path.at(-1) !== undefined && typeof path.at(-1) === 'object') {
		// Inside an action: each field is one change (the target area, the list of partners…).
		for (const k of new Set([...Object.keys(base), ...Object.keys(mine)]))
			if (!deepEqual(base[k], mine[k])) push('modifié', [...path, k], base[k], mine[k], action);
		return;
	}
	if (isRecord(base) && isRecord(mine)) {
		for (const k of new Set([...Object.keys(base), ...Object.keys(mine)])) diff(base[k], mine[k], [...path, k], action, out);
		return;
	}
	if (Array.isArray(base) && Array.isArray(mine)) {
		if (base.length + mine.length > 0 && withIds(base) && withIds(mine)) {
			for (const b of base) {
				const m = mine.find((x) => x.id === b.id);
				const step = { id: b.id };
				const a = { id: b.id, titre: titleOf(m ?? b) };
				if (m) diff(b, m, [...path, step], a, out);
				else push('supprimé', [...path, step], b, undefined, a);
			}
			for (const m of mine) if (!base.some((b) => b.id === m.id)) push('ajouté', [...path, { id: m.id }], undefined, m, { id: m.id, titre: titleOf(m) });
			return;
		}
		if (mine.length >= base.length && [...base, ...mine].every(isRecord)) {
			base.forEach((b, i) => diff(b, mine[i], [...path, i], action, out));
			for (let i = base.length; i < mine.length; i++) push('ajouté', [...path, i], undefined, mine[i], action);
			return;
		}
	}
	push('modifié', path, base, mine, action);
}

/** What separates `mine` from `base`, one change per action field, added or removed action, or contract field. */
export function changesOf(base: Cls, mine: Cls): Change[] {
	const out: Change[] = [];
	diff(base, mine, [], null, out);
	return out;
}

function child(parent: unknown, step: Step): unknown {
	if (typeof step === 'object') return Array.isArray(parent) ? parent.find((x) => isRecord(x) && x.id === step.id) : undefined;
	return (parent as Record<string | number, unknown> | undefined)?.[step];
}

/** `base` with the `accepted` changes applied (a copy; the others are left as in `base`). */
export function applyChanges(base: Cls, accepted: readonly Change[]): Cls {
	const copy = structuredClone(base) as unknown;
	for (const c of accepted) {
		let parent = copy;
		for (const step of c.path.slice(0, -1)) parent = child(parent, step);
		const last = c.path.at(-1);
		if (parent === undefined || last === undefined) continue;
		if (Array.isArray(parent)) {
			const at = typeof last === 'object' ? parent.findIndex((x) => isRecord(x) && x.id === last.id) : typeof last === 'number' ? last : -1;
			if (c.kind === 'ajouté') parent.push(structuredClone(c.after));
			else if (c.kind === 'supprimé' && at >= 0) parent.splice(at, 1);
			else if (at >= 0) parent[at] = structuredClone(c.after);
		} else if (isRecord(parent) && typeof last === 'string') {
			if (c.after === undefined) delete parent[last];
			else parent[last] = structuredClone(c.after);
		}
	}
	return copy as Cls;
}

export function changeSetFile(base: Cls, cls: Cls, now = new Date()): ChangeSetFile {
	return { format: CHANGESET_FORMAT, version: CHANGESET_VERSION, exporte: now.toISOString(), base, cls };
}

export function exportChangeSet(file: ChangeSetFile): string {
	return JSON.stringify(file, null, 2) + '\n';
}

export type ReadChangeSet = { ok: true; file: ChangeSetFile } | { ok: false; errors: string[] };

/** Reads a change set file: JSON, this format and version, both CLS valid; every problem said in French. */
export function readChangeSet(bytes: Uint8Array): ReadChangeSet {
	const tooBig = checkFileSize(bytes.byteLength);
	if (tooBig) return { ok: false, errors: [tooBig] };
	const decoded = decodeInput(bytes);
	if (!decoded.ok) return { ok: false, errors: [decoded.message] };
	let json: unknown;
	try {
		json = JSON.parse(decoded.decoded.text);
	} catch {
		return { ok: false, errors: ['Le fichier n’est pas du JSON lisible : ce n’est pas un fichier de modifications exporté par cls-atlas.'] };
	}
	if (!isRecord(json) || json.format !== CHANGESET_FORMAT)
		return { ok: false, errors: ['Ce fichier n’est pas un fichier de modifications de cls-atlas (pour un CLS complet, utilisez « Importer (JSON ou CSV)… »).'] };
	if (json.version !== CHANGESET_VERSION)
		return { ok: false, errors: [`Fichier de modifications en version ${String(json.version)} : cette version de l’atlas lit la version ${CHANGESET_VERSION}.`] };
	const errors: string[] = [];
	const cls = validateCls(json.cls);
	if (!cls.ok) errors.push(...cls.errors.map((e) => `cls.${describeError(e)}`));
	const base = validateCls(json.base);
	if (!base.ok) errors.push(...base.errors.map((e) => `base.${describeError(e)}`));
	if (cls.ok && base.ok && base.cls.id !== cls.cls.id) errors.push(`base.id : la version de départ (« ${base.cls.id} ») n’est pas celle du CLS modifié (« ${cls.cls.id} »)`);
	if (errors.length || !cls.ok || !base.ok) return { ok: false, errors };
	return { ok: true, file: { format: CHANGESET_FORMAT, version: CHANGESET_VERSION, exporte: String(json.exporte ?? ''), base: base.cls, cls: cls.cls } };
}

/**
 * The colleague's version with the accepted changes merged in: three-way, from the file's base, so that
 * what the colleague changed themselves is kept. `conflicts`: fields both changed differently (the
 * accepted change wins there, the user having chosen it).
 */
export function mergeAccepted(file: ChangeSetFile, accepted: readonly Change[], current: Cls): { cls: Cls; conflicts: MergeConflict[] } {
	const partial = applyChanges(file.base, accepted);
	const asked = merge3<Cls>(file.base, partial, current, 'ask');
	if (asked.conflicts.length === 0) return { cls: asked.value, conflicts: [] };
	return { cls: merge3<Cls>(file.base, partial, current, 'mine').value, conflicts: asked.conflicts };
}

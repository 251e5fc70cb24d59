/**
 * Commune history from INSEE's « mouvements de communes » (cog2025/mvtcommunes.csv): which codes were communes
 * at the 1 January of a given COG, and which communes were re-established (split off) since then.
 * The passage table alone maps every old code to one 2025 code, which is right for a merge but, for a split,
 * leaves the whole former commune's figures on the code it kept and nothing on the communes re-established beside it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeCommuneCode } from '../../src/lib/territory/insee-code';
import { SourceError, readCsv } from './csv';

/** One row of the movements table, communes only (delegated and associated communes are parts, not communes). */
interface Movement {
	mod: string;
	/** ISO date the change took effect. */
	date: string;
	before: string | null;
	beforeName: string;
	after: string | null;
}

/** A commune of an older COG that is several communes in 2025. */
export interface Split {
	/** ISO date of the re-establishment. */
	date: string;
	/** Code of the former commune, as the older source writes it. */
	parent: string;
	parentName: string;
	/** Communes that code now covers (codes valid on that date, before any later change). */
	children: string[];
}

export interface CogHistory {
	/** COG 2025 commune codes. */
	current: ReadonlySet<string>;
	movements: readonly Movement[];
}

/** INSEE modification codes for a commune created out of another: 20 création, 21 rétablissement. */
const SPLIT_MODS = new Set(['20', '21']);
/**
 * Modifications that change the set of communes: creations, re-establishments, suppressions, merges (31 simple,
 * 32 commune nouvelle, 33 association) and code changes (41 département, 50 chef-lieu). The others (names, delegated
 * or associated communes) leave it alone, though their rows name a commune on one side only.
 */
const SET_MODS = new Set(['20', '21', '30', '31', '32', '33', '41', '50']);

export const MOVEMENTS_FILE = 'cog2025/mvtcommunes.csv';

export function loadHistory(from: string, current: ReadonlySet<string>): CogHistory {
	const file = join(from, MOVEMENTS_FILE);
	if (!existsSync(file)) throw new SourceError(`${file} absent : sans l’historique des communes, les communes rétablies depuis le COG d’une source perdraient leurs valeurs`);
	const code = (raw: string) => (raw === '' ? null : normalizeCommuneCode(raw));
	const movements = readCsv(file, { required: ['MOD', 'DATE_EFF', 'TYPECOM_AV', 'COM_AV', 'LIBELLE_AV', 'TYPECOM_AP', 'COM_AP'] }).map((row) => {
		const date = row.get('DATE_EFF');
		if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) row.fail(`date d’effet invalide « ${date} »`);
		return {
			mod: row.get('MOD'),
			date,
			before: row.get('TYPECOM_AV') === 'COM' ? code(row.get('COM_AV')) : null,
			beforeName: row.get('LIBELLE_AV'),
			after: row.get('TYPECOM_AP') === 'COM' ? code(row.get('COM_AP')) : null
		};
	});
	return { current, movements };
}

/** A COG of year Y is the situation on 1 January Y, changes of that day included. */
const cogDate = (year: number) => `${year}-01-01`;

/** Codes that were communes in the COG of `year`: the 2025 set with every later change undone, latest first. */
export function communesAt(history: CogHistory, year: number): Set<string> {
	const valid = new Set(history.current);
	const byDate = new Map<string, Movement[]>();
	for (const m of history.movements) {
		if (m.date <= cogDate(year) || !SET_MODS.has(m.mod)) continue;
		const list = byDate.get(m.date);
		if (list) list.push(m);
		else byDate.set(m.date, [m]);
	}
	for (const date of [...byDate.keys()].sort().reverse()) {
		const day = byDate.get(date) ?? [];
		for (const m of day) if (m.after) valid.delete(m.after);
		for (const m of day) if (m.before) valid.add(m.before);
	}
	return valid;
}

/**
 * Communes of the COG of `year` that are several communes in 2025: re-establishments after that COG whose
 * other communes did not exist in it (else the source already has them apart, as the 2013 BPE has Celles).
 */
export function splitsSince(history: CogHistory, year: number): Split[] {
	const valid = communesAt(history, year);
	const events = new Map<string, Split>();
	for (const m of history.movements) {
		if (!SPLIT_MODS.has(m.mod) || m.date <= cogDate(year) || m.date > cogDate(2025) || !m.before || !m.after) continue;
		const key = `${m.date} ${m.before}`;
		const split = events.get(key) ?? { date: m.date, parent: m.before, parentName: m.beforeName, children: [] };
		if (!split.children.includes(m.after)) split.children.push(m.after);
		events.set(key, split);
	}
	return [...events.values()]
		.filter((s) => valid.has(s.parent) && s.children.some((c) => c !== s.parent && !valid.has(c)))
		.map((s) => ({ ...s, children: s.children.sort() }))
		.sort((a, b) => (a.parent < b.parent ? -1 : a.parent > b.parent ? 1 : a.date < b.date ? -1 : 1));
}

/** First COG the passage table covers: every code valid since 2003 (a user's file may be that old). */
export const FIRST_COG = 2003;

/**
 * Every re-establishment that some COG since `from` still has as one commune: the splits a file of any of those
 * COGs may need, each once (the same event seen from several COGs is one split).
 */
export function everySplit(history: CogHistory, from = FIRST_COG): Split[] {
	const events = new Map<string, Split>();
	for (let year = from; year < 2025; year++) for (const s of splitsSince(history, year)) events.set(`${s.date} ${s.parent}`, s);
	return [...events.values()].sort((a, b) => (a.parent < b.parent ? -1 : a.parent > b.parent ? 1 : a.date < b.date ? -1 : 1));
}

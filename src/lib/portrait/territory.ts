/**
 * A territory of any niveau turned into what the portrait and the comparison need: its name, its
 * communes, its parents and reference territories (département, région), and the values of the
 * catalogue's indicators, always ratios of sums over its communes (`communeSetValueSql` for a CLS
 * perimeter, the level's own grouping otherwise: the same numbers, see the unit tests).
 */
import type { DbConnector } from '../db/connector';
import type { NumericIndicator } from '../indicators/catalogue';
import type { Level } from '../territory/key';
import { communeSetValueSql, type CommuneSet } from '../indicators/sql';
import { queryTerritoriesValue } from '../indicators/values';
import { resolvePerimeter } from '../cls/perimeter';
import type { Cls } from '../cls/schema';
import { LEVEL_LABELS, selectionCommunes, type TerritoryLevel, type TerritoryKey } from '../territory/key';

export interface NamedRef {
	level: Level;
	code: string;
	nom: string;
}

export interface ResolvedTerritory {
	key: TerritoryKey;
	nom: string;
	levelLabel: string;
	/** Communes of the territory (COG 2025), sorted. */
	communes: string[];
	/** EPCI (for a commune), département, région; for an EPCI or a CLS, those of most of its communes. */
	parents: NamedRef[];
	/** Département and région used as references (those of most communes), when there is one. */
	departement: NamedRef | null;
	region: NamedRef | null;
	/** How many départements / régions the communes touch. */
	departements: number;
	regions: number;
	/** The CLS itself, for the `cls` niveau. */
	cls: Cls | null;
}

/** What a value is computed on: a level of the atlas, an explicit list of communes, or France (null). */
export type ValueTarget = CommuneSet;

export interface ResolveOptions {
	/** The CLS of the page (shipped + the user's), for the `cls` niveau. */
	clsList?: readonly Cls[];
	/** commune → SIREN of its EPCI, to resolve a CLS perimeter. */
	membership?: ReadonlyMap<string, string | null>;
}

/** Tables read to resolve a territory. */
export const TERRITORY_TABLES = ['communes', 'epci', 'departements', 'regions'];

const CODES = "SELECT unnest(string_split(?, ',')) AS code";

/** Niveaux that are one row of a table of the atlas (the others are lists of communes). */
type AtlasNiveau = Exclude<TerritoryLevel, 'cls' | 'selection'>;

const NAME_SQL: Record<AtlasNiveau, string> = {
	commune: 'SELECT nom FROM communes WHERE code = ?',
	epci: 'SELECT nom FROM epci WHERE code = ?',
	departement: 'SELECT nom FROM departements WHERE code = ?',
	region: 'SELECT nom FROM regions WHERE code = ?'
};

const COMMUNES_SQL: Record<AtlasNiveau, string> = {
	commune: 'SELECT code FROM communes WHERE code = ? ORDER BY code',
	epci: 'SELECT code FROM communes WHERE epci = ? ORDER BY code',
	departement: 'SELECT code FROM communes WHERE dep = ? ORDER BY code',
	region: 'SELECT code FROM communes WHERE reg = ? ORDER BY code'
};

function rows<T>(table: { toArray(): { toJSON(): unknown }[] }): T[] {
	return table.toArray().map((r) => r.toJSON() as T);
}

/** The département or région of most of the communes (ties: smaller code), and how many there are. */
async function majority(db: DbConnector, codes: string, key: 'dep' | 'reg'): Promise<{ ref: NamedRef | null; n: number }> {
	const table = key === 'dep' ? 'departements' : 'regions';
	const r = rows<{ code: string; nom: string; n: number }>(
		await db.query(
			`SELECT c.${key} AS code, t.nom, (count(*) OVER ())::INTEGER AS n FROM communes c JOIN ${table} t ON t.code = c.${key} ` +
				`WHERE c.code IN (${CODES}) GROUP BY c.${key}, t.nom ORDER BY count(*) DESC, c.${key} LIMIT 1`,
			[codes]
		)
	);
	if (r.length === 0) return { ref: null, n: 0 };
	return { ref: { level: key === 'dep' ? 'departement' : 'region', code: String(r[0].code), nom: String(r[0].nom) }, n: Number(r[0].n) };
}

/** Resolves a territory; null when its code is unknown. */
export async function resolveTerritory(db: DbConnector, key: TerritoryKey, opts: ResolveOptions = {}): Promise<ResolvedTerritory | null> {
	let nom: string;
	let communes: string[];
	let cls: Cls | null = null;
	if (key.level === 'cls') {
		cls = opts.clsList?.find((c) => c.id === key.code) ?? null;
		if (!cls || !opts.membership) return null;
		nom = cls.nom;
		communes = resolvePerimeter(cls, opts.membership);
	} else if (key.level === 'selection') {
		const wanted = [...new Set(selectionCommunes(key.code))];
		const found = rows<{ code: string; nom: string }>(
			await db.query(`SELECT code, nom FROM communes WHERE code IN (${CODES}) ORDER BY code`, [wanted.join(',')])
		);
		// A code unknown to COG 2025 makes the whole selection unknown rather than silently smaller.
		if (found.length !== wanted.length) return null;
		communes = found.map((r) => String(r.code));
		nom = selectionName(found.map((r) => String(r.nom)));
	} else {
		const name = rows<{ nom: string }>(await db.query(NAME_SQL[key.level], [key.code]));
		if (name.length === 0) return null;
		nom = String(name[0].nom);
		communes = rows<{ code: string }>(await db.query(COMMUNES_SQL[key.level], [key.code])).map((r) => String(r.code));
	}
	const param = communes.join(',');
	const dep = communes.length ? await majority(db, param, 'dep') : { ref: null, n: 0 };
	const reg = communes.length ? await majority(db, param, 'reg') : { ref: null, n: 0 };
	const parents: NamedRef[] = [];
	if (key.level === 'commune') {
		const e = rows<{ code: string | null; nom: string | null }>(
			await db.query('SELECT e.code, e.nom FROM communes c JOIN epci e ON e.code = c.epci WHERE c.code = ?', [key.code])
		);
		if (e.length && e[0].code) parents.push({ level: 'epci', code: String(e[0].code), nom: String(e[0].nom) });
	}
	if (dep.ref && key.level !== 'departement' && key.level !== 'region') parents.push(dep.ref);
	if (reg.ref && key.level !== 'region') parents.push(reg.ref);
	return {
		key,
		nom,
		levelLabel: LEVEL_LABELS[key.level],
		communes,
		parents,
		departement: key.level === 'departement' || key.level === 'region' ? null : dep.ref,
		region: key.level === 'region' ? null : reg.ref,
		departements: dep.n,
		regions: reg.n,
		cls
	};
}

/** « Figeac, Cahors et Saint-Céré » for up to three communes, « Sélection de 12 communes » beyond. */
export function selectionName(names: readonly string[]): string {
	if (names.length > 3) return `Sélection de ${names.length} communes`;
	return names.length > 1 ? `${names.slice(0, -1).join(', ')} et ${names.at(-1)}` : (names[0] ?? '');
}

/** What the values of a resolved territory are computed on. */
export function targetOf(t: ResolvedTerritory): ValueTarget {
	if (t.key.level === 'cls' || t.key.level === 'selection') return { codes: t.communes };
	return { level: t.key.level, code: t.key.code };
}

/** Reference columns of a territory: its département, its région (when it has one), France. */
export function referencesOf(t: ResolvedTerritory): { label: string; target: ValueTarget }[] {
	const refs: { label: string; target: ValueTarget }[] = [];
	if (t.departement) refs.push({ label: t.departement.nom, target: t.departement });
	if (t.region) refs.push({ label: t.region.nom, target: t.region });
	refs.push({ label: 'France', target: null });
	return refs;
}

/**
 * Values of one indicator on several targets (NaN when unknown): every level target and France
 * in one scan, each list of communes in its own query.
 */
export async function valuesOf(db: DbConnector, indicator: NumericIndicator, targets: readonly ValueTarget[]): Promise<number[]> {
	const out = new Array<number>(targets.length).fill(NaN);
	const levelIdx: number[] = [];
	const levelTargets: ({ level: Level; code: string } | null)[] = [];
	for (let i = 0; i < targets.length; i++) {
		const t = targets[i];
		if (t !== null && 'codes' in t) {
			if (t.codes.length === 0) continue;
			const { sql, params } = communeSetValueSql(indicator, t.codes);
			const v = (await db.query(sql, params)).get(0)?.toJSON().value as number | null | undefined;
			out[i] = v === null || v === undefined ? NaN : Number(v);
		} else {
			levelIdx.push(i);
			levelTargets.push(t);
		}
	}
	if (levelTargets.length) {
		const values = await queryTerritoriesValue(db, indicator, levelTargets);
		levelIdx.forEach((i, k) => (out[i] = values[k]));
	}
	return out;
}

/**
 * Names and geography: territory names, communes of a territory, a territory resolved with its
 * parents and reference territories (département, région), the commune → EPCI membership, centroids.
 */
import { resolvePerimeter } from '../../register/perimeter';
import type { Cls } from '../../register/schema';
import { LEVEL_LABELS, selectionCommunes, type Area, type Level, type NamedTerritory, type TerritoryKey } from '../../territory/key';
import { communeList, raw, sql } from './sql';
import type { DataSource } from './source';
import { areaCondition, areaId } from './values';

/** Tables of the territories themselves. */
export const TERRITORY_TABLES = ['communes', 'epci', 'departements', 'regions'];

/** Table listing the territories of each level. */
const TABLE: Record<Level, string> = { commune: 'communes', epci: 'epci', departement: 'departements', region: 'regions' };
/** Column of `communes` that holds each level's code. */
const KEY: Record<Level, string> = { commune: 'code', epci: 'epci', departement: 'dep', region: 'reg' };

/** Names of every territory of a level, ordered by code like its geometry. Cached. */
export function levelNames(source: DataSource, level: Level): Promise<{ codes: string[]; names: string[] }> {
	return source.cached(`names|${level}`, async () => {
		const table = await source.query([TABLE[level]], sql`SELECT code, nom FROM ${raw(TABLE[level])} ORDER BY code`);
		return { codes: table.getChild('code')!.toArray() as string[], names: table.getChild('nom')!.toArray() as string[] };
	});
}

/** The name of a territory of the atlas; null when its code is unknown. */
export async function territoryName(source: DataSource, level: Level, code: string): Promise<string | null> {
	const rows = await source.rows<{ nom: string }>([TABLE[level]], sql`SELECT nom FROM ${raw(TABLE[level])} WHERE code = ${code}`);
	return rows.length ? String(rows[0].nom) : null;
}

export interface ResolvedTerritory {
	key: TerritoryKey;
	nom: string;
	levelLabel: string;
	/** Communes of the territory (COG 2025), sorted. */
	communes: string[];
	/** EPCI (for a commune), département, région; for an EPCI or a CLS, those of most of its communes. */
	parents: NamedTerritory[];
	/** Département and région used as references (those of most communes), when there is one. */
	departement: NamedTerritory | null;
	region: NamedTerritory | null;
	/** How many départements / régions the communes touch. */
	departements: number;
	regions: number;
	/** The CLS itself, for the `cls` level. */
	cls: Cls | null;
}

export interface ResolveOptions {
	/** The CLS of the page (shipped + the user's), for the `cls` level. */
	clsList?: readonly Cls[];
	/** commune → SIREN of its EPCI, to resolve a CLS perimeter. */
	membership?: ReadonlyMap<string, string | null>;
}

export interface CommuneReferences {
	/** Département of most of the communes (ties: smaller code), and how many départements they touch. */
	departement: NamedTerritory | null;
	departements: number;
	region: NamedTerritory | null;
	regions: number;
}

/** Département and région of reference of a list of communes: those of most of its communes. */
export async function communeReferences(source: DataSource, codes: readonly string[]): Promise<CommuneReferences> {
	if (codes.length === 0) return { departement: null, departements: 0, region: null, regions: 0 };
	const list = communeList(codes);
	const top = async (level: 'departement' | 'region') => {
		const key = raw(KEY[level]);
		const r = await source.rows<{ code: string; nom: string; n: number }>(
			['communes', TABLE[level]],
			sql`SELECT c.${key} AS code, t.nom, (count(*) OVER ())::INTEGER AS n FROM communes c JOIN ${raw(TABLE[level])} t ON t.code = c.${key} WHERE c.code IN ${list} GROUP BY c.${key}, t.nom ORDER BY count(*) DESC, c.${key} LIMIT 1`
		);
		return r.length ? { ref: { level, code: String(r[0].code), nom: String(r[0].nom) }, n: Number(r[0].n) } : { ref: null, n: 0 };
	};
	const d = await top('departement');
	const r = await top('region');
	return { departement: d.ref, departements: d.n, region: r.ref, regions: r.n };
}

/** Resolves a territory; null when its code is unknown. */
export async function resolveTerritory(source: DataSource, key: TerritoryKey, opts: ResolveOptions = {}): Promise<ResolvedTerritory | null> {
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
		const found = await source.rows<{ code: string; nom: string }>(
			['communes'],
			sql`SELECT code, nom FROM communes WHERE code IN ${communeList(wanted)} ORDER BY code`
		);
		// A code unknown to COG 2025 makes the whole selection unknown rather than silently smaller.
		if (found.length !== wanted.length) return null;
		communes = found.map((r) => String(r.code));
		nom = selectionName(found.map((r) => String(r.nom)));
	} else {
		const name = await territoryName(source, key.level, key.code);
		if (name === null) return null;
		nom = name;
		communes = (
			await source.rows<{ code: string }>(['communes'], sql`SELECT code FROM communes WHERE ${raw(KEY[key.level])} = ${key.code} ORDER BY code`)
		).map((r) => String(r.code));
	}
	const refs = await communeReferences(source, communes);
	const parents: NamedTerritory[] = [];
	if (key.level === 'commune') {
		const e = await source.rows<{ code: string | null; nom: string | null }>(
			['communes', 'epci'],
			sql`SELECT e.code, e.nom FROM communes c JOIN epci e ON e.code = c.epci WHERE c.code = ${key.code}`
		);
		if (e.length && e[0].code) parents.push({ level: 'epci', code: String(e[0].code), nom: String(e[0].nom) });
	}
	if (refs.departement && key.level !== 'departement' && key.level !== 'region') parents.push(refs.departement);
	if (refs.region && key.level !== 'region') parents.push(refs.region);
	return {
		key,
		nom,
		levelLabel: LEVEL_LABELS[key.level],
		communes,
		parents,
		departement: key.level === 'departement' || key.level === 'region' ? null : refs.departement,
		region: key.level === 'region' ? null : refs.region,
		departements: refs.departements,
		regions: refs.regions,
		cls
	};
}

/** « Figeac, Cahors et Saint-Céré » for up to three communes, « Sélection de 12 communes » beyond. */
export function selectionName(names: readonly string[]): string {
	if (names.length > 3) return `Sélection de ${names.length} communes`;
	return names.length > 1 ? `${names.slice(0, -1).join(', ')} et ${names.at(-1)}` : (names[0] ?? '');
}

/** What the figures of a resolved territory are computed on. */
export function areaOf(t: ResolvedTerritory): Area {
	if (t.key.level === 'cls' || t.key.level === 'selection') return { codes: t.communes };
	return { level: t.key.level, code: t.key.code };
}

/** A reference column: its header and what it is computed on. */
export interface Reference {
	label: string;
	area: Area;
}

/** Reference columns of a list of communes or a territory: its département, its région (when it has one), France. */
export function referencesOf(t: Pick<CommuneReferences, 'departement' | 'region'>): Reference[] {
	const refs: Reference[] = [];
	if (t.departement) refs.push({ label: t.departement.nom, area: t.departement });
	if (t.region) refs.push({ label: t.region.nom, area: t.region });
	refs.push({ label: 'France', area: null });
	return refs;
}

/** What the whole atlas reads once about communes: commune → EPCI, names of communes and EPCI, QPV lists. */
export interface CommuneDirectory {
	membership: Map<string, string | null>;
	communeNames: Map<string, string>;
	epciNames: Map<string, string>;
	/** Rows of the `qpv` table: the QPV codes of each commune. */
	qpvRows: { code: string; codes_qpv: string | null }[];
}

export function communeDirectory(source: DataSource): Promise<CommuneDirectory> {
	return source.cached('directory', async () => {
		const membership = new Map<string, string | null>();
		const communeNames = new Map<string, string>();
		for (const row of await source.query(['communes'], sql`SELECT code, nom, epci FROM communes`)) {
			const code = String(row.code);
			membership.set(code, (row.epci as string | null) ?? null);
			communeNames.set(code, String(row.nom));
		}
		const epciNames = new Map<string, string>();
		for (const row of await source.query(['epci'], sql`SELECT code, nom FROM epci`)) epciNames.set(String(row.code), String(row.nom));
		const qpvRows = (await source.rows<{ code: string; codes_qpv: string | null }>(['qpv'], sql`SELECT code, codes_qpv FROM qpv`)).map((r) => ({
			code: String(r.code),
			codes_qpv: r.codes_qpv ?? null
		}));
		return { membership, communeNames, epciNames, qpvRows };
	});
}

/** Centroid of every commune (`communes.lon`, `lat`), for the lasso. Cached. */
export function communeCentroids(source: DataSource): Promise<{ codes: string[]; lon: Float64Array; lat: Float64Array }> {
	return source.cached('centroids', async () => {
		const table = await source.query(['communes'], sql`SELECT code, lon, lat FROM communes WHERE lon IS NOT NULL`);
		return {
			codes: table.getChild('code')!.toArray() as string[],
			lon: table.getChild('lon')!.toArray() as Float64Array,
			lat: table.getChild('lat')!.toArray() as Float64Array
		};
	});
}

/** Communes with a population, largest first: code, name, position, population (the map's place labels). */
export async function placeRows(source: DataSource): Promise<{ codes: string[]; names: string[]; lon: Float64Array; lat: Float64Array; population: Int32Array }> {
	const table = await source.query(
		['communes'],
		sql`SELECT code, nom, lon, lat, population FROM communes WHERE population IS NOT NULL ORDER BY population DESC, code`
	);
	return {
		codes: table.getChild('code')!.toArray() as string[],
		names: table.getChild('nom')!.toArray() as string[],
		lon: table.getChild('lon')!.toArray() as Float64Array,
		lat: table.getChild('lat')!.toArray() as Float64Array,
		population: table.getChild('population')!.toArray() as Int32Array
	};
}

/** The COG 2025 communes of an area, sorted (France: every commune). */
export function areaCommunes(source: DataSource, area: Area): Promise<string[]> {
	return source.cached(`area-communes|${areaId(area)}`, async () =>
		(await source.rows<{ code: string }>(['communes'], sql`SELECT c.code FROM communes c WHERE ${areaCondition(area)} ORDER BY c.code`)).map((r) => String(r.code))
	);
}

/**
 * Communes re-established since a user's file was written, the one rule of every import (official formats and
 * the generic one), as the pipeline applies it to the shipped tables (pipeline/lib/cog.ts): a file does not say
 * its COG, but a file that has a former commune's code and none of the communes re-established out of it is in
 * a COG before that split. Its line then goes to each commune the former one became: counts divided in
 * proportion to their 2025 legal population, rates and classes copied, and marked « valeur de la commune
 * d’origine ». A file that has both is already in a later COG: left as it is, and nothing said.
 *
 * The codes table of an import (`code, cog`: each distinct code of the file and its COG 2025 commune) becomes
 * `code, cog, share, origin`: one row per commune a split code became, with its share; share 1 and no origin
 * for every other code. The importers read counts through `share` and rates as they are.
 */
import type { CommuneNote } from '../engine/artefacts';
import type { DbConnector } from '../engine/connector';
import { raw, sql, type Sql } from '../engine/sql';

/** Communes of a COG since 2003 that are several communes in 2025, with each one's share (pipeline: official-files.ts). */
export const SPLITS_TABLE = 'cog_scissions';

/** How a column of an import is carried to the communes a split commune became. */
export type ValueKind = 'count' | 'rate';

/** One former commune of a file, shared among the communes it became. */
export interface ImportSplit {
	/** Its code, as the file writes it, and its name before the split (INSEE's movements). */
	origin: string;
	originName: string;
	/** ISO date of the re-establishment: the file is in a COG before it. */
	date: string;
	/** The COG 2025 communes it became and each one's share of its counts (null when a population is unknown). */
	communes: { code: string; nom: string | null; share: number | null }[];
	/** The kinds of the file's columns: what the split did with them. */
	kinds: ValueKind[];
}

const percent = (share: number | null) => (share === null ? 'part inconnue' : `${(share * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`);

/** What a split does with a file's columns, in French: counts divided, rates and classes copied. */
function ruleOf(split: Pick<ImportSplit, 'kinds'>, share?: number | null): string {
	return [
		...(split.kinds.includes('count') ? [`effectifs répartis au prorata de la population légale 2025${share === undefined ? '' : ` (${percent(share)} ici)`}`] : []),
		...(split.kinds.includes('rate') ? ['taux et classes recopiés'] : [])
	].join(', ');
}

/** A count read through a split: the commune's share of the former commune's value (`k` is the codes table). */
export const splitCount = (value: string, k = 'k') => `(${value}) * ${k}.share`;

async function run(db: DbConnector, q: Sql) {
	return (await db.query(q.text, q.params)).toArray().map((r) => r.toJSON());
}

async function hasTable(db: DbConnector, name: string): Promise<boolean> {
	const [row] = await run(db, sql`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ${name}`);
	return Number(row?.n ?? 0) > 0;
}

export interface SplitOptions {
	/** The importer's codes table (`code, cog`) and the communes table (names): constants of the importers. */
	codes: string;
	communes: string;
	/** The kinds of the file's columns. */
	kinds: readonly ValueKind[];
	/** False when the file's codes are not communes, or old codes are not remapped. */
	apply: boolean;
}

/**
 * Rewrites the codes table with `share` and `origin`, sharing every former commune of the file that has none of
 * its re-established communes; returns those splits. Without the shipped splits table (an older build), or when
 * `apply` is false, every code keeps share 1.
 */
export async function splitCodes(db: DbConnector, { codes, communes, kinds, apply }: SplitOptions): Promise<ImportSplit[]> {
	const table = raw(codes);
	const applied = raw(`${codes}_split`);
	const enabled = apply && (await hasTable(db, SPLITS_TABLE));
	const splits = raw(SPLITS_TABLE);
	// One event per former code present in the file, when the file has none of the other codes of that date; the latest
	// when a code was split twice (no such commune since 2003).
	await run(
		db,
		enabled
			? sql`CREATE OR REPLACE TEMP TABLE ${applied} AS
				WITH present AS (SELECT DISTINCT s.code_origine, s.date FROM ${splits} s JOIN ${table} f ON f.code = s.code_origine),
				apart AS (SELECT DISTINCT s.code_origine, s.date FROM ${splits} s JOIN ${table} f ON f.code = s.code_retabli WHERE s.code_retabli <> s.code_origine),
				events AS (SELECT * FROM present ANTI JOIN apart USING (code_origine, date) QUALIFY row_number() OVER (PARTITION BY code_origine ORDER BY date DESC) = 1)
				SELECT s.code_origine, s.nom_origine, s.date, s.code, sum(s.part) AS part FROM ${splits} s JOIN events e USING (code_origine, date)
				GROUP BY ALL`
			: sql`CREATE OR REPLACE TEMP TABLE ${applied} (code_origine VARCHAR, nom_origine VARCHAR, date VARCHAR, code VARCHAR, part DOUBLE)`
	);
	const rows = await run(
		db,
		sql`SELECT a.code_origine, a.nom_origine, a.date, a.code, a.part, c.nom FROM ${applied} a LEFT JOIN ${raw(communes)} c ON c.code = a.code ORDER BY a.code_origine, a.code`
	);
	if (rows.length === 0) {
		// Most files: no split, every code whole (cheaper than rewriting the table).
		await run(db, sql`ALTER TABLE ${table} ADD COLUMN share DOUBLE DEFAULT 1.0`);
		await run(db, sql`ALTER TABLE ${table} ADD COLUMN origin VARCHAR`);
	} else {
		await run(
			db,
			sql`CREATE OR REPLACE TEMP TABLE ${raw(`${codes}_shared`)} AS
				SELECT k.code, coalesce(a.code, k.cog) AS cog, CASE WHEN a.code IS NULL THEN 1.0 ELSE a.part END AS share, a.code_origine AS origin
				FROM ${table} k LEFT JOIN ${applied} a ON a.code_origine = k.code AND k.cog IS NOT NULL`
		);
		await run(db, sql`DROP TABLE ${table}`);
		await run(db, sql`ALTER TABLE ${raw(`${codes}_shared`)} RENAME TO ${table}`);
	}
	await run(db, sql`DROP TABLE ${applied}`);
	const byOrigin = new Map<string, ImportSplit>();
	for (const r of rows) {
		const origin = String(r.code_origine);
		const split = byOrigin.get(origin) ?? { origin, originName: String(r.nom_origine), date: String(r.date), communes: [], kinds: [...new Set(kinds)] };
		split.communes.push({ code: String(r.code), nom: r.nom === null || r.nom === undefined ? null : String(r.nom), share: r.part === null ? null : Number(r.part) });
		byOrigin.set(origin, split);
	}
	return [...byOrigin.values()];
}

/**
 * Whole counts (equipments, people) of the communes a split shared, by the largest remainder as the pipeline's
 * `partCount`: each commune keeps the whole part of its value, the units left go to the largest remainders (then
 * the smaller code), so the counts stay whole and add up to the former commune's. `table` and `columns` are
 * constants of the importers.
 */
export async function wholeCounts(db: DbConnector, table: string, columns: readonly string[], splits: readonly ImportSplit[]): Promise<void> {
	if (!splits.length) return;
	const members = splits.flatMap((s) => s.communes.map((c) => `${c.code}:${s.origin}`)).join(',');
	const t = raw(table);
	for (const column of columns) {
		const c = raw(`"${column.replaceAll('"', '""')}"`);
		await run(
			db,
			sql`UPDATE ${t} SET ${c} = r.v FROM (
				SELECT s.code, floor(s.${c}) + CASE WHEN row_number() OVER (PARTITION BY m.origin ORDER BY s.${c} - floor(s.${c}) DESC, s.code)
					<= round(sum(s.${c}) OVER w - sum(floor(s.${c})) OVER w) THEN 1 ELSE 0 END AS v
				FROM (SELECT split_part(p, ':', 1) AS code, split_part(p, ':', 2) AS origin FROM (SELECT unnest(string_split(${members}, ',')) AS p)) m
				JOIN ${t} s ON s.code = m.code
				WINDOW w AS (PARTITION BY m.origin)) r
			WHERE ${t}.code = r.code`
		);
	}
}

/** « avant 2025 » for a split of 1 January, « avant le 13/02/2008 » otherwise. */
export function beforeDate(date: string): string {
	const [y, m, d] = date.split('-');
	return m === '01' && d === '01' ? `avant ${y}` : `avant le ${d}/${m}/${y}`;
}

const named = (c: ImportSplit['communes'][number]) => `${c.code}${c.nom ? ` ${c.nom}` : ''} (${percent(c.share)})`;

/** One report line per split: « 15141 Neussargues en Pinatelle (avant 2025) réparti sur 4 communes rétablies : … ». */
export function splitReportLine(split: ImportSplit): string {
	const kept = split.communes.find((c) => c.code === split.origin);
	const others = split.communes.filter((c) => c !== kept);
	const n = others.length;
	return (
		`${split.origin} ${split.originName} (${beforeDate(split.date)}) réparti sur ${n} commune${n > 1 ? 's' : ''} rétablie${n > 1 ? 's' : ''} : ` +
		others.map(named).join(', ') +
		(kept ? ` ; ${kept.code} garde ${percent(kept.share)}` : '') +
		(split.kinds.length ? ` — ${ruleOf(split)}` : '')
	);
}

/** What a tooltip or a portrait says of the value of each commune a split commune became. */
export function splitNotes(splits: readonly ImportSplit[]): CommuneNote[] {
	return splits.flatMap((s) =>
		s.communes.map((c) => ({
			kind: 'origine' as const,
			codes: [c.code],
			text: `valeur de la commune d’origine ${s.origin} ${s.originName} (fichier ${beforeDate(s.date)}) : ${ruleOf(s, c.share)}`
		}))
	);
}

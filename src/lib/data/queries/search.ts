import type { SqlParam } from '../engine/connector';
import type { Level } from '../../territory/key';
import { Sql, raw, sql } from './sql';
import type { DataSource } from './source';

/**
 * Find a territory (commune, EPCI, département, région) by name, code INSEE, SIREN or postal code.
 *
 * All matching runs in DuckDB on a small lookup table built once per connector
 * (`search_index`, see {@link ensureSearchIndex}). The user's text only ever reaches SQL as bound
 * parameters, and only through `=`, `contains()` and `starts_with()`, which compare literally:
 * there is no pattern, so `%` and `_` are plain characters (and normalisation removes them anyway).
 * Not `LIKE ? ESCAPE '\'`: with ESCAPE, DuckDB cannot turn LIKE into its fast substring search,
 * and the scan of the 36,000 names took 3 to 5 times longer.
 */


export interface TerritoryHit {
	level: Level;
	code: string;
	nom: string;
	/** Short context, e.g. « Lot (46) · 46000 » or « CC · 77 communes ». */
	detail: string;
}

/** A Contrat local de santé found by name (src/lib/data/queries/cls-search.ts): `code` is its id. */
export interface ClsHit {
	level: 'cls';
	code: string;
	nom: string;
	detail: string;
}

/** Anything the search box offers. */
export type SearchHit = TerritoryHit | ClsHit;

/** Tables the search reads. */
const SEARCH_TABLES = ['communes', 'epci', 'departements', 'regions'];


/** Whole-word abbreviations expanded on both sides (query and names). */
const ABBREVIATIONS: ReadonlyArray<readonly [string, string]> = [
	['st', 'saint'],
	['ste', 'sainte'],
	['sts', 'saints'],
	['stes', 'saintes']
];

/**
 * Search form of a text: accents removed, lower case, œ/æ spelt out, every run of anything but
 * a-z and 0-9 (spaces, hyphens, apostrophes ’ ', punctuation) turned into one space, trimmed, and
 * st / ste / sts / stes → saint / sainte / saints / saintes.
 * « SAINT-CÉRÉ », « st cere », « Saint Céré » → « saint cere »; « L’Île-d’Yeu » → « l ile d yeu ».
 * {@link normalizeSql} is the same function in DuckDB SQL (the tests check both agree on every name).
 */
export function normalizeSearchText(text: string): string {
	let s = text
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replaceAll('œ', 'oe')
		.replaceAll('æ', 'ae')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
	for (const [short, long] of ABBREVIATIONS) s = s.replace(new RegExp(`\\b${short}\\b`, 'g'), long);
	return s;
}

/** {@link normalizeSearchText} as a DuckDB SQL expression over `expr` (a column, never user text). */
export function normalizeSql(expr: string): string {
	let sql = `trim(regexp_replace(replace(replace(lower(strip_accents(${expr})), 'œ', 'oe'), 'æ', 'ae'), '[^a-z0-9]+', ' ', 'g'))`;
	for (const [short, long] of ABBREVIATIONS) sql = `regexp_replace(${sql}, '\\b${short}\\b', '${long}', 'g')`;
	return sql;
}

/** Code form of a text (codes INSEE, SIREN, postal codes, 2A/2B): upper case, letters and digits only. */
export function normalizeCodeText(text: string): string {
	return text.toUpperCase().replace(/[^0-9A-Z]+/g, '');
}

const NATURE_LABELS: Record<string, string> = { METRO: 'Métropole', MET69: 'Métropole de Lyon' };

/**
 * One row per territory: `codes` holds the codes that match exactly, space
 * separated and space framed (` 46042 46000 ` for a commune: code INSEE then postal codes),
 * `pop` the population (summed over communes for EPCI, départements and régions), `n` the
 * normalised name, `wn` the same after a space (word starts: `contains(wn, ' mot')`), `k` the one
 * column the filter scans: ` nom normalise | 46042 46000 ` (the codes in lower case; no
 * normalised query holds `|`, so a match never straddles name and codes), `id` the rank by
 * population (largest first).
 */
const INDEX_SQL = `
CREATE OR REPLACE TEMP TABLE search_index AS
WITH dep_pop AS (SELECT dep AS code, sum(population) AS pop FROM communes GROUP BY dep),
reg_pop AS (SELECT reg AS code, sum(population) AS pop FROM communes GROUP BY reg),
epci_stats AS (SELECT epci AS code, sum(population) AS pop, count(*) AS n FROM communes WHERE epci IS NOT NULL GROUP BY epci),
dep_count AS (SELECT reg AS code, count(*) AS n FROM departements GROUP BY reg),
base AS (
SELECT 'commune' AS level, c.code, c.nom,
	d.nom || ' (' || c.dep || ')' AS detail,
	coalesce(c.codes_postaux, '') AS postaux,
	' ' || c.code || ' ' || coalesce(c.codes_postaux, '') || ' ' AS codes,
	coalesce(c.population, 0)::BIGINT AS pop
FROM communes c LEFT JOIN departements d ON d.code = c.dep
UNION ALL
SELECT 'epci', e.code, e.nom,
	coalesce(${sqlNatureLabel('e.nature')}, '') || ' · ' || coalesce(s.n, 0) || ' commune' || CASE WHEN coalesce(s.n, 0) > 1 THEN 's' ELSE '' END,
	'', ' ' || e.code || ' ', coalesce(s.pop, 0)::BIGINT
FROM epci e LEFT JOIN epci_stats s USING (code)
UNION ALL
SELECT 'departement', d.code, d.nom, coalesce(r.nom, '') || ' · ' || d.code, '', ' ' || d.code || ' ', coalesce(p.pop, 0)::BIGINT
FROM departements d LEFT JOIN regions r ON r.code = d.reg LEFT JOIN dep_pop p ON p.code = d.code
UNION ALL
SELECT 'region', r.code, r.nom, coalesce(k.n, 0) || ' département' || CASE WHEN coalesce(k.n, 0) > 1 THEN 's' ELSE '' END,
	'', ' ' || r.code || ' ', coalesce(p.pop, 0)::BIGINT
FROM regions r LEFT JOIN reg_pop p ON p.code = r.code LEFT JOIN dep_count k ON k.code = r.code
),
normalised AS (SELECT *, ${normalizeSql('nom')} AS n FROM base)
SELECT row_number() OVER (ORDER BY pop DESC, nom, level, code)::INTEGER AS id, *, ' ' || n AS wn,
	' ' || n || ' |' || lower(codes) AS k
FROM normalised ORDER BY id
`;

function sqlNatureLabel(expr: string): string {
	const cases = Object.entries(NATURE_LABELS)
		.map(([nature, label]) => `WHEN '${nature}' THEN '${label}'`)
		.join(' ');
	return `CASE ${expr}::VARCHAR ${cases} ELSE ${expr}::VARCHAR END`;
}

/**
 * Builds the temporary lookup table `search_index` once per source (about 36,000 rows).
 * On failure the next call tries again.
 */
export function ensureSearchIndex(source: DataSource): Promise<void> {
	return source.cached('search-index', () => source.query(SEARCH_TABLES, sql`${raw(INDEX_SQL)}`).then(() => undefined));
}

/** At most this many words take part in the « every word, any order » rank. */
const MAX_WORDS = 6;

/**
 * Territories matching `text`, best first, at most `limit`.
 * Rank of a match (lower first), then larger population first, then name:
 * 0 exact code (code INSEE, SIREN, département or région code, one of the postal codes);
 * 1 name equal to the query; 2 name starting with the query, or a code starting with it;
 * 3 a word of the name starting with the query; 4 name containing the query;
 * 5 every word of the query starting a word of the name or a code, in any order (« cahors 46 »).
 */
export async function searchTerritories(source: DataSource, text: string, limit = 12): Promise<TerritoryHit[]> {
	const name = normalizeSearchText(text);
	const code = normalizeCodeText(text);
	// A code always holds a digit (2A and 2B too); words alone never match codes.
	const codeQuery = /\d/.test(code) ? code : null;
	if (name === '' && codeQuery === null) return [];
	const n = Math.max(1, Math.min(100, Math.floor(limit)));

	await ensureSearchIndex(source);

	const q = name === '' ? null : name;
	const codeLower = codeQuery === null ? null : codeQuery.toLowerCase();

	// The filter scans the one column `k`; the rank is computed on the few rows that pass.
	// Only the shape of the SQL (which clauses, how many placeholders) depends on the query, never its text.
	const filters: string[] = [];
	const filterParams: SqlParam[] = [];
	if (q !== null) {
		filters.push('contains(k, ?)');
		filterParams.push(q);
	}
	if (codeLower !== null && codeLower !== q) {
		filters.push('contains(k, ?)');
		filterParams.push(` ${codeLower}`);
	}
	// Every word, in any order, starting a word of the name or a code; longest (most selective) first.
	const words = q === null ? [] : [...new Set(q.split(' '))].sort((x, y) => y.length - x.length).slice(0, MAX_WORDS);
	if (words.length > 1) {
		filters.push(`(${words.map(() => 'contains(k, ?)').join(' AND ')})`);
		filterParams.push(...words.map((w) => ` ${w}`));
	}

	// Rank and order on two integers first (id follows population), then fetch the text of the few hits.
	const query = `
WITH hits AS (
	SELECT id, CASE
		WHEN contains(codes, ?) THEN 0
		WHEN n = ? THEN 1
		WHEN starts_with(n, ?) OR contains(codes, ?) THEN 2
		WHEN contains(wn, ?) THEN 3
		WHEN contains(n, ?) THEN 4
		ELSE 5 END AS rank
	FROM search_index
	WHERE ${filters.join(' OR ')}
	ORDER BY rank, id
	LIMIT ?
)
SELECT s.level, s.code, s.nom, s.detail, s.postaux FROM hits JOIN search_index s USING (id) ORDER BY hits.rank, hits.id`;
	const framed = (text: string | null, before: string, after: string) => (text === null ? null : before + text + after);
	const params: SqlParam[] = [
		framed(codeQuery, ' ', ' '),
		q,
		q,
		framed(codeQuery, ' ', ''),
		framed(q, ' ', ''),
		q,
		...filterParams,
		n
	];
	const table = await source.query(SEARCH_TABLES, new Sql(query, params));

	const hits: TerritoryHit[] = [];
	for (const row of table) {
		const r = row.toJSON() as { level: Level; code: string; nom: string; detail: string; postaux: string };
		let detail = String(r.detail ?? '');
		if (r.level === 'commune') {
			const postaux = String(r.postaux ?? '').split(' ').filter(Boolean);
			// The postal code the user typed, else the first one.
			const shown = postaux.includes(code) ? code : postaux[0];
			if (shown) detail += ` · ${shown}${postaux.length > 1 ? '…' : ''}`;
		}
		hits.push({ level: r.level, code: String(r.code), nom: String(r.nom), detail });
	}
	return hits;
}

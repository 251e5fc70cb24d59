/**
 * INSEE « Évolution et structure de la population » → `population_ages`: census counts per COG 2025 commune,
 * by age band and sex, from either base INSEE publishes for a census year (`PAA_` = P21_ for 2021…):
 * - the commune base « base-cc-evol-struct-pop » (`CODGEO`; bands 0014, 1529, 3044, 4559, 6074, 7589, 90P,
 *   the same by sex `PAA_H…`, `PAA_F…`; recent millésimes also carry `PAA_H65P`/`PAA_F65P`);
 * - the IRIS base « base-ic-evol-struct-pop » (`IRIS`, `COM`; bands 0014 … 6074 and 75P, the finer bands
 *   0002, 0305, 0610, 1117, 1824, 2539, 4054, 5564, 6579, 80P, and 0019, 2064, 65P): its IRIS are summed
 *   to their commune. Layout as documented by INSEE for the 2021 census (dictionary of the IRIS base:
 *   P21_POP0002 « 0 à 2 ans » … P21_POP1824 « 18 à 24 ans », P21_POP65P « 65 ans ou plus »).
 * Beyond the bands of the pyramid, three groups the CLS diagnostics quote: 0–24 (needs the finer bands of
 * the IRIS base), 65+ (`POP65P`, or men + women `H65P` + `F65P`) and 75+ (`75P`, or 7589 + 90P). A group
 * a file cannot give stays NULL, and the report says so.
 * Every column name spliced into the SQL matched an expected name exactly; values are bound parameters.
 */
import { AGE_BANDS, AGE_GROUPS, OLDEST_BAND, POPULATION_AGES_TABLE, TABLE_BANDS, ageColumn, menColumn, womenColumn } from '../../indicators/age-bands';
import {
	CODES,
	CODE_SQL,
	ImportError,
	MISSING_SQL,
	NUMBER_SQL,
	RAW,
	STAGING,
	mapCodes,
	quote,
	readRaw,
	refuseBadCodes,
	refuseBadNumbers,
	rows,
	scalar,
	writeStaging,
	type ImportReport,
	type ReadContext
} from './import-kit';
import { splitCount } from './splits';

/** Summed source columns of one count of the table; null when the file cannot give it. */
type Source = readonly string[] | null;

export interface PopulationAgesLayout {
	/** `commune`: base-cc-evol-struct-pop; `iris`: base-ic-evol-struct-pop, summed to its communes. */
	base: 'commune' | 'iris';
	/** Column of the commune code (`CODGEO`, or `COM` in the IRIS base). */
	code: string;
	/** Column of the line's own key (`CODGEO`, or `IRIS`): a key on two lines is a duplicate. */
	key: string;
	/** Census year: the most recent `PAA_POP` column. */
	annee: number;
	/** Earlier censuses the file also carries (ignored). */
	older: number[];
	/** Whether the file has the columns by sex (all of them). */
	bySex: boolean;
	/** Source columns of each count column of the table, in POPULATION_AGES_COUNTS order. */
	sources: Source[];
}

/** Count columns of `population_ages`, in order: population, every band (all, men, women), then the groups. */
export const POPULATION_AGES_COUNTS = [
	'pop',
	...TABLE_BANDS.map(ageColumn),
	...TABLE_BANDS.map(menColumn),
	...TABLE_BANDS.map(womenColumn),
	...AGE_GROUPS.map((g) => g.column)
];

/** Census years of a header, most recent first: `P21_POP` → 2021 (files of the 2000s may carry P99_). */
function censusYears(columns: readonly string[]): number[] {
	const years = columns.flatMap((c) => {
		const yy = /^P(\d{2})_POP$/.exec(c)?.[1];
		return yy === undefined ? [] : [Number(yy) >= 90 ? 1900 + Number(yy) : 2000 + Number(yy)];
	});
	return years.sort((a, b) => b - a);
}

const isIrisBase = (columns: readonly string[]) => columns.includes('IRIS') && columns.includes('COM');

/** Whether a header is the one of either base: `CODGEO` (or `IRIS` and `COM`) and at least one `PAA_POP`. */
export function isPopulationAgesHeader(columns: readonly string[]): boolean {
	return (columns.includes('CODGEO') || isIrisBase(columns)) && censusYears(columns).length > 0;
}

type Who = 'POP' | 'H' | 'F';

/** The layout of a header of either base; an ImportError naming `label` when a column it needs is missing. */
export function populationAgesLayout(columns: readonly string[], label: string): PopulationAgesLayout {
	const base = isIrisBase(columns) ? 'iris' : 'commune';
	if (base === 'commune' && !columns.includes('CODGEO')) throw new ImportError(`Colonne « CODGEO » absente de ${label}`);
	const [annee, ...older] = censusYears(columns);
	if (annee === undefined) throw new ImportError(`Millésime introuvable dans ${label} : aucune colonne « PAA_POP » (par exemple P21_POP)`);
	const p = `P${String(annee).slice(2)}_`;
	const present = new Set(columns);
	const has = (names: readonly string[]) => names.every((c) => present.has(c));
	const require = (names: readonly string[]) => {
		const missing = names.find((c) => !present.has(c));
		if (missing) throw new ImportError(`Colonne « ${missing} » absente de ${label}`);
	};
	const col = (who: Who, suffix: string) => `${p}${who}${suffix}`;
	// The commune base gives every band of the pyramid; the IRIS base the first five, then 75+ in one.
	const required = (who: Who) =>
		base === 'commune' ? AGE_BANDS.map((b) => col(who, b.insee)) : [...AGE_BANDS.slice(0, 5).map((b) => col(who, b.insee)), col(who, OLDEST_BAND.insee)];
	require([col('POP', ''), ...required('POP')]);
	// Sex is optional as a whole (a trimmed extract may drop it), never column by column.
	const bySex = [...required('H'), ...required('F')].some((c) => present.has(c));
	if (bySex) require([...required('H'), ...required('F')]);

	const single = (name: string): Source => (present.has(name) ? [name] : null);
	/** 75+: its own column, or 75–89 plus 90+. */
	const oldest = (who: Who): Source => single(col(who, '75P')) ?? (has([col(who, '7589'), col(who, '90P')]) ? [col(who, '7589'), col(who, '90P')] : null);
	const group = (suffixes: readonly string[]): Source => {
		const of = (who: Who) => (has(suffixes.map((s) => col(who, s))) ? suffixes.map((s) => col(who, s)) : null);
		const men = of('H');
		const women = of('F');
		// Men plus women when the file has the group by sex only (H65P, F65P of the commune base).
		return of('POP') ?? (men && women ? [...men, ...women] : null);
	};
	const bands = (who: Who): Source[] => (who !== 'POP' && !bySex ? TABLE_BANDS.map(() => null) : [...AGE_BANDS.map((b) => single(col(who, b.insee))), oldest(who)]);
	return {
		base,
		code: base === 'iris' ? 'COM' : 'CODGEO',
		key: base === 'iris' ? 'IRIS' : 'CODGEO',
		annee,
		older,
		bySex,
		sources: [[col('POP', '')], ...bands('POP'), ...bands('H'), ...bands('F'), ...AGE_GROUPS.map((g) => group(g.insee))]
	};
}

const sumOf = (source: readonly string[], prefix = '') => source.map((c) => NUMBER_SQL(`${prefix}${quote(c)}`)).join(' + ');

/** Either base → `population_ages`: counts of the lines of each COG 2025 commune summed (IRIS, merged communes). */
export async function importPopulationAgesFile(ctx: ReadContext): Promise<ImportReport> {
	const { db, label } = ctx;
	const layout = populationAgesLayout(ctx.columns, label);
	const sourceColumns = [...new Set(layout.sources.flatMap((s) => s ?? []))];
	const keyColumn = layout.key === layout.code ? [] : [`${quote(layout.key)} AS line_key`];
	const rowsRead = await readRaw(ctx, [`${CODE_SQL(quote(layout.code))} AS code`, quote(layout.code), ...keyColumn, ...sourceColumns.map(quote)].join(', '));
	await refuseBadCodes(db, label, layout.code);
	for (const column of sourceColumns) await refuseBadNumbers(ctx, column, 'effectif');
	const missingCells = await scalar(db, `SELECT ${sourceColumns.map((c) => `count(*) FILTER (WHERE ${MISSING_SQL(quote(c))})`).join(' + ')} AS n FROM ${RAW}`);

	// The bands add up to the population: a shifted or mislabelled column shows here.
	const source = (column: string) => layout.sources[POPULATION_AGES_COUNTS.indexOf(column)] as readonly string[];
	const pop = source('pop');
	const balance = [...AGE_BANDS.slice(0, 5), OLDEST_BAND].map((b) => sumOf(source(ageColumn(b)))).join(' + ');
	const [offBalance] = await rows<{ line: bigint | number; pop: number }>(
		db,
		`SELECT line, ${sumOf(pop)} AS pop FROM ${RAW} WHERE abs((${balance}) - ${sumOf(pop)}) > 1 ORDER BY line LIMIT 1`
	);
	if (offBalance) throw new ImportError(`${label}, ligne ${offBalance.line} : la somme des tranches d'âge ne fait pas ${pop[0]} (${offBalance.pop})`);

	// A key on two lines (a commune, or an IRIS) counts once: its first line.
	const key = layout.key === layout.code ? 'code' : 'line_key';
	const duplicates = (await rows<{ k: string }>(db, `SELECT ${key} AS k FROM ${RAW} GROUP BY ${key} HAVING count(*) > 1 ORDER BY k`)).map((r) => r.k);
	const mapping = await mapCodes(db, ctx.passage, label, ['count']);
	const mapped = `SELECT r.*, k.cog, k.share FROM (SELECT * FROM ${RAW} QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY line) = 1) r JOIN ${CODES} k ON k.code = r.code`;
	const counts = layout.sources.map((source, i) => `sum(${source === null ? 'NULL::DOUBLE' : splitCount(sumOf(source, 'm.'), 'm')}) AS ${POPULATION_AGES_COUNTS[i]}`);
	await db.query(
		`CREATE OR REPLACE TEMP TABLE ${STAGING} AS SELECT cog AS code, ?::SMALLINT AS annee, ${counts.join(', ')} ` +
			`FROM (${mapped}) m WHERE cog IS NOT NULL GROUP BY cog ORDER BY cog`,
		[layout.annee]
	);
	const unknownPopulation = await scalar(db, `SELECT coalesce(sum(${sumOf(pop, 'm.')}), 0) AS n FROM (${mapped}) m WHERE cog IS NULL`);
	const written = await writeStaging(ctx);
	const lacking = AGE_GROUPS.filter((g) => layout.sources[POPULATION_AGES_COUNTS.indexOf(g.column)] === null);
	return {
		dataset: layout.base === 'iris' ? 'INSEE – base-ic-evol-struct-pop (population par âge et sexe, IRIS sommés par commune)' : 'INSEE – base-cc-evol-struct-pop (population par âge et sexe)',
		name: 'Population par âge',
		table: POPULATION_AGES_TABLE,
		annee: layout.annee,
		rowsRead,
		...mapping,
		...written,
		unknownPopulation,
		duplicates,
		missingCells,
		notes: [
			...(layout.base === 'iris' ? ['IRIS sommés par commune ; tranches 75–89 et 90 ans ou plus absentes de cette base (75 ans ou plus en une tranche)'] : []),
			...(layout.older.length ? [`colonnes des recensements antérieurs ignorées (${layout.older.join(', ')})`] : []),
			...(layout.bySex ? [] : ['pas de colonnes par sexe']),
			...lacking.map((g) => `part des ${g.label} non calculable : ${g.lacking}`)
		]
	};
}

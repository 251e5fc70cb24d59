/**
 * INSEE BPE commune files in either long layout (one line per commune × equipment type)
 * → `bpe_sante`: per COG 2025 commune, the number of equipments of each kind of BPE_KINDS.
 * - « ensemble » files: `DEPCOM`, `TYPEQU`, `NB_EQUIP`, millésime `AN` (other columns such as `REG`, `DEP`, `DCIRIS` ignored);
 * - the SDMX layout INSEE publishes since the BPE 2024 (`DS_BPE_CSV_FR.zip` → `DS_BPE_AAAA_data.csv`): `GEO`,
 *   `GEO_OBJECT`, `FACILITY_TYPE`, `BPE_MEASURE`, `TIME_PERIOD`, `OBS_VALUE`; only the lines of communes
 *   (`GEO_OBJECT` = COM) counting equipments (`BPE_MEASURE` = FACILITIES) are read, totals (`_T`) never match a code.
 * Codes of merged communes are summed; a commune of the file without a kind has 0 of it. A file of several
 * millésimes is read for the most recent.
 */
import { BPE_CODES, BPE_FIRST_YEAR, BPE_KINDS, BPE_OLD_CODES, BPE_TABLE } from '../../indicators/bpe-equipment';
import {
	CODES,
	CODE_SQL,
	ImportError,
	MISSING_SQL,
	NUMBER_SQL,
	RAW,
	STAGING,
	mapCodes,
	writeStaging,
	quote,
	readRaw,
	refuseBadCodes,
	refuseBadNumbers,
	rows,
	scalar,
	type ImportReport,
	type ReadContext
} from './import-kit';
import { splitCount, wholeCounts } from './splits';

interface BpeLayout {
	code: string;
	type: string;
	count: string;
	year: string;
	/** Other columns the layout needs. */
	more: readonly string[];
	/** The lines of the file that are counts of equipments per commune. */
	where?: string;
}

const LAYOUTS: readonly BpeLayout[] = [
	{ code: 'DEPCOM', type: 'TYPEQU', count: 'NB_EQUIP', year: 'AN', more: [] },
	{ code: 'GEO', type: 'FACILITY_TYPE', count: 'OBS_VALUE', year: 'TIME_PERIOD', more: ['GEO_OBJECT', 'BPE_MEASURE'], where: `"GEO_OBJECT" = 'COM' AND "BPE_MEASURE" = 'FACILITIES' AND "FACILITY_TYPE" <> '_T'` }
];

const layoutOf = (columns: readonly string[]) => LAYOUTS.find((l) => [l.code, l.type, l.count, l.year, ...l.more].every((c) => columns.includes(c)));

export function isBpeHeader(columns: readonly string[]): boolean {
	return layoutOf(columns) !== undefined;
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

export async function importBpe(ctx: ReadContext): Promise<ImportReport> {
	const { db, label } = ctx;
	const layout = layoutOf(ctx.columns);
	if (!layout) throw new ImportError(`${label} : colonnes de la BPE absentes (DEPCOM, TYPEQU, NB_EQUIP, AN ou GEO, FACILITY_TYPE, OBS_VALUE, TIME_PERIOD)`);
	const [code, year, count] = [layout.code, layout.year, layout.count].map(quote);
	const readRows = await readRaw(
		ctx,
		`${CODE_SQL(code)} AS code, ${code}, upper(trim(${quote(layout.type)})) AS typequ, ${year} AS an, ${count} AS nb`,
		layout.where
	);
	await refuseBadCodes(db, label, layout.code);
	const [badYear] = await rows<{ line: bigint | number; an: string | null }>(
		db,
		`SELECT line, an FROM ${RAW} WHERE NOT regexp_full_match(coalesce(trim(an), ''), '(19|20)[0-9]{2}') ORDER BY line LIMIT 1`
	);
	if (badYear) throw new ImportError(`${label}, ligne ${badYear.line} : millésime invalide « ${badYear.an ?? ''} » dans la colonne « ${layout.year} »`);
	const years = (await rows<{ an: number }>(db, `SELECT DISTINCT CAST(trim(an) AS INTEGER) AS an FROM ${RAW} ORDER BY an DESC`)).map((r) => Number(r.an));
	const annee = years[0];
	if (years.length > 1) await db.query(`DELETE FROM ${RAW} WHERE CAST(trim(an) AS INTEGER) <> ?`, [annee]);
	const rowsRead = years.length > 1 ? await scalar(db, `SELECT count(*) AS n FROM ${RAW}`) : readRows;
	await refuseBadNumbers(ctx, 'nb', 'nombre d’équipements', true, layout.count);

	const ours = await scalar(db, `SELECT count(*) AS n FROM ${RAW} WHERE typequ IN (${placeholders(BPE_CODES)})`, BPE_CODES);
	const old = await scalar(db, `SELECT count(*) AS n FROM ${RAW} WHERE typequ IN (${placeholders(BPE_OLD_CODES)})`, BPE_OLD_CODES);
	if (annee < BPE_FIRST_YEAR || (ours === 0 && old > 0))
		throw new ImportError(
			`${label} : BPE ${annee} dans l’ancienne nomenclature des équipements (médecin omnipraticien D201, pharmacie D301) : ` +
				`l’atlas lit la nomenclature de la BPE ${BPE_FIRST_YEAR} et suivantes (médecin généraliste D265, pharmacie D307)`
		);
	if (ours === 0) throw new ImportError(`${label} : aucun équipement de santé compté par l’atlas (codes ${BPE_CODES.join(', ')}) dans la colonne « TYPEQU »`);

	const missingCells = await scalar(db, `SELECT count(*) AS n FROM ${RAW} WHERE ${MISSING_SQL('nb')}`);
	const duplicates = (
		await rows<{ key: string }>(db, `SELECT code || ' ' || typequ AS key FROM ${RAW} GROUP BY code, typequ HAVING count(*) > 1 ORDER BY code, typequ`)
	).map((r) => r.key);
	const mapping = await mapCodes(db, ctx.passage, label, ['count']);

	// One line per code × type (the first), then its COG 2025 commune.
	const first = `SELECT * FROM ${RAW} QUALIFY row_number() OVER (PARTITION BY code, typequ ORDER BY line) = 1`;
	const counts = BPE_KINDS.map((k) => `coalesce(sum(${splitCount(NUMBER_SQL('r.nb'))}) FILTER (WHERE r.typequ IN (${placeholders(k.codes)})), 0) AS ${quote(k.column)}`);
	await db.query(
		`CREATE OR REPLACE TEMP TABLE ${STAGING} AS SELECT k.cog AS code, ?::SMALLINT AS annee, ${counts.join(', ')} ` +
			`FROM (${first}) r JOIN ${CODES} k ON k.code = r.code WHERE k.cog IS NOT NULL GROUP BY k.cog ORDER BY k.cog`,
		[annee, ...BPE_KINDS.flatMap((k) => k.codes)]
	);
	await wholeCounts(db, STAGING, BPE_KINDS.map((k) => k.column), mapping.splits);
	const written = await writeStaging(ctx);
	const totals = await rows<Record<string, number>>(db, `SELECT ${BPE_KINDS.map((k) => `sum(${quote(k.column)}) AS ${quote(k.column)}`).join(', ')} FROM ${STAGING}`);
	return {
		dataset: 'INSEE – Base permanente des équipements (BPE), fichier communal',
		name: 'Équipements de santé BPE',
		table: BPE_TABLE,
		annee,
		rowsRead,
		...mapping,
		...written,
		duplicates,
		missingCells,
		notes: [
			BPE_KINDS.map((k) => `${Math.round(Number(totals[0]?.[k.column] ?? 0))} ${k.label}`).join(', '),
			...(years.length > 1 ? [`millésimes antérieurs ignorés (${years.slice(1).reverse().join(', ')})`] : [])
		]
	};
}

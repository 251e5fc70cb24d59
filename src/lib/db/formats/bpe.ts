/**
 * INSEE BPE commune file, long layout (one line per commune × equipment type: `DEPCOM`, `TYPEQU`,
 * `NB_EQUIP`, and the millésime `AN`; other columns such as `REG`, `DEP`, `DCIRIS` ignored)
 * → `bpe_sante`: per COG 2025 commune, the number of equipments of each kind of BPE_KINDS.
 * Codes of merged communes are summed; a commune of the file without a kind has 0 of it.
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
	absentCommunes,
	mapCodes,
	quote,
	readRaw,
	refuseBadCodes,
	refuseBadNumbers,
	rows,
	scalar,
	type ImportReport,
	type ReadContext
} from '../import-kit';

export const BPE_COLUMNS = ['DEPCOM', 'TYPEQU', 'NB_EQUIP', 'AN'] as const;

export function isBpeHeader(columns: readonly string[]): boolean {
	return BPE_COLUMNS.every((c) => columns.includes(c));
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

export async function importBpe(ctx: ReadContext): Promise<ImportReport> {
	const { db, label } = ctx;
	const rowsRead = await readRaw(ctx, `${CODE_SQL('"DEPCOM"')} AS code, "DEPCOM", upper(trim("TYPEQU")) AS typequ, "AN", "NB_EQUIP"`);
	await refuseBadCodes(db, label, 'DEPCOM');
	const [badYear] = await rows<{ line: bigint | number; an: string | null }>(
		db,
		`SELECT line, "AN" AS an FROM ${RAW} WHERE NOT regexp_full_match(coalesce(trim("AN"), ''), '(19|20)[0-9]{2}') ORDER BY line LIMIT 1`
	);
	if (badYear) throw new ImportError(`${label}, ligne ${badYear.line} : millésime invalide « ${badYear.an ?? ''} » dans la colonne « AN »`);
	const years = (await rows<{ an: number }>(db, `SELECT DISTINCT CAST(trim("AN") AS INTEGER) AS an FROM ${RAW} ORDER BY an`)).map((r) => Number(r.an));
	if (years.length > 1) throw new ImportError(`${label} : plusieurs millésimes dans un même fichier (${years.join(', ')}) : importez-en un par fichier`);
	const annee = years[0];
	await refuseBadNumbers(ctx, 'NB_EQUIP', 'nombre d’équipements', true);

	const ours = await scalar(db, `SELECT count(*) AS n FROM ${RAW} WHERE typequ IN (${placeholders(BPE_CODES)})`, BPE_CODES);
	const old = await scalar(db, `SELECT count(*) AS n FROM ${RAW} WHERE typequ IN (${placeholders(BPE_OLD_CODES)})`, BPE_OLD_CODES);
	if (annee < BPE_FIRST_YEAR || (ours === 0 && old > 0))
		throw new ImportError(
			`${label} : BPE ${annee} dans l’ancienne nomenclature des équipements (médecin omnipraticien D201, pharmacie D301) : ` +
				`l’atlas lit la nomenclature de la BPE ${BPE_FIRST_YEAR} et suivantes (médecin généraliste D265, pharmacie D307)`
		);
	if (ours === 0) throw new ImportError(`${label} : aucun équipement de santé compté par l’atlas (codes ${BPE_CODES.join(', ')}) dans la colonne « TYPEQU »`);

	const missingCells = await scalar(db, `SELECT count(*) AS n FROM ${RAW} WHERE ${MISSING_SQL('"NB_EQUIP"')}`);
	const duplicates = (
		await rows<{ key: string }>(db, `SELECT code || ' ' || typequ AS key FROM ${RAW} GROUP BY code, typequ HAVING count(*) > 1 ORDER BY code, typequ`)
	).map((r) => r.key);
	const { remapped, unknown, merged } = await mapCodes(db, ctx.passage, label);

	// One line per code × type (the first), then its COG 2025 commune.
	const first = `SELECT * FROM ${RAW} QUALIFY row_number() OVER (PARTITION BY code, typequ ORDER BY line) = 1`;
	const counts = BPE_KINDS.map((k) => `coalesce(sum(${NUMBER_SQL('r."NB_EQUIP"')}) FILTER (WHERE r.typequ IN (${placeholders(k.codes)})), 0) AS ${quote(k.column)}`);
	await db.query(
		`CREATE OR REPLACE TEMP TABLE ${STAGING} AS SELECT k.cog AS code, ?::SMALLINT AS annee, ${counts.join(', ')} ` +
			`FROM (${first}) r JOIN ${CODES} k ON k.code = r.code WHERE k.cog IS NOT NULL GROUP BY k.cog ORDER BY k.cog`,
		[annee, ...BPE_KINDS.flatMap((k) => k.codes)]
	);
	const communes = await scalar(db, `SELECT count(*) AS n FROM ${STAGING}`);
	const absent = await absentCommunes(db);
	await db.query(`CREATE OR REPLACE TABLE ${quote(ctx.table)} AS SELECT * FROM ${STAGING} ORDER BY code`);
	const totals = await rows<Record<string, number>>(db, `SELECT ${BPE_KINDS.map((k) => `sum(${quote(k.column)}) AS ${quote(k.column)}`).join(', ')} FROM ${STAGING}`);
	return {
		dataset: 'INSEE – Base permanente des équipements (BPE), fichier communal',
		name: 'Équipements de santé BPE',
		table: BPE_TABLE,
		annee,
		rowsRead,
		communes,
		merged,
		remapped,
		unknown,
		duplicates,
		missingCells,
		absent,
		notes: [BPE_KINDS.map((k) => `${Math.round(Number(totals[0]?.[k.column] ?? 0))} ${k.label}`).join(', ')]
	};
}

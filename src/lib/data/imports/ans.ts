/**
 * ANS Annuaire Santé, extraction « personne / activité » (`PS_LibreAcces_Personne_activite_AAAAMMJJhhmm.txt`,
 * `|`-separated, one line per person × activity × savoir-faire) → `ans_professionnels`: head counts per COG 2025
 * commune of practice (`Code commune (coord. structure)`), a person (`Identifiant PP`) counted once per commune
 * and profession whatever the number of their activities there.
 *
 * The professions and how they are read: src/lib/indicators/ans-professions.ts.
 * The millésime is the year of the extraction date in the file name (ANS writes no date column).
 */
import {
	CODES,
	CODE_SQL,
	ImportError,
	RAW,
	STAGING,
	VALID_CODE_SQL,
	mapCodes,
	writeStaging,
	quote,
	readRaw,
	rows,
	scalar,
	type ImportReport,
	type ReadContext
} from './import-kit';
import { wholeCounts } from './splits';
import { ANS_KINDS, ANS_TABLE } from '../../indicators/ans-professions';

const ID = 'Identifiant PP';
const PROFESSION = 'Code profession';
const SAVOIR_FAIRE = 'Libellé savoir-faire';
const COMMUNE = 'Code commune (coord. structure)';
export const ANS_COLUMNS = [ID, PROFESSION, SAVOIR_FAIRE, COMMUNE] as const;

export function isAnsHeader(columns: readonly string[]): boolean {
	return ANS_COLUMNS.every((c) => columns.includes(c));
}

/** Year of the extraction date in an ANS file name (…_202407150830.txt → 2024), or null. */
export function ansYear(fileName: string): number | null {
	const stamp = /(20\d{2})(0[1-9]|1[0-2])([0-2]\d|3[01])(\d{4})?(?!\d)/.exec(fileName.split(/[\\/]/).pop() ?? '');
	return stamp ? Number(stamp[1]) : null;
}

export async function importAns(ctx: ReadContext): Promise<ImportReport> {
	const { db, label } = ctx;
	const annee = ansYear(label);
	if (annee === null)
		throw new ImportError(
			`${label} : date d’extraction introuvable dans le nom du fichier ; gardez le nom donné par l’ANS (PS_LibreAcces_Personne_activite_AAAAMMJJhhmm.txt)`
		);
	const rowsRead = await readRaw(
		ctx,
		`${CODE_SQL(quote(COMMUNE))} AS code, ${quote(COMMUNE)}, trim(${quote(ID)}) AS id, trim(${quote(PROFESSION)}) AS profession, ` +
			`strip_accents(lower(trim(coalesce(${quote(SAVOIR_FAIRE)}, '')))) AS savoir_faire`
	);
	// Activities abroad or without an address have no commune: counted, not refused.
	const [bad] = await rows<{ line: bigint | number; code: string }>(
		db,
		`SELECT line, ${quote(COMMUNE)} AS code FROM ${RAW} WHERE code <> '' AND NOT ${VALID_CODE_SQL('code')} ORDER BY line LIMIT 1`
	);
	if (bad) throw new ImportError(`${label}, ligne ${bad.line} : code commune invalide « ${bad.code} »`);
	const [noId] = await rows<{ line: bigint | number }>(db, `SELECT line FROM ${RAW} WHERE coalesce(id, '') = '' ORDER BY line LIMIT 1`);
	if (noId) throw new ImportError(`${label}, ligne ${noId.line} : « ${ID} » vide`);
	const [badProfession] = await rows<{ line: bigint | number; v: string }>(
		db,
		`SELECT line, profession AS v FROM ${RAW} WHERE NOT regexp_full_match(coalesce(profession, ''), '[0-9]{1,3}') ORDER BY line LIMIT 1`
	);
	if (badProfession) throw new ImportError(`${label}, ligne ${badProfession.line} : code profession invalide « ${badProfession.v ?? ''} » dans la colonne « ${PROFESSION} »`);

	const withoutCommune = await scalar(db, `SELECT count(*) AS n FROM ${RAW} WHERE coalesce(code, '') = ''`);
	await db.query(`DELETE FROM ${RAW} WHERE coalesce(code, '') = ''`);
	const mapping = await mapCodes(db, ctx.passage, label, ['count']);

	const params: string[] = [];
	const counts = ANS_KINDS.map((k) => {
		const kind = [k.profession, ...(k.savoirFaire ?? [])];
		const where = `r.profession = ?` + (k.savoirFaire ? ` AND r.savoir_faire IN (${k.savoirFaire.map(() => '?').join(', ')})` : '');
		if (!mapping.splits.length) {
			params.push(...kind);
			return `count(DISTINCT r.id) FILTER (WHERE ${where})::INTEGER AS ${quote(k.column)}`;
		}
		// A person counts once per commune: wholly where the file has the commune, for its share where a former commune's lines were shared.
		params.push(...kind, ...kind);
		const shared = `count(DISTINCT r.id) FILTER (WHERE ${where} AND k.origin IS NOT NULL)`;
		return `count(DISTINCT r.id) FILTER (WHERE ${where} AND k.origin IS NULL) + ${shared} * coalesce(max(k.share) FILTER (WHERE k.origin IS NOT NULL), 0) AS ${quote(k.column)}`;
	});
	await db.query(
		`CREATE OR REPLACE TEMP TABLE ${STAGING} AS SELECT k.cog AS code, ?::SMALLINT AS annee, ${counts.join(', ')} ` +
			`FROM ${RAW} r JOIN ${CODES} k ON k.code = r.code WHERE k.cog IS NOT NULL GROUP BY k.cog ORDER BY k.cog`,
		[annee, ...params]
	);
	await wholeCounts(db, STAGING, ANS_KINDS.map((k) => k.column), mapping.splits);
	const written = await writeStaging(ctx);
	const [totals] = await rows<Record<string, number>>(db, `SELECT ${ANS_KINDS.map((k) => `sum(${quote(k.column)}) AS ${quote(k.column)}`).join(', ')} FROM ${STAGING}`);
	const people = await scalar(db, `SELECT count(DISTINCT id) AS n FROM ${RAW}`);
	return {
		dataset: 'ANS – Annuaire Santé, extraction « personne / activité »',
		name: 'Professionnels de santé (Annuaire Santé)',
		table: ANS_TABLE,
		annee,
		rowsRead,
		...mapping,
		...written,
		duplicates: [],
		missingCells: 0,
		notes: [
			`${people} professionnels avec une commune d’exercice`,
			ANS_KINDS.map((k) => `${Number(totals?.[k.column] ?? 0)} ${k.label}`).join(', '),
			...(withoutCommune ? [`${withoutCommune} lignes d’activité sans commune (à l’étranger ou sans adresse), non comptées`] : [])
		]
	};
}

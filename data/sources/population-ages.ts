/**
 * INSEE « Évolution et structure de la population » (base-cc-evol-struct-pop-AAAA.csv): census counts per
 * commune by age band and sex, summed onto COG 2025 communes. Not shipped yet: the file is not available
 * here, so the table is built only when it sits in `<from>/insee-pop-ages/` (data/SOURCES.md).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { normalizeCommuneCode } from '../../src/lib/territory/insee-code';
import { AGE_BANDS, ageColumn, menColumn, womenColumn } from '../../src/lib/portrait/age-bands';
import { f64, i16, makeTable, utf8 } from '../lib/arrow';
import { type CsvRow, SourceError, readCsv, requireColumns } from '../lib/csv';
import { type Cog, remap, sum } from '../cog';

export const POPULATION_AGES_DIR = 'insee-pop-ages';
const FILE_NAME = /^base-cc-evol-struct-pop-\d{4}\.csv$/i;
/** Codes listed in the log before « … ». */
const LISTED = 10;

/** Count columns of the artefact, in order; the source columns of a file follow the same order. */
const COUNT_COLUMNS = ['pop', ...AGE_BANDS.map(ageColumn), ...AGE_BANDS.map(menColumn), ...AGE_BANDS.map(womenColumn)];

interface CommuneCounts {
	code: string;
	/** In COUNT_COLUMNS order; null for sex when the file has no columns by sex. */
	counts: (number | null)[];
}

export interface PopulationAges {
	table: Table;
	annee: number;
}

/**
 * Census years of the header, most recent first: `P21_POP` → 2021. The file also carries an earlier
 * census with the same bands (P15_ in the 2021 file), for the evolution: the most recent one is the millésime.
 */
function censusYears(columns: readonly string[]): number[] {
	const years = columns.flatMap((c) => {
		const yy = /^P(\d{2})_POP$/.exec(c)?.[1];
		// Files of the 2000s may still carry the 1999 census (P99_).
		return yy === undefined ? [] : [Number(yy) >= 90 ? 1900 + Number(yy) : 2000 + Number(yy)];
	});
	return years.sort((a, b) => b - a);
}

const listed = (codes: readonly string[]) => codes.slice(0, LISTED).join(', ') + (codes.length > LISTED ? '…' : '');

/** Reads one file of the base; throws a SourceError naming the file (and line) on anything unexpected. */
export function readPopulationAges(file: string, cog: Cog, log: (message: string) => void): PopulationAges {
	const rows = readCsv(file, { delimiter: ';', required: ['CODGEO'] });
	const columns = rows[0].columns();
	const [annee, ...older] = censusYears(columns);
	if (annee === undefined) throw new SourceError(`Millésime introuvable dans ${file} : aucune colonne « PAA_POP » (par exemple P21_POP)`);
	const p = `P${String(annee).slice(2)}_`;
	const ageColumns = AGE_BANDS.map((b) => `${p}POP${b.insee}`);
	const sexColumns = [...AGE_BANDS.map((b) => `${p}H${b.insee}`), ...AGE_BANDS.map((b) => `${p}F${b.insee}`)];
	requireColumns(file, columns, [`${p}POP`, ...ageColumns]);
	// Sex is optional as a whole (a trimmed extract may drop it), never column by column.
	const bySex = sexColumns.some((c) => columns.includes(c));
	if (bySex) requireColumns(file, columns, sexColumns);

	const seen = new Set<string>();
	const parsed = rows.map((row): CommuneCounts => {
		const code = normalizeCommuneCode(row.get('CODGEO')) ?? row.fail(`code commune invalide « ${row.get('CODGEO')} »`);
		if (seen.has(code)) row.fail(`code ${code} en double`);
		seen.add(code);
		const pop = count(row, `${p}POP`);
		const ages = ageColumns.map((c) => count(row, c));
		// The bands add up to the population: a shifted or mislabelled column shows here.
		if (Math.abs(ages.reduce((s, n) => s + n, 0) - pop) > 1) row.fail(`la somme des tranches d'âge ne fait pas ${p}POP (${pop})`);
		return { code, counts: [pop, ...ages, ...sexColumns.map((c) => (bySex ? count(row, c) : null))] };
	});

	const { groups, unknown } = remap(cog, parsed, (r) => r.code);
	const merged = [...groups.values()].filter((g) => g.length > 1).length;
	const absent = cog.communes.filter((c) => !groups.has(c.code)).map((c) => c.code);
	log(
		`Population par âge ${annee} (${file}) : ${rows.length} lignes → ${groups.size} communes 2025, ${merged} issues de fusions` +
			(older.length ? ` ; colonnes des recensements antérieurs ignorées (${older.join(', ')})` : '') +
			(bySex ? '' : ' ; pas de colonnes par sexe')
	);
	if (unknown.length) {
		const unknownCodes = new Set(unknown);
		const lost = parsed.filter((r) => unknownCodes.has(r.code)).reduce((s, r) => s + (r.counts[0] as number), 0);
		log(`Population par âge ${annee} : ${unknown.length} codes inconnus du COG 2025, non rattachés (${Math.round(lost)} habitants) : ${listed(unknown)}`);
	}
	if (absent.length) log(`Population par âge ${annee} : ${absent.length} communes COG 2025 sans ligne : ${listed(absent)}`);

	const parts = [...groups.values()];
	return {
		annee,
		table: makeTable([
			utf8('code', [...groups.keys()]),
			i16('annee', parts.map(() => annee)),
			...COUNT_COLUMNS.map((name, i) => f64(name, parts.map((group) => sum(group.map((r) => r.counts[i])))))
		])
	};
}

/** A census count: weighted, so decimal, never negative nor missing. */
function count(row: CsvRow, column: string): number {
	const value = row.num(column);
	if (value === null || value < 0) row.fail(`effectif invalide « ${row.get(column)} » dans la colonne « ${column} »`);
	return value;
}

/** The table when `<from>/insee-pop-ages/` holds one file of the base; null (and a log line) when it holds none. */
export function buildPopulationAges(from: string, cog: Cog, log: (message: string) => void): PopulationAges | null {
	const dir = join(from, POPULATION_AGES_DIR);
	const files = existsSync(dir) ? readdirSync(dir).filter((f) => FILE_NAME.test(f)).sort() : [];
	if (files.length === 0) {
		log(`population_ages non construite : aucun fichier ${POPULATION_AGES_DIR}/base-cc-evol-struct-pop-AAAA.csv dans ${from} (base INSEE non disponible)`);
		return null;
	}
	if (files.length > 1) throw new SourceError(`Plusieurs millésimes de base-cc-evol-struct-pop dans ${dir} (${files.join(', ')}) : n'en garder qu'un`);
	return readPopulationAges(join(dir, files[0]), cog, log);
}

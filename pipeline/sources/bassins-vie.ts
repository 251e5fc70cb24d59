/**
 * Bassins de vie 2022: commune attachment (INSEE zonages, COG 2025) and CartoSanté / INSEE
 * indicators published per bassin de vie (not per commune).
 */
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { normalizeCommuneCode } from '../../src/lib/territory/insee-code';
import { f64, makeTable, utf8 } from '../lib/arrow';
import { type CsvRow, SourceError, readCsv } from '../lib/csv';
import { type Cog, compare } from '../lib/cog';

/** CartoSanté writes "N/A - secret statistique" or "N/A - résultat non disponible" instead of a number. */
const isNotAvailable = (raw: string) => raw.startsWith('N/A');

/** COG 2025 commune → BV2022 code, with the BV names. */
export function readCommuneBassins(from: string, cog: Cog): { bvOf: Map<string, string>; libelles: Map<string, string> } {
	const file = join(from, 'zonages-bv2022/table_passage_communes_zonages_cog2025.csv');
	const bvOf = new Map<string, string>();
	const libelles = new Map<string, string>();
	for (const row of readCsv(file, { required: ['DEPCOM', 'BV2022', 'LIB_BV2022'] })) {
		const code = normalizeCommuneCode(row.get('DEPCOM')) ?? row.fail(`code commune invalide « ${row.get('DEPCOM')} »`);
		if (!cog.byCode.has(code)) row.fail(`${code} n'est pas une commune COG 2025`);
		const bv = normalizeCommuneCode(row.get('BV2022')) ?? row.fail(`code de bassin de vie invalide « ${row.get('BV2022')} »`);
		bvOf.set(code, bv);
		libelles.set(bv, row.get('LIB_BV2022'));
	}
	const missing = cog.communes.filter((c) => !bvOf.has(c.code));
	if (missing.length) throw new SourceError(`${missing.length} communes sans bassin de vie dans ${file} (ex. ${missing[0].code})`);
	return { bvOf, libelles };
}

/**
 * CartoSanté export: ';', BOM, two metadata lines. Unavailable values become null and are counted;
 * Saint-Barthélemy and Saint-Martin (977ZZ, 978ZZ: collectivités d'outre-mer, outside the atlas) are skipped.
 */
function readCartoSante(from: string, name: string, columns: readonly string[], log: (m: string) => void): Map<string, CsvRow> {
	const file = join(from, 'cartosante-bv', name);
	const byBv = new Map<string, CsvRow>();
	const unavailable = new Map<string, number>();
	const skipped: string[] = [];
	for (const row of readCsv(file, { delimiter: ';', skipLines: 2, required: ['Code', ...columns] })) {
		const bv = normalizeCommuneCode(row.get('Code'));
		if (!bv) {
			if (!/^97[78]ZZ$/.test(row.get('Code'))) row.fail(`code de bassin de vie invalide « ${row.get('Code')} »`);
			skipped.push(row.get('Code'));
			continue;
		}
		if (byBv.has(bv)) row.fail(`bassin de vie ${bv} en double`);
		byBv.set(bv, row);
		for (const raw of columns.map((c) => row.get(c)).filter(isNotAvailable)) unavailable.set(raw, (unavailable.get(raw) ?? 0) + 1);
	}
	const counts = [...unavailable].sort(([a], [b]) => compare(a, b)).map(([raw, n]) => `${n} « ${raw} »`);
	log(`CartoSanté ${name} : ${byBv.size} bassins de vie, ${skipped.length} lignes hors champ ignorées (${skipped.join(' ')}), valeurs → null : ${counts.join(', ') || 'aucune'}`);
	return byBv;
}

const value = (row: CsvRow | undefined, column: string) => {
	if (!row || isNotAvailable(row.get(column))) return null;
	return row.num(column);
};

const COL = {
	part75: 'Part des pers. âgées de 75 ans ou + 2022',
	apl: 'APL Médecins généralistes 2023',
	densiteMg: 'Densité de généralistes lib. 2024',
	densiteInf: "Densité d'infirmiers lib. 2024"
} as const;

export function buildBassinsVie(from: string, libelles: Map<string, string>, log: (m: string) => void): Table {
	const social = readCartoSante(from, 'social_determinants.csv', [COL.part75], log);
	const health = readCartoSante(from, 'health.csv', [COL.apl, COL.densiteMg, COL.densiteInf], log);
	const codes = [...libelles.keys()].sort(compare);
	for (const [name, rows] of [['social_determinants.csv', social], ['health.csv', health]] as const) {
		const unknown = [...rows.keys()].filter((bv) => !libelles.has(bv));
		const absent = codes.filter((bv) => !rows.has(bv));
		if (unknown.length || absent.length)
			throw new SourceError(`cartosante-bv/${name} : ${unknown.length} bassins inconnus, ${absent.length} absents (ex. ${[...unknown, ...absent][0]})`);
	}
	return makeTable([
		utf8('code', codes),
		utf8('libelle', codes.map((bv) => libelles.get(bv) ?? null)),
		f64('part_75p_2022', codes.map((bv) => value(social.get(bv), COL.part75))),
		f64('densite_mg_2024', codes.map((bv) => value(health.get(bv), COL.densiteMg))),
		f64('apl_mg_2023_bv', codes.map((bv) => value(health.get(bv), COL.apl))),
		f64('densite_infirmiers_2024', codes.map((bv) => value(health.get(bv), COL.densiteInf)))
	]);
}

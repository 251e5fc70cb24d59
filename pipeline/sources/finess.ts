/**
 * FINESS establishments (ET): the Occitanie extract of late 2025 / early 2026 for its 13 départements,
 * the national stock of 8 January 2021 everywhere else. One row per FINESS ET number.
 */
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { departementOf, normalizeCommuneCode, normalizeDepartementCode } from '../../src/lib/territory/insee-code';
import { f64, i16, label, makeTable, utf8 } from '../lib/arrow';
import { type CsvRow, readCsv } from '../lib/csv';
import { type Cog, compare, toCog2025 } from '../lib/cog';

export const OCCITANIE = new Set(['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82']);

export const SOURCE_OCCITANIE = 'finess-occitanie-2026';
export const SOURCE_FRANCE = 'finess-france-2021';

/** Atlas categories by FINESS catégorie d'établissement (documented in data/SOURCES.md). */
const CATEGORIE: ReadonlyMap<number, string> = new Map([
	[603, 'msp'],
	[124, 'centre_sante'],
	[500, 'ehpad'],
	[604, 'cpts'],
	[620, 'pharmacie'],
	// Établissements de santé with inpatient beds: CHR, CH, ex-hôpitaux locaux, CHS psychiatry,
	// cancer centres, short-stay clinics (surgery, medicine, obstetrics, multi-discipline),
	// private SSR, long-stay units, private psychiatric clinics.
	...[101, 355, 106, 292, 131, 122, 128, 129, 365, 109, 362, 161].map((c) => [c, 'hopital'] as [number, string])
]);

export const categorieOf = (categetab: number | null) => (categetab === null ? 'autre' : (CATEGORIE.get(categetab) ?? 'autre'));

export interface Etablissement {
	nofinesset: string;
	nofinessej: string | null;
	raisonSociale: string;
	categetab: number | null;
	libcategetab: string | null;
	codeCommune: string | null;
	dep: string | null;
	lon: number | null;
	lat: number | null;
	source: string;
}

const text = (row: CsvRow, column: string) => row.get(column) || null;

const finessNumber = (row: CsvRow, column: string) => {
	const raw = row.get(column);
	if (!/^[0-9][0-9AB][0-9]{7}$/.test(raw)) row.fail(`numéro FINESS invalide « ${raw} » (colonne « ${column} »)`);
	return raw;
};

/** Occitanie extract: one row per establishment × activity, collapsed to the first row of each ET. */
export function readOccitanie(file: string, cog: Cog): { etablissements: Etablissement[]; rows: number; unknownCodes: string[] } {
	const rows = readCsv(file, {
		required: ['numero finess etablissement', 'nofinessej_1', 'raison_sociale', 'categetab', 'categorie', 'latitude', 'longitude', 'code_insee', 'departement']
	});
	const byEt = new Map<string, Etablissement>();
	const unknownCodes: string[] = [];
	for (const row of rows) {
		const nofinesset = finessNumber(row, 'numero finess etablissement');
		if (byEt.has(nofinesset)) continue;
		const raw = normalizeCommuneCode(row.get('code_insee'));
		const codeCommune = raw ? toCog2025(cog, raw) : null;
		if (raw && !codeCommune) unknownCodes.push(raw);
		byEt.set(nofinesset, {
			nofinesset,
			nofinessej: text(row, 'nofinessej_1'),
			raisonSociale: row.get('raison_sociale'),
			categetab: row.num('categetab'),
			libcategetab: text(row, 'categorie'),
			codeCommune,
			dep: normalizeDepartementCode(row.get('departement')) ?? (codeCommune ? departementOf(codeCommune) : null),
			lon: row.num('longitude'),
			lat: row.num('latitude'),
			source: SOURCE_OCCITANIE
		});
	}
	return { etablissements: [...byEt.values()], rows: rows.length, unknownCodes };
}

/** Postal codes of Saint-Barthélemy and Saint-Martin: collectivités d'outre-mer although they start with 971. */
const COM_POSTAL_CODES = new Set(['97133', '97150']);

/** Département of a national-file row: from the commune when located, else from the postal code (DROM rows). */
function franceDep(row: CsvRow, codeCommune: string | null): string | null {
	if (codeCommune) return departementOf(codeCommune);
	const cp = row.get('code_postal');
	// DROM are 971–974 and 976; 975 is Saint-Pierre-et-Miquelon.
	if (cp.startsWith('97')) return /^97[12346]/.test(cp) && !COM_POSTAL_CODES.has(cp) ? cp.slice(0, 3) : null;
	return normalizeDepartementCode(row.get('departement_cp'));
}

export function readFrance(file: string, cog: Cog): { etablissements: Etablissement[]; rows: number; outside: number } {
	const rows = readCsv(file, {
		required: ['nofinesset', 'nofinessej', 'rs', 'code_postal', 'departement_cp', 'categetab', 'libcategetab', 'latitude', 'longitude', 'code_commune_pip_cog2025']
	});
	const etablissements: Etablissement[] = [];
	let outside = 0;
	for (const row of rows) {
		const raw = normalizeCommuneCode(row.get('code_commune_pip_cog2025'));
		const codeCommune = raw ? toCog2025(cog, raw) : null;
		const dep = franceDep(row, codeCommune);
		// Collectivités d'outre-mer (SPM, Saint-Barthélemy, Saint-Martin, Pacific) are outside the atlas.
		if (!dep) {
			outside++;
			continue;
		}
		etablissements.push({
			nofinesset: finessNumber(row, 'nofinesset'),
			nofinessej: text(row, 'nofinessej'),
			raisonSociale: row.get('rs'),
			categetab: row.num('categetab'),
			libcategetab: text(row, 'libcategetab'),
			codeCommune,
			dep,
			lon: row.num('longitude'),
			lat: row.num('latitude'),
			source: SOURCE_FRANCE
		});
	}
	return { etablissements, rows: rows.length, outside };
}

/** Occitanie from the recent extract, elsewhere the 2021 stock; an ET in both keeps its recent row. */
export function mergeFiness(occitanie: readonly Etablissement[], france: readonly Etablissement[]): { merged: Etablissement[]; replaced: number } {
	const recent = new Set(occitanie.map((e) => e.nofinesset));
	const kept = france.filter((e) => !(e.dep !== null && OCCITANIE.has(e.dep)) && !recent.has(e.nofinesset));
	const merged = [...occitanie, ...kept].sort((a, b) => compare(a.nofinesset, b.nofinesset));
	for (let i = 1; i < merged.length; i++) {
		if (merged[i].nofinesset === merged[i - 1].nofinesset) throw new Error(`FINESS ${merged[i].nofinesset} en double`);
	}
	return { merged, replaced: france.length - kept.length };
}

export function buildFiness(from: string, cog: Cog, log: (message: string) => void): Table {
	const occ = readOccitanie(join(from, 'finess-occitanie-2026/finess_occitanie2.csv'), cog);
	const fr = readFrance(join(from, 'finess-france-2021/finess_et_20210108_flat_with_commune.csv'), cog);
	const { merged, replaced } = mergeFiness(occ.etablissements, fr.etablissements);
	log(
		`FINESS Occitanie : ${occ.rows} lignes activité → ${occ.etablissements.length} ET, codes commune inconnus : ${occ.unknownCodes.join(' ') || 'aucun'}`
	);
	log(
		`FINESS France 2021 : ${fr.rows} ET, ${fr.outside} hors atlas (COM) ignorés, ${replaced} en Occitanie remplacés par l'extrait 2026 ; ` +
			`${merged.filter((e) => e.lon === null).length} ET sans coordonnées, ${merged.filter((e) => e.codeCommune === null).length} sans commune`
	);
	return makeTable([
		utf8('nofinesset', merged.map((e) => e.nofinesset)),
		utf8('nofinessej', merged.map((e) => e.nofinessej)),
		utf8('raison_sociale', merged.map((e) => e.raisonSociale)),
		i16('categetab', merged.map((e) => e.categetab)),
		label('libcategetab', merged.map((e) => e.libcategetab)),
		label('categorie', merged.map((e) => categorieOf(e.categetab))),
		utf8('code_commune', merged.map((e) => e.codeCommune)),
		label('dep', merged.map((e) => e.dep)),
		f64('lon', merged.map((e) => e.lon)),
		f64('lat', merged.map((e) => e.lat)),
		label('source', merged.map((e) => e.source))
	]);
}

/** Observatoire des territoires (ANCT) commune typologies: INSEE density grid, mountain, rurality, centrality. */
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { normalizeCommuneCode } from '../../src/lib/territory/insee-code';
import { bool, i8, label, makeTable, utf8 } from '../lib/arrow';
import { SourceError, readCsv } from '../lib/csv';
import type { Cog } from '../lib/cog';

/** INSEE grille communale de densité, 7 levels in official order (the export stripped the numeric prefix). */
export const DENSITE_NIVEAUX = [
	'Grands centres urbains',
	'Centres urbains intermédiaires',
	'Ceintures urbaines',
	'Petites villes',
	'Bourgs ruraux',
	'Rural à habitat dispersé',
	'Rural à habitat très dispersé'
] as const;

export function densiteNiveau(libelle: string): number | null {
	const i = (DENSITE_NIVEAUX as readonly string[]).indexOf(libelle);
	return i < 0 ? null : i + 1;
}

/** commune → label of one typology file (every code must be a COG 2025 commune). */
function readLevels(from: string, name: string, column: string, cog: Cog): Map<string, string> {
	const file = join(from, 'typologies-anct', name);
	const levels = new Map<string, string>();
	for (const row of readCsv(file, { required: ['insee_com', column] })) {
		const code = normalizeCommuneCode(row.get('insee_com')) ?? row.fail(`code commune invalide « ${row.get('insee_com')} »`);
		if (!cog.byCode.has(code)) row.fail(`${code} n'est pas une commune COG 2025`);
		levels.set(code, row.get(column));
	}
	return levels;
}

export function buildTypologies(from: string, cog: Cog, log: (message: string) => void): Table {
	const densite = readLevels(from, 'densite.csv', 'niveau_densite', cog);
	const montagne = readLevels(from, 'montagne.csv', 'niveau_montagne', cog);
	const ruralite = readLevels(from, 'ruralite.csv', 'niveau_ruralite', cog);
	const centralite = readLevels(from, 'centralite.csv', 'niveau_centralite', cog);
	const codes = cog.communes.map((c) => c.code);
	const niveaux = codes.map((code) => {
		const libelle = densite.get(code);
		if (libelle === undefined) throw new SourceError(`Commune ${code} absente de typologies-anct/densite.csv`);
		const niveau = densiteNiveau(libelle);
		if (niveau === null) throw new SourceError(`Niveau de densité inconnu « ${libelle} » (commune ${code}) dans typologies-anct/densite.csv`);
		return niveau;
	});
	log(`Typologies : ${densite.size} communes, ${montagne.size} en zone de montagne`);
	return makeTable([
		utf8('code', codes),
		i8('densite_niveau', niveaux),
		label('densite_libelle', niveaux.map((n) => DENSITE_NIVEAUX[n - 1])),
		bool('montagne', codes.map((c) => montagne.has(c))),
		label('massif', codes.map((c) => montagne.get(c)?.replace(/^\d+ - /, '') ?? null)),
		label('ruralite', codes.map((c) => ruralite.get(c) ?? null)),
		label('centralite', codes.map((c) => centralite.get(c) ?? null))
	]);
}

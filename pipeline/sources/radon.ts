/** IRSN radon potential (zoning of the arrêté of 27 June 2018) on 2018 communes, remapped to COG 2025. */
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { normalizeCommuneCode } from '../../src/lib/territory/insee-code';
import { bool, i8, i16, makeTable, utf8 } from '../lib/arrow';
import { readCsv } from '../lib/csv';
import { type Cog, type RemapReport, compare, describeRemap, remapRecord, originOf, remapSource, worstClass } from '../lib/cog';

/** COG of the IRSN file's communes. */
export const RADON_COG = 2016;

export function buildRadon(from: string, cog: Cog, log: (message: string) => void, report: RemapReport = () => {}): Table {
	const file = join(from, 'radon-irsn/radon.csv');
	const rows = readCsv(file, { delimiter: ';', required: ['nom_comm', 'insee_com', 'classe_potentiel'] });
	const skipped = { corrupt: [] as number[], noCode: 0, duplicate: [] as string[] };
	const byCode = new Map<string, number>();
	for (const row of rows) {
		// Rows shifted by a spreadsheet error carry coordinates in the code column ('#VALEUR!' as class, or 1).
		let code = normalizeCommuneCode(row.get('insee_com'));
		if (row.get('classe_potentiel') === '#VALEUR!' || (!code && row.get('insee_com') !== '')) {
			skipped.corrupt.push(row.line);
			continue;
		}
		// Polynésie française, Wallis-et-Futuna and a few blank rows have no code at all.
		if (!code) {
			skipped.noCode++;
			continue;
		}
		// The IRSN file gives Sada the code of Chiconi (97605): Sada is 97616.
		if (code === '97605' && row.get('nom_comm') === 'sada') code = '97616';
		const classe = row.num('classe_potentiel') ?? row.fail('classe de potentiel radon absente');
		if (![1, 2, 3].includes(classe)) row.fail(`classe de potentiel radon « ${row.get('classe_potentiel')} » hors de 1–3`);
		// Same code twice (97500 Saint-Pierre/Miquelon, outside the atlas): the first row is kept.
		if (byCode.has(code)) {
			skipped.duplicate.push(code);
			continue;
		}
		byCode.set(code, classe);
	}
	// Written in the COG of 2016 (before the 2017 merges it lacks, with Saint-Lucien 76601 still associated with Sigy-en-Bray).
	const remapped = remapSource(cog, [...byCode.keys()], (code) => code, RADON_COG);
	const { groups, unknown } = remapped;
	log(
		`Radon : ${rows.length} lignes, ignorées ${skipped.corrupt.length} corrompues (lignes ${skipped.corrupt.join(', ')}), ${skipped.noCode} sans code, ` +
			`${skipped.duplicate.length} doublons (${skipped.duplicate.join(' ')}), ${unknown.length} codes hors COG 2025 métropole+DROM`
	);
	report(remapRecord('radon.csv', RADON_COG, remapped));
	for (const line of describeRemap('Radon', remapped, { splitRates: 'classe de la commune d’origine recopiée', splitCounts: 'aucun effectif', mergeRule: 'classe la plus élevée, « mixte » si les parties diffèrent' })) log(line);
	// A re-established commune takes the class of the commune it was part of (zoning by commune: nothing finer exists).
	const records = [...groups].map(([code, parts]) => {
		const sorted = parts.map((p) => p.row).sort(compare);
		return { code, codes2018: sorted, origin: originOf(parts), ...worstClass(sorted.map((c) => byCode.get(c) as number)) };
	});
	const uncovered = cog.communes.filter((c) => !groups.has(c.code)).map((c) => c.code);
	log(`Radon : ${records.length} communes couvertes, ${records.filter((r) => r.mixed).length} mixtes, non couvertes : ${uncovered.join(' ')}`);
	return makeTable([
		utf8('code', records.map((r) => r.code)),
		i8('classe', records.map((r) => r.max)),
		i8('classe_min', records.map((r) => r.min)),
		bool('mixte', records.map((r) => r.mixed)),
		i16('nb_communes_2018', records.map((r) => r.codes2018.length)),
		utf8('codes_2018', records.map((r) => r.codes2018.join(' '))),
		utf8('code_origine', records.map((r) => r.origin))
	]);
}

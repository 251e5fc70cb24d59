/** IRSN radon potential (zoning of the arrêté of 27 June 2018) on 2018 communes, remapped to COG 2025. */
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { normalizeCommuneCode } from '../../src/lib/territory/insee-code';
import { bool, i8, i16, makeTable, utf8 } from '../lib/arrow';
import { readCsv } from '../lib/csv';
import { type Cog, compare, remap, worstClass } from '../cog';

export function buildRadon(from: string, cog: Cog, log: (message: string) => void): Table {
	const file = join(from, 'radon-irsn/radon.csv');
	const rows = readCsv(file, { delimiter: ';', required: ['insee_com', 'classe_potentiel'] });
	const skipped = { corrupt: [] as number[], noCode: 0, duplicate: [] as string[] };
	const byCode = new Map<string, number>();
	for (const row of rows) {
		// Rows shifted by a spreadsheet error carry coordinates in the code column ('#VALEUR!' as class, or 1).
		const code = normalizeCommuneCode(row.get('insee_com'));
		if (row.get('classe_potentiel') === '#VALEUR!' || (!code && row.get('insee_com') !== '')) {
			skipped.corrupt.push(row.line);
			continue;
		}
		// Polynésie française, Wallis-et-Futuna and a few blank rows have no code at all.
		if (!code) {
			skipped.noCode++;
			continue;
		}
		const classe = row.num('classe_potentiel') ?? row.fail('classe de potentiel radon absente');
		if (![1, 2, 3].includes(classe)) row.fail(`classe de potentiel radon « ${row.get('classe_potentiel')} » hors de 1–3`);
		// Same code twice (97605 Chiconi/Sada, 97500 Saint-Pierre/Miquelon): the first row is kept.
		if (byCode.has(code)) {
			skipped.duplicate.push(code);
			continue;
		}
		byCode.set(code, classe);
	}
	const { groups, unknown } = remap(cog, [...byCode.keys()], (code) => code);
	log(
		`Radon : ${rows.length} lignes, ignorées ${skipped.corrupt.length} corrompues (lignes ${skipped.corrupt.join(', ')}), ${skipped.noCode} sans code, ` +
			`${skipped.duplicate.length} doublons (${skipped.duplicate.join(' ')}), ${unknown.length} codes hors COG 2025 métropole+DROM`
	);
	const records = [...groups].map(([code, codes2018]) => {
		const sorted = [...codes2018].sort(compare);
		return { code, codes2018: sorted, ...worstClass(sorted.map((c) => byCode.get(c) as number)) };
	});
	const uncovered = cog.communes.filter((c) => !groups.has(c.code)).map((c) => c.code);
	log(`Radon : ${records.length} communes couvertes, ${records.filter((r) => r.mixed).length} mixtes, non couvertes : ${uncovered.join(' ')}`);
	return makeTable([
		utf8('code', records.map((r) => r.code)),
		i8('classe', records.map((r) => r.max)),
		i8('classe_min', records.map((r) => r.min)),
		bool('mixte', records.map((r) => r.mixed)),
		i16('nb_communes_2018', records.map((r) => r.codes2018.length)),
		utf8('codes_2018', records.map((r) => r.codes2018.join(' ')))
	]);
}

/**
 * INSEE BPE equipment codes (`TYPEQU`) the atlas counts, in one table, with the millésimes they apply to.
 * Read by the BPE importer (src/lib/data/imports/bpe.ts: one column of `bpe_sante` per kind) and by the
 * catalogue (one count and one density per kind).
 *
 * Nomenclature: BPE « gamme santé » as published since the BPE 2021 revision (médecin généraliste = D265;
 * before it, D201 « médecin omnipraticien »). Checked, for lack of INSEE's own documentation on this machine,
 * against independent code reading INSEE's 2024–2025 BPE files (D265 médecin généraliste and D307 pharmacie in
 * three projects, D277 chirurgien-dentiste and D281 infirmier in one). Codes that could not be checked here
 * (specialists, masseurs-kinésithérapeutes, sages-femmes, maisons de santé) are not counted rather than guessed:
 * these professions come from the Annuaire Santé import (src/lib/data/imports/ans.ts).
 */

export interface BpeKind {
	/** Column of `bpe_sante`. */
	column: string;
	/** INSEE codes summed into the column. */
	codes: readonly string[];
	/** French plural, lower case (« médecins généralistes »). */
	label: string;
	short: string;
}

export const BPE_TABLE = 'bpe_sante';
/** First BPE millésime of this nomenclature. */
export const BPE_FIRST_YEAR = 2021;
/** Codes of the earlier nomenclature: a file carrying them (and none of ours) is of an older BPE. */
export const BPE_OLD_CODES = ['D201', 'D301'] as const;

export const BPE_KINDS: readonly BpeKind[] = [
	{ column: 'generalistes', codes: ['D265'], label: 'médecins généralistes', short: 'Généralistes' },
	{ column: 'dentistes', codes: ['D277'], label: 'chirurgiens-dentistes', short: 'Dentistes' },
	{ column: 'infirmiers', codes: ['D281'], label: 'infirmiers', short: 'Infirmiers' },
	{ column: 'pharmacies', codes: ['D307'], label: 'pharmacies', short: 'Pharmacies' }
];

/** Every code counted. */
export const BPE_CODES: readonly string[] = BPE_KINDS.flatMap((k) => k.codes);

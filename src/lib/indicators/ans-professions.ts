/**
 * The professions the atlas counts from the ANS Annuaire Santé (« personne / activité » extraction), one column of
 * `ans_professionnels` each. Read by the importer (src/lib/data/imports/ans.ts) and by the catalogue.
 *
 * `Code profession` is the ANS nomenclature TRE_G15 (10 médecin, 21 pharmacien, 40 chirurgien-dentiste,
 * 50 sage-femme, 60 infirmier, 70 masseur-kinésithérapeute). General practitioners are the médecins whose
 * `Libellé savoir-faire` is « Médecine générale » or « Spécialiste en Médecine Générale »
 * (the Ordre's SM54 and SM53), matched on the label with accents and case ignored.
 */
export const ANS_TABLE = 'ans_professionnels';

export interface AnsKind {
	column: string;
	/** French plural, lower case. */
	label: string;
	short: string;
	profession: string;
	/** Only the médecins with one of these savoir-faire (lower case, without accents). */
	savoirFaire?: readonly string[];
}

export const ANS_KINDS: readonly AnsKind[] = [
	{ column: 'generalistes', label: 'médecins généralistes', short: 'Généralistes', profession: '10', savoirFaire: ['medecine generale', 'specialiste en medecine generale'] },
	{ column: 'medecins', label: 'médecins (toutes spécialités)', short: 'Médecins', profession: '10' },
	{ column: 'dentistes', label: 'chirurgiens-dentistes', short: 'Dentistes', profession: '40' },
	{ column: 'sages_femmes', label: 'sages-femmes', short: 'Sages-femmes', profession: '50' },
	{ column: 'infirmiers', label: 'infirmiers', short: 'Infirmiers', profession: '60' },
	{ column: 'kines', label: 'masseurs-kinésithérapeutes', short: 'Kinésithérapeutes', profession: '70' },
	{ column: 'pharmaciens', label: 'pharmaciens', short: 'Pharmaciens', profession: '21' }
];

/**
 * The professions of the DREES « accessibilité potentielle localisée » workbooks the atlas imports (one
 * workbook per profession, one sheet « APL AAAA » per year), each into a table `apl_<slug>`. Read by the
 * importer (src/lib/data/imports/apl.ts) and by the catalogue (one indicator per profession, on the workbook's
 * most recent year).
 *
 * The header of the APL column names the profession (« APL aux médecins généralistes »), matched with accents,
 * case and hyphens ignored. The unit is checked against the units row under the header: the GP workbook (the one
 * available here, in the raw data's apl-drees/raw) says « En nombre de consultations/visites accessibles par
 * habitant standardisé »; DREES publishes the other professions' APL in full-time equivalents (ETP) per
 * 100,000 standardised inhabitants — not checked on a real workbook here, so a file saying otherwise is refused.
 */
export interface AplProfession {
	/** Table `apl_<slug>` and indicator ids. */
	slug: string;
	/** As in the header, lower case (« médecins généralistes »). */
	label: string;
	short: string;
	/** Word the units row must contain. */
	unitWord: string;
	unit: string;
}

export const APL_PROFESSIONS: readonly AplProfession[] = [
	{ slug: 'medecins_generalistes', label: 'médecins généralistes', short: 'généralistes', unitWord: 'consultations', unit: 'consultations / an / hab. standardisé' },
	{ slug: 'infirmiers', label: 'infirmiers', short: 'infirmiers', unitWord: 'ETP', unit: 'ETP / 100 000 hab. standardisés' },
	{ slug: 'masseurs_kinesitherapeutes', label: 'masseurs-kinésithérapeutes', short: 'kinés', unitWord: 'ETP', unit: 'ETP / 100 000 hab. standardisés' },
	{ slug: 'sages_femmes', label: 'sages-femmes', short: 'sages-femmes', unitWord: 'ETP', unit: 'ETP / 100 000 hab. standardisés' },
	{ slug: 'chirurgiens_dentistes', label: 'chirurgiens-dentistes', short: 'dentistes', unitWord: 'ETP', unit: 'ETP / 100 000 hab. standardisés' }
];

export const aplTable = (p: AplProfession) => `apl_${p.slug}`;

/** Lower case, no accents, hyphens and apostrophes as spaces, single spaces. */
export const foldText = (s: string) =>
	s
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[-'’\s]+/g, ' ')
		.trim();

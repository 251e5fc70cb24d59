/**
 * Where `npm run data:update` downloads the official files the pipeline reads as defaults (pipeline/sources/official-files.ts):
 * one entry per format, the producer's own address. Each is checked before anything is replaced: HTTP 200, at least
 * `minBytes`, one member of the archive named like `member`, and a header and content the importer accepts.
 *
 * | format               | producer | page                                                             |
 * |----------------------|----------|------------------------------------------------------------------|
 * | `population_ages`    | INSEE    | https://www.insee.fr/fr/statistiques/8201904 (recensement 2021)   |
 * | `bpe_sante`          | INSEE    | https://www.insee.fr/fr/statistiques/8217527 (BPE, DS_BPE)        |
 * | `ans_professionnels` | ANS      | https://annuaire.sante.fr/web/site-pro/extractions-publiques      |
 *
 * The addresses change with each millésime (INSEE's `fichier/<n>/…`): update them here, with the page they come from.
 */
import type { OfficialTable } from '../src/lib/data/imports/imports';

export interface Download {
	format: OfficialTable;
	url: string;
	/** The page a maintainer checks when the address no longer answers. */
	page: string;
	/** The file inside the zip archive the producer publishes. */
	member: RegExp;
	/** Below this size the download is refused (an error page, a truncated transfer). */
	minBytes: number;
}

export const DOWNLOADS: readonly Download[] = [
	{
		format: 'population_ages',
		url: 'https://www.insee.fr/fr/statistiques/fichier/8201904/base-cc-evol-struct-pop-2021_csv.zip',
		page: 'https://www.insee.fr/fr/statistiques/8201904',
		member: /^base-cc-evol-struct-pop-\d{4}\.csv$/i,
		minBytes: 1_000_000
	},
	{
		format: 'bpe_sante',
		url: 'https://www.insee.fr/fr/statistiques/fichier/8217527/DS_BPE_CSV_FR.zip',
		page: 'https://www.insee.fr/fr/statistiques/8217527',
		member: /^DS_BPE_\d{4}_data\.csv$/i,
		minBytes: 1_000_000
	},
	{
		format: 'ans_professionnels',
		url: 'https://service.annuaire.sante.fr/annuaire-sante-webservices/V300/services/extraction/PS_LibreAcces',
		page: 'https://annuaire.sante.fr/web/site-pro/extractions-publiques',
		member: /^PS_LibreAcces_Personne_activite_\d{12}\.txt$/i,
		minBytes: 1_000_000
	}
];

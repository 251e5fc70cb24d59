/**
 * Who published a dataset, which millésime, under which licence: the one provenance shape, that of an indicator's
 * source (the catalogue, the exports' source lines) and of a shipped table (the manifest, the page Données).
 */
export interface Provenance {
	producer: string;
	millesime: string;
	licence: string;
}

/** An indicator's source: a provenance and the dataset's name. */
export interface Source extends Provenance {
	dataset: string;
}

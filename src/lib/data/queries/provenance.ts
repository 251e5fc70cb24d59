/**
 * Provenance, written once: every source line the atlas shows (map legend and PNG, tooltips,
 * portrait, tables, CLS perimeter map) comes from here or from the catalogue (`sourceLine` of an
 * indicator). Each dataset's wording starts from the manifest's `source` of its artefact (`npm run
 * data` writes it); the unit tests check that the two agree.
 */
import { LICENCE } from '../../indicators/catalogue';
import type { CommuneNote, Manifest } from '../engine/artefacts';

/** The geometry of every map and of the centroids: the manifest's `source` of the `*_geom` artefacts. */
export const BASEMAP_SOURCE = 'IGN – ADMIN EXPRESS COG CARTO 2025';

/** The list of communes, EPCI, départements and régions. */
export const COG_SOURCE = 'INSEE – Code officiel géographique 2025';

/** The territories and their contours, with the licence: the first source of a portrait. */
export const TERRITORIES_SOURCE = `${COG_SOURCE} ; ${BASEMAP_SOURCE} (${LICENCE})`;

/** The FINESS establishments: the manifest's « FINESS – extrait Occitanie 2025-2026 ; stock national du 8 janvier 2021 », with its producer. */
export const FINESS_SOURCE = `DREES / ministère de la Santé – FINESS : extraction Occitanie fin 2025 / début 2026, stock national du 8 janvier 2021 ailleurs (${LICENCE})`;

/** The same where room is short (a map legend beside the indicator's source). */
export const FINESS_SHORT_SOURCE = 'FINESS 2025-2026 (Occitanie), 2021 ailleurs';

/** The line under a map: the sources of what it shows, then the basemap. */
export function mapSourceLine(sources: readonly string[]): string {
	return `Source : ${sources.join(' ; ')}. Fonds : ${BASEMAP_SOURCE}.`;
}

/** The manifest's provenance of a table (producer + millésime), or null when the atlas does not ship it. */
export function tableSource(manifest: Manifest, table: string): string | null {
	return manifest.artefacts.find((a) => a.table === table)?.source ?? null;
}

/** Notes of the tables the user imported in this browser: they replace the shipped table's, whose values are gone. */
const importNotes = new Map<string, readonly CommuneNote[]>();

/** Registers the notes of the user's imports (the data layer, as it loads them): values shared from a former commune. */
export function setImportNotes(notes: ReadonlyMap<string, readonly CommuneNote[]>): void {
	importNotes.clear();
	for (const [table, list] of notes) importNotes.set(table, list);
}

/**
 * What the data says of a commune's value in these tables: inherited from its former commune, or not published
 * by the producer (the manifest's notes, written by `npm run data`, or those of the user's import of the table).
 */
export function communeNote(manifest: Manifest, tables: readonly string[], code: string): CommuneNote | null {
	for (const table of tables) {
		const notes = importNotes.get(table) ?? manifest.artefacts.find((a) => a.table === table)?.about?.notes;
		const note = notes?.find((n) => n.codes.includes(code));
		if (note) return note;
	}
	return null;
}

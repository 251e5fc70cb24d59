import { tablesOf, type NumericIndicator } from '../../indicators/catalogue';
import type { DataSource } from './source';
import { areaOf, communeReferences, referencesOf, type CommuneReferences, type ResolvedTerritory } from './territories';
import { figures, type Figure } from './values';
import { communeNote } from './provenance';

/** Figures of a list of communes (a CLS perimeter) beside its département, its région and France. */
export interface Profile {
	references: CommuneReferences;
	/** Headers of the value columns after the list's own: département, région, France. */
	columns: string[];
	rows: Figure[];
}

export async function communesProfile(source: DataSource, codes: readonly string[], indicators: readonly (NumericIndicator | string)[]): Promise<Profile> {
	const references = await communeReferences(source, codes);
	const refs = referencesOf(references);
	const rows = await figures(source, [{ codes }, ...refs.map((r) => r.area)], indicators);
	return { references, columns: refs.map((r) => r.label), rows };
}

/** A resolved territory's figures beside its references (département, région, France). */
export interface TerritoryFigures {
	/** Headers of the reference columns. */
	references: string[];
	/** The territory's value, then each reference's. */
	rows: Figure[];
}

export async function territoryFigures(source: DataSource, territory: ResolvedTerritory, indicators: readonly (NumericIndicator | string)[]): Promise<TerritoryFigures> {
	const refs = referencesOf(territory);
	const rows = await figures(source, [areaOf(territory), ...refs.map((r) => r.area)], indicators);
	// A commune's value may be its former commune's, or not published: the row says so.
	const { level, code } = territory.key;
	const noted = level === 'commune' ? rows.map((f) => ({ ...f, note: communeNote(source.manifest, [...tablesOf(f.indicator), 'communes'], code) ?? undefined })) : rows;
	return { references: refs.map((r) => r.label), rows: noted };
}

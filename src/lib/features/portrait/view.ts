import { classSource, FINESS_SOURCE, type IndicatorRanks, type Portrait } from './portrait';
import type { Figure } from '../../data/queries/values';
import { TERRITORIES_SOURCE } from '../../data/queries/provenance';
import { footnotes, type Footnotes } from './footnotes';
import type { AgeStructure } from '../../data/queries/ages';
import { populationAgesSource } from '../../indicators/age-bands';
import { preferImported, sourceLine } from '../../indicators/catalogue';
import { formatNumber } from '../../territory/number';

/** What every section of the portrait page reads: the portrait, its numbered sources and the print names. */
export interface PortraitView {
	portrait: Portrait;
	notes: Footnotes;
	/** The name where a table column or a chart label has room for about 24 characters: the level when it is longer. */
	shortName: string;
	/** The census age structure, when the atlas has it and the territory has census rows. */
	ages: AgeStructure | null;
	agesSource: string;
	/** Ranks of the territory by indicator id (within its département and région), once computed. */
	ranks: ReadonlyMap<string, IndicatorRanks>;
}

export function portraitView(portrait: Portrait, ranks: ReadonlyMap<string, IndicatorRanks> = new Map()): PortraitView {
	const ages = portrait.ages?.shares[0].all.some(Number.isFinite) ? portrait.ages : null;
	const agesSource = ages ? populationAgesSource(ages.annee) : '';
	const lines = [TERRITORIES_SOURCE, ...[...portrait.rows.values()].map((r) => sourceLine(r.indicator)), FINESS_SOURCE];
	lines.push(classSource('radon_classe'), classSource('grille_densite'), classSource('qpv_2024'));
	if (ages) lines.push(agesSource);
	const nom = portrait.territory.nom;
	return { portrait, notes: footnotes(lines), shortName: nom.length <= 24 ? nom : portrait.territory.levelLabel, ages, agesSource, ranks };
}

/**
 * The rows of a section, in its order, each after the imported figure that replaces it (the user's file first,
 * the shipped approximation labelled under it); an indicator the portrait did not compute is left out.
 */
export function figureRows(portrait: Portrait, ids: readonly string[]): Figure[] {
	return preferImported(ids, (i) => portrait.rows.has(i.id)).flatMap((id) => portrait.rows.get(id) ?? []);
}

export const pct = (part: number, total: number) => (total > 0 ? `${formatNumber((100 * part) / total, 1)} %` : '–');

/** Lists that can be long print their first items, then « … et N autres » (a CLS programme rarely has more than 8 axes). */
export const PRINT_LIST_MAX = { cls: 4, axes: 8 };
export const andOthers = (total: number, shown: number) => `… et ${total - shown} autres`;

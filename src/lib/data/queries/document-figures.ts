/**
 * Where a contract's documents give a figure the atlas also counts (the press kit's « 9 maisons de santé »,
 * FINESS's 7): both figures, both dates, said where they differ; and where they give a figure of an indicator of
 * the catalogue (est-Cantal's « 28 % de plus de 65 ans »): both figures side by side, with their dates, once the
 * atlas can compute it. Driven by the register (`chiffresCites`).
 */
import { FINESS_LABELS } from './counts';
import { formatNumber } from '../../territory/number';
import { findIndicator, type NumericIndicator } from '../../indicators/catalogue';
import { coverageNote, type Coverage } from '../../indicators/coverage';
import type { ChiffreCite, ChiffreFiness, ChiffreIndicateur, Cls } from '../../register/schema';

export const isFinessFigure = (c: ChiffreCite): c is ChiffreFiness => 'categorieFiness' in c;
export const isIndicatorFigure = (c: ChiffreCite): c is ChiffreIndicateur => 'indicateur' in c;

/** What the atlas counts in the perimeter for one category: establishments, and the millésimes of their files. */
export interface Counted {
	n: number;
	millesimes: readonly string[];
}

export interface FigureGap {
	cited: ChiffreFiness;
	counted: Counted;
}

/** The cited figures of a contract that differ from the atlas's count of the same category. */
export function documentFigureGaps(cls: Pick<Cls, 'chiffresCites'>, counted: (categorie: string) => Counted): FigureGap[] {
	return (cls.chiffresCites ?? []).filter(isFinessFigure).flatMap((cited) => {
		const c = counted(cited.categorieFiness);
		return c.n === cited.valeur ? [] : [{ cited, counted: c }];
	});
}

/** « Un document du contrat (2022) cite 9 maisons de santé pluriprofessionnelles ; FINESS (fichier 2025-2026) en compte 7 dans le périmètre. » */
export function gapSentence({ cited, counted }: FigureGap): string {
	const what = (FINESS_LABELS[cited.categorieFiness] ?? cited.categorieFiness).toLowerCase();
	const files = counted.millesimes.length ? `FINESS (fichier ${counted.millesimes.join(' et ')})` : 'FINESS';
	return `Un document du contrat (${cited.date}) cite ${formatNumber(cited.valeur, 0)} ${what} ; ${files} en compte ${formatNumber(counted.n, 0)} dont la commune est dans le périmètre.`;
}

/** The indicator a document's figure names: in the catalogue, or one the user can import (not yet in the catalogue). */
export function citedIndicator(id: string): NumericIndicator | undefined {
	const indicator = findIndicator(id);
	return indicator && indicator.kind !== 'class' ? indicator : undefined;
}

/**
 * The territory a document's figure describes, said with it: « chiffre du département du Lot » — the Lot's figures
 * quoted by Cauvaldor's documents are not Cauvaldor's. The atlas's value is then the département's; when the document
 * speaks of another territory the atlas does not have (a bassin de santé), the atlas's figure is the perimeter's.
 */
export function citedTerritory(cited: Pick<ChiffreIndicateur, 'departement' | 'territoire'>): string {
	if (cited.departement) return `chiffre du ${cited.territoire ?? `département ${cited.departement}`} ; l’atlas : même département`;
	if (cited.territoire) return `chiffre du ${cited.territoire} ; l’atlas : périmètre du contrat`;
	return 'chiffre du périmètre du contrat';
}

/** A document's figure of an indicator, and the atlas's value on the same territory. */
export interface IndicatorFigure {
	cited: ChiffreIndicateur;
	indicator: NumericIndicator;
	/** Where: the perimeter, or the département the document speaks of. */
	where: string;
	/** The atlas's value; `absent` when its data is not in this browser, NaN when the data does not give it. */
	value: number | 'absent';
	/** The millésime of the atlas's figure, as its source says it. */
	millesime: string;
	/** How many of the territory's communes the value sums (a withheld value says so). */
	coverage?: Coverage;
}

/**
 * « Un document du contrat (2018) cite 28 % pour la part des 65 ans ou plus (périmètre du contrat) ; l'atlas
 * (recensement 2021) : 27,6 %. » — or why the atlas has no figure yet.
 */
export function indicatorFigureSentence({ cited, indicator, where, value, millesime, coverage }: IndicatorFigure): string {
	const unit = indicator.unit === '%' ? ' %' : ` ${indicator.unit}`;
	const doc = `Un document du contrat (${cited.date}) cite ${formatNumber(cited.valeur, 1)}${unit} pour la ${indicator.label.charAt(0).toLowerCase()}${indicator.label.slice(1)} (${where})`;
	if (value === 'absent')
		return `${doc} ; l’atlas la calcule dès que ses données sont importées${indicator.importedFrom ? ` (${indicator.importedFrom}, page Données)` : ''}.`;
	const note = coverageNote(coverage);
	if (Number.isNaN(value)) return note ? `${doc} ; l’atlas (${millesime}) : ${note}.` : `${doc} ; les données importées ne la donnent pas pour ce territoire.`;
	return `${doc} ; l’atlas (${millesime}) : ${formatNumber(value, indicator.precision)}${unit}${note ? ` (${note})` : ''}.`;
}

/** Why two such figures may differ, said once under the notes. */
export const GAP_REASONS = 'Les deux chiffres n’ont pas la même date ; un document peut aussi compter des sites ou des projets que FINESS n’enregistre pas.';

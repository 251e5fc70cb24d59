/**
 * Where a contract's documents give a figure the atlas also counts (the press kit's « 9 maisons de santé »,
 * FINESS's 7): both figures, both dates, said where they differ. Driven by the register (`chiffresCites`).
 */
import { FINESS_LABELS } from '../data/counts';
import { formatNumber } from '../indicators/format';
import type { ChiffreCite, Cls } from './schema';

/** What the atlas counts in the perimeter for one category: establishments, and the millésimes of their files. */
export interface Counted {
	n: number;
	millesimes: readonly string[];
}

export interface FigureGap {
	cited: ChiffreCite;
	counted: Counted;
}

/** The cited figures of a contract that differ from the atlas's count of the same category. */
export function documentFigureGaps(cls: Pick<Cls, 'chiffresCites'>, counted: (categorie: string) => Counted): FigureGap[] {
	return (cls.chiffresCites ?? []).flatMap((cited) => {
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

/** Why two such figures may differ, said once under the notes. */
export const GAP_REASONS = 'Les deux chiffres n’ont pas la même date ; un document peut aussi compter des sites ou des projets que FINESS n’enregistre pas.';

/**
 * Follow-up of an action's indicators: the value at the contract's signature and the value now, for the
 * action's target area. The catalogue declares one indicator per millésime (`apl_mg_2022`, `apl_mg_2023`):
 * the indicators whose ids differ only by their final year form a series. At the signature, the series'
 * latest millésime published up to the signature year; now, its latest millésime.
 */
import { INDICATORS, type Indicator, type NumericIndicator } from '../indicators/catalogue';
import type { Cls } from './schema';

const YEAR_SUFFIX = /^(.+)_((?:19|20)\d{2})$/;

export interface Millesime {
	indicator: NumericIndicator;
	year: number;
}

/** The millésimes of the series an indicator belongs to, oldest first; a single entry when it has no year in its id. */
export function seriesOf(id: string, catalogue: readonly Indicator[] = INDICATORS): Millesime[] {
	const own = catalogue.find((i) => i.id === id);
	if (!own || own.kind === 'class') return [];
	const m = YEAR_SUFFIX.exec(id);
	if (!m) return [];
	const [, stem] = m;
	const out: Millesime[] = [];
	for (const i of catalogue) {
		const mi = YEAR_SUFFIX.exec(i.id);
		if (mi && mi[1] === stem && i.kind === own.kind && i.unit === own.unit) out.push({ indicator: i as NumericIndicator, year: Number(mi[2]) });
	}
	return out.sort((a, b) => a.year - b.year);
}

/** The year the contract was signed (its date, its year, else the start of its period); null when unknown. */
export function signatureYear(cls: Pick<Cls, 'dateSignature' | 'anneeSignature' | 'periode'>): number | null {
	if (cls.dateSignature) return Number(cls.dateSignature.slice(0, 4));
	return cls.anneeSignature ?? cls.periode.debut ?? null;
}

export type FollowUp =
	/** Two millésimes: the one in force at the signature, and the latest. */
	| { kind: 'change'; signature: Millesime; now: Millesime }
	/** The series has no millésime after the one of the signature yet. */
	| { kind: 'same'; now: Millesime }
	/** The series starts after the signature: no value at the signature, its first millésime (maybe the latest) is shown as such. */
	| { kind: 'after'; first: Millesime; now: Millesime; signatureYear: number }
	/** No series (one millésime, or a year unknown): the value now only. */
	| { kind: 'none' };

export function followUp(id: string, year: number | null, catalogue: readonly Indicator[] = INDICATORS): FollowUp {
	const series = seriesOf(id, catalogue);
	if (series.length === 0 || year === null) return { kind: 'none' };
	const now = series[series.length - 1];
	const before = series.filter((s) => s.year <= year);
	if (before.length === 0) return { kind: 'after', first: series[0], now, signatureYear: year };
	const signature = before[before.length - 1];
	return signature.year === now.year ? { kind: 'same', now } : { kind: 'change', signature, now };
}

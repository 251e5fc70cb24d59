/**
 * The generated readings of the report: plain-French sentences that state only what the numbers say
 * (a comparison at the precision printed, a count), never a judgement. The writer edits them in Word.
 */
import type { NumericIndicator } from '../../../indicators/catalogue';
import { formatValue } from '../../../indicators/format';
import { formatNumber } from '../../../territory/number';
import type { Reference } from '../../../data/queries/territories';

/** « du département », « de la région », « de la France »: how a reading names a reference column. */
export function referenceWord(r: Reference): string {
	if (r.area === null) return 'de la France';
	if ('level' in r.area && r.area.level === 'region') return 'de la région';
	return 'du département';
}

type Relation = 'supérieur' | 'inférieur' | 'égal';

/** Compared as printed: two values that print alike are equal. */
function relation(a: number, b: number, precision: number): Relation {
	const pa = Number(a.toFixed(precision));
	const pb = Number(b.toFixed(precision));
	return pa > pb ? 'supérieur' : pa < pb ? 'inférieur' : 'égal';
}

const list = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} et ${items.at(-1)}` : (items[0] ?? ''));

/**
 * « L’APL du territoire (2,9) est inférieure à celle du département (3,1) et de la région (3,0), égale à celle de
 * la France (2,9). » `subject` is a noun phrase (« L’APL 2023 », « L’indice de … »), feminine unless told; null
 * when the territory has no value.
 */
export function comparisonSentence(
	subject: string,
	indicator: NumericIndicator,
	values: readonly number[],
	references: readonly Reference[],
	gender: 'f' | 'm' = 'f'
): string | null {
	const own = values[0];
	if (!Number.isFinite(own)) return null;
	const v = (x: number) => formatValue(indicator, x, { unit: false });
	const groups = new Map<Relation, string[]>();
	references.forEach((r, i) => {
		const x = values[i + 1];
		if (!Number.isFinite(x)) return;
		const rel = relation(own, x, indicator.precision);
		groups.set(rel, [...(groups.get(rel) ?? []), `${referenceWord(r)} (${v(x)})`]);
	});
	const unit = indicator.unit ? ` ${indicator.unit}` : '';
	if (groups.size === 0) return `${subject} du territoire est de ${v(own)}${unit} ; les références n’ont pas de valeur.`;
	const pronoun = (n: number) => (gender === 'f' ? (n > 1 ? 'celles' : 'celle') : n > 1 ? 'ceux' : 'celui');
	const parts = [...groups].map(([rel, refs]) => `${rel}${gender === 'f' ? 'e' : ''} à ${pronoun(refs.length)} ${list(refs)}`);
	return `${subject} du territoire (${v(own)}${unit}) est ${list(parts)}.`;
}

/** « 12 communes, 8 400 habitants, sont sous le seuil de 2,5. » */
export function belowThresholdSentence(communes: number, population: number, threshold: string): string {
	if (communes === 0) return `Aucune commune n’est sous le seuil de ${threshold}.`;
	const c = communes === 1 ? '1 commune' : `${formatNumber(communes, 0)} communes`;
	const p = `${formatNumber(population, 0)} habitant${population >= 2 ? 's' : ''}`;
	return `${c}, ${p}, ${communes === 1 ? 'est' : 'sont'} sous le seuil de ${threshold}.`;
}

/** « Elle passe de 3,1 en 2022 à 2,9 en 2023 (−0,2). » */
export function changeSentence(before: number, after: number, change: number, precision: number, years: [string, string]): string | null {
	if (!Number.isFinite(before) || !Number.isFinite(after)) return null;
	const d = Number.isFinite(change) ? ` (${change > 0 ? '+' : ''}${formatNumber(change, precision)})` : '';
	if (Number(before.toFixed(precision)) === Number(after.toFixed(precision))) return `Elle est stable entre ${years[0]} et ${years[1]} (${formatNumber(after, precision)}).`;
	return `Elle ${after > before ? 'augmente' : 'diminue'} de ${formatNumber(before, precision)} en ${years[0]} à ${formatNumber(after, precision)} en ${years[1]}${d}.`;
}

/** « 3 communes sur 77 (4 %), 1 200 habitants, sont en zone 3. » */
export function shareSentence(part: number, total: number, population: number, what: string): string {
	if (total === 0) return '';
	const share = formatNumber((100 * part) / total, 0);
	const c = part === 1 ? '1 commune' : `${formatNumber(part, 0)} communes`;
	return `${c} sur ${formatNumber(total, 0)} (${share} %), ${formatNumber(population, 0)} habitants, ${part === 1 ? 'est' : 'sont'} ${what}.`;
}

/** « 3 pharmacies », « 1 centre de santé », « aucune action ». */
export function countSentence(n: number, singular: string, plural: string, gender: 'f' | 'm' = 'm'): string {
	return n === 0 ? `${gender === 'f' ? 'aucune' : 'aucun'} ${singular}` : n === 1 ? `1 ${singular}` : `${formatNumber(n, 0)} ${plural}`;
}

export { list as frenchList };

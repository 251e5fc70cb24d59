import { quantileSorted } from 'simple-statistics';
import { ckmeansStarts } from './ckmeans';

/**
 * Classifications of values into k classes: `breaks` are the k − 1 inner bounds, class i holding
 * values in [breaks[i−1], breaks[i]) (the last class is closed above).
 */
export const METHODS = ['quantiles', 'jenks', 'egal', 'manuel'] as const;
export type Method = (typeof METHODS)[number];

export const METHOD_LABELS: Record<Method, string> = {
	quantiles: 'Quantiles (effectifs égaux)',
	jenks: 'Seuils naturels (Jenks / ckmeans)',
	egal: 'Intervalles égaux',
	manuel: 'Seuils manuels'
};

export const MIN_CLASSES = 3;
export const MAX_CLASSES = 9;

/** classOf value of a territory outside the scope (not drawn, not counted). */
export const OUT_OF_SCOPE = -2;
/** classOf value of a territory in scope without a value. */
export const MISSING = -1;

export interface Classification {
	min: number;
	max: number;
	breaks: number[];
	/** Territories per class. */
	counts: number[];
	missing: number;
	/** Class index of each territory, or MISSING / OUT_OF_SCOPE. */
	classOf: Int8Array;
}

/** Finite values of the territories in scope, sorted (a plain loop: a typed array's `filter` calls back for each of 35,000 values, ten times slower). */
function sortedInScope(values: Float64Array, inScope?: Uint8Array): Float64Array {
	const kept = new Float64Array(values.length);
	let n = 0;
	for (let i = 0; i < values.length; i++) {
		if (Number.isFinite(values[i]) && (!inScope || inScope[i] === 1)) kept[n++] = values[i];
	}
	return kept.subarray(0, n).sort();
}

/** Keeps strictly increasing bounds strictly inside (min, max]: ties must not make empty classes. */
function cleanBreaks(breaks: number[], sorted: Float64Array): number[] {
	const out: number[] = [];
	for (const b of breaks) {
		if (b > sorted[0] && b <= sorted[sorted.length - 1] && (out.length === 0 || b > out[out.length - 1])) out.push(b);
	}
	return out;
}

/** Quantile bounds (interpolated, as R's type 7): classes of equal counts. */
export function quantileBreaks(sorted: Float64Array, k: number): number[] {
	const breaks: number[] = [];
	for (let i = 1; i < k; i++) breaks.push(quantileSorted(sorted as unknown as number[], i / k));
	return cleanBreaks(breaks, sorted);
}

/** Natural breaks: optimal 1-D k-means (ckmeans, Wang & Song 2011), the modern form of Jenks. */
export function jenksBreaks(sorted: Float64Array, k: number): number[] {
	let distinct = sorted.length > 0 ? 1 : 0;
	for (let i = 1; i < sorted.length && distinct < k; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
	const starts = ckmeansStarts(sorted, Math.min(k, distinct));
	return cleanBreaks(starts.slice(1).map((i) => sorted[i]), sorted);
}

export function equalIntervalBreaks(sorted: Float64Array, k: number): number[] {
	const min = sorted[0];
	const step = (sorted[sorted.length - 1] - min) / k;
	return cleanBreaks(Array.from({ length: k - 1 }, (_, i) => min + step * (i + 1)), sorted);
}

export function breaksFor(method: Method, sorted: Float64Array, k: number, manual: readonly number[] = []): number[] {
	if (sorted.length === 0) return [];
	switch (method) {
		case 'quantiles':
			return quantileBreaks(sorted, k);
		case 'jenks':
			return jenksBreaks(sorted, k);
		case 'egal':
			return equalIntervalBreaks(sorted, k);
		case 'manuel':
			// Bounds outside the values would make empty classes (« 0,00 – < -100 000 000 »); at most MAX_CLASSES classes.
			return cleanBreaks(
				[...manual].filter((b) => Number.isFinite(b)).sort((a, b) => a - b),
				sorted
			).slice(0, MAX_CLASSES - 1);
	}
}

/** Index of the class holding value, given ascending inner bounds. */
export function classIndex(value: number, breaks: readonly number[]): number {
	let lo = 0;
	let hi = breaks.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (value >= breaks[mid]) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

export function classify(values: Float64Array, breaks: number[], inScope?: Uint8Array): Classification {
	const classOf = new Int8Array(values.length);
	const counts = new Array<number>(breaks.length + 1).fill(0);
	let missing = 0;
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (inScope && inScope[i] !== 1) {
			classOf[i] = OUT_OF_SCOPE;
		} else if (Number.isFinite(v)) {
			const c = classIndex(v, breaks);
			classOf[i] = c;
			counts[c]++;
			if (v < min) min = v;
			if (v > max) max = v;
		} else {
			classOf[i] = MISSING;
			missing++;
		}
	}
	return { min: min <= max ? min : NaN, max: min <= max ? max : NaN, breaks, counts, missing, classOf };
}

/** Classes of numeric values by a method, computed on the territories in scope only. */
export function classifyValues(
	values: Float64Array,
	method: Method,
	k: number,
	inScope?: Uint8Array,
	manual: readonly number[] = []
): Classification {
	return classify(values, breaksFor(method, sortedInScope(values, inScope), k, manual), inScope);
}

/** Classes of a categorical indicator: class i is the i-th declared value. */
export function classifyCategories(values: Float64Array, categories: readonly number[], inScope?: Uint8Array): Classification {
	const classOf = new Int8Array(values.length);
	const counts = new Array<number>(categories.length).fill(0);
	let missing = 0;
	for (let i = 0; i < values.length; i++) {
		if (inScope && inScope[i] !== 1) {
			classOf[i] = OUT_OF_SCOPE;
			continue;
		}
		const c = categories.indexOf(values[i]);
		classOf[i] = c;
		if (c >= 0) counts[c]++;
		else missing++;
	}
	return { min: categories[0], max: categories[categories.length - 1], breaks: [], counts, missing, classOf };
}

import { quantileSorted } from 'simple-statistics';

/**
 * A classification of values into k classes: `breaks` are the k − 1 inner bounds, class i holding
 * values in [breaks[i−1], breaks[i]) (the last class is closed above).
 */
export interface Classification {
	min: number;
	max: number;
	breaks: number[];
	/** Territories per class, then the number of missing values. */
	counts: number[];
	missing: number;
	/** Class index of each value, −1 when missing. */
	classOf: Int8Array;
}

function finiteSorted(values: Float64Array): Float64Array {
	const finite = values.filter((v) => Number.isFinite(v));
	return finite.sort();
}

/** Inner bounds of k quantile classes (equal counts), duplicates removed when values tie. */
export function quantileBreaks(sorted: Float64Array, k: number): number[] {
	const breaks: number[] = [];
	for (let i = 1; i < k; i++) {
		const b = quantileSorted(sorted as unknown as number[], i / k);
		if (breaks.length === 0 || b > breaks[breaks.length - 1]) breaks.push(b);
	}
	return breaks.filter((b) => b > sorted[0] && b <= sorted[sorted.length - 1]);
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

export function classify(values: Float64Array, breaks: number[]): Classification {
	const sorted = finiteSorted(values);
	const classOf = new Int8Array(values.length);
	const counts = new Array<number>(breaks.length + 1).fill(0);
	let missing = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (Number.isFinite(v)) {
			const c = classIndex(v, breaks);
			classOf[i] = c;
			counts[c]++;
		} else {
			classOf[i] = -1;
			missing++;
		}
	}
	return { min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN, breaks, counts, missing, classOf };
}

export function classifyQuantiles(values: Float64Array, k: number): Classification {
	const sorted = finiteSorted(values);
	return classify(values, sorted.length ? quantileBreaks(sorted, k) : []);
}

/** Classes of a categorical indicator: class i is the i-th declared value. */
export function classifyCategories(values: Float64Array, categories: readonly number[]): Classification {
	const classOf = new Int8Array(values.length);
	const counts = new Array<number>(categories.length).fill(0);
	let missing = 0;
	for (let i = 0; i < values.length; i++) {
		const c = categories.indexOf(values[i]);
		classOf[i] = c;
		if (c >= 0) counts[c]++;
		else missing++;
	}
	return { min: categories[0], max: categories[categories.length - 1], breaks: [], counts, missing, classOf };
}

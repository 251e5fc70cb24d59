/**
 * The classes of the portrait's map: bounds computed on the communes of a reference area (the département
 * of the territory, so that two portraits of the same département read alike, and a single commune still
 * gets a meaningful class), colours and counts on the communes of the territory only.
 */
import type { Indicator } from '../../indicators/catalogue';
import { breaksFor, classify, classifyCategories, type Classification } from '../../indicators/classify';
import { classColors, hexToRgba, MISSING_COLOR, type Rgba } from '../../indicators/palettes';
import type { PlaceLabels } from '../../map/layers';

/** Quintiles: five classes read on one A4 page as well as on screen. */
export const PORTRAIT_MAP_CLASSES = 5;

export interface PortraitMapClasses {
	/** Counts of the territory's communes per class (and without a value); classOf in the order of `codes`. */
	classification: Classification;
	/** Colour of each commune of the territory, by code (and, when asked, of every commune around with a value). */
	colors: Map<string, Rgba>;
}

/**
 * `values[i]` belongs to commune `codes[i]`; `inArea[i]` is 1 for the communes the bounds are computed on;
 * `perimeter` holds the territory's communes, the ones counted and coloured.
 */
export function portraitMapClasses(
	indicator: Indicator,
	codes: readonly string[],
	values: Float64Array,
	inArea: Uint8Array,
	perimeter: ReadonlySet<string>,
	/** Colour the communes around too, in the same classes (a commune's portrait compares it with its neighbours). */
	around = false
): PortraitMapClasses {
	const inPerimeter = Uint8Array.from(codes, (c) => (perimeter.has(c) ? 1 : 0));
	let classification: Classification;
	if (indicator.kind === 'class') {
		classification = classifyCategories(
			values,
			indicator.classes.map((c) => c.value),
			inPerimeter
		);
	} else {
		const sorted = values.filter((v, i) => inArea[i] === 1 && Number.isFinite(v)).sort();
		const breaks = breaksFor('quantiles', sorted, PORTRAIT_MAP_CLASSES);
		classification = classify(values, breaks, inPerimeter);
		// The legend's bounds are those of the reference area, not of the territory's few communes.
		if (sorted.length) classification = { ...classification, min: sorted[0], max: sorted[sorted.length - 1] };
	}
	const palette = classColors(indicator, classification.counts.length).map(hexToRgba);
	const colors = new Map<string, Rgba>();
	// Every commune's class, counted or not: the same bounds, without the territory's restriction.
	const everyClass = around
		? indicator.kind === 'class'
			? classifyCategories(values, indicator.classes.map((c) => c.value)).classOf
			: classify(values, classification.breaks).classOf
		: null;
	codes.forEach((code, i) => {
		const c = classification.classOf[i];
		if (inPerimeter[i] === 1) colors.set(code, c >= 0 ? palette[c] : MISSING_COLOR);
		else if (everyClass && everyClass[i] >= 0) colors.set(code, palette[everyClass[i]]);
	});
	return { classification, colors };
}

/** Names on the portrait's map: the territory's largest communes, at most this many. */
export const PORTRAIT_MAP_NAMES = 12;
/** Communes around the territory named when at least this large (and as large as the smallest named inside). */
const NEIGHBOUR_NAME_MIN_POPULATION = 1_000;

/**
 * The place names of the portrait's map, whatever its zoom: the `max` largest communes of the territory, then
 * the communes around as large as the smallest of those (towns to find one's way; every commune of 1,000
 * inhabitants or more around a territory of fewer communes), largest first: the placement then keeps those
 * that do not overlap. `places` come largest first (`placeRows`).
 */
export function portraitLabels(
	places: { codes: readonly string[]; names: string[]; lon: Float64Array; lat: Float64Array },
	perimeter: ReadonlySet<string>,
	population: ArrayLike<number>,
	max = PORTRAIT_MAP_NAMES
): PlaceLabels {
	const inside: number[] = [];
	for (let i = 0; i < places.codes.length && inside.length < max; i++) if (perimeter.has(places.codes[i])) inside.push(i);
	// A territory of few communes names the villages around; a larger one, the places at least as large as its own named ones.
	const floor = inside.length < max ? NEIGHBOUR_NAME_MIN_POPULATION : Math.max(NEIGHBOUR_NAME_MIN_POPULATION, population[inside[inside.length - 1]]);
	const kept: number[] = [];
	for (let i = 0; i < places.codes.length && population[i] >= floor; i++) kept.push(i);
	const all = [...new Set([...kept, ...inside])].sort((a, b) => a - b);
	return {
		names: all.map((i) => places.names[i]),
		lon: Float64Array.from(all, (i) => places.lon[i]),
		lat: Float64Array.from(all, (i) => places.lat[i]),
		minZoom: new Float32Array(all.length)
	};
}

import type { CommuneNote } from '../../data/queries/artefacts';
import type { FlatPolygons } from '../../data/geometry/polygons';
import { DIRECTION_LABELS, importedMark, sourceLine, type Indicator } from '../../indicators/catalogue';
import type { Level } from '../../territory/key';
import { formatValue } from '../../indicators/format';
import { OUT_OF_SCOPE, type Classification } from '../../indicators/classify';
import { FACILITY_CATEGORIES, FACILITY_SOURCE, type Facilities } from '../../map/facilities';
import type { Hover, TooltipContent } from '../../map/hover';
import type { ShownValues } from './map-values.svelte';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const LEVEL_NAMES: Record<Level, string> = { commune: 'Commune', epci: 'EPCI', departement: 'Département', region: 'Région' };

/** What a tooltip reads of the map at the level drawn. */
export interface TooltipState {
	facilities: Facilities | null;
	geometry: FlatPolygons | undefined;
	names: readonly string[] | undefined;
	shown: ShownValues | null;
	classification: Classification | null;
	/** The view's indicator, said while its values load. */
	indicator: Indicator;
	/** What the shipped data says of a commune's value of the indicator shown. */
	communeNote(code: string): CommuneNote | null;
}

export function tooltipFor(hover: Hover, state: TooltipState, level: Level): TooltipContent | null {
	if (hover.kind === 'facility') {
		const facilities = state.facilities;
		const category = FACILITY_CATEGORIES.find((c) => c.id === hover.category);
		if (!facilities || !category) return null;
		const row = facilities.ranges[category.id][0] + hover.index;
		return {
			title: facilities.names[row],
			code: `FINESS ${facilities.codes[row]}`,
			lines: [{ label: 'Catégorie', value: category.label }],
			note: null,
			source: `${FACILITY_SOURCE} ; millésime de ce point : ${facilities.millesime[row]}`
		};
	}
	const { geometry, shown } = state;
	if (!geometry) return null;
	const value = shown?.values.values[hover.index];
	const outOfScope = state.classification?.classOf[hover.index] === OUT_OF_SCOPE;
	const indicator = shown?.indicator ?? state.indicator;
	const code = geometry.codes[hover.index];
	const shipped = level === 'commune' ? state.communeNote(code) : null;
	let note: string | null = null;
	const missing = value !== undefined && !Number.isFinite(value);
	if (missing && !outOfScope) note = `Donnée manquante : ${shipped?.kind === 'absence' ? shipped.text : indicator.missing}.`;
	if (!missing && shipped && shipped.kind !== 'absence') note = `${capitalize(shipped.text)}.`;
	if (indicator.trueLevel === 'bassin_de_vie') note = 'Valeur du bassin de vie, répétée sur chacune de ses communes.';
	if (outOfScope) note = 'Hors du territoire étudié.';
	return {
		title: state.names?.[hover.index] ?? '',
		code: `${LEVEL_NAMES[level]} ${code}`,
		lines: [
			{ label: indicator.label + importedMark(indicator), value: value === undefined ? 'chargement…' : formatValue(indicator, value) },
			{ label: 'Lecture', value: DIRECTION_LABELS[indicator.direction] }
		],
		note,
		source: sourceLine(indicator)
	};
}

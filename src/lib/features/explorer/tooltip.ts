import type { Explorer } from './explorer.svelte';
import { DIRECTION_LABELS, importedMark, sourceLine } from '../../indicators/catalogue';
import type { Level } from '../../territory/key';
import { formatValue } from '../../indicators/format';
import { OUT_OF_SCOPE } from '../../indicators/classify';
import { FACILITY_CATEGORIES, FACILITY_SOURCE } from '../../map/facilities';
import type { Hover, TooltipContent } from '../../map/hover';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const LEVEL_NAMES: Record<Level, string> = { commune: 'Commune', epci: 'EPCI', departement: 'Département', region: 'Région' };

export function tooltipFor(hover: Hover, explorer: Explorer, level: Level): TooltipContent | null {
	if (hover.kind === 'facility') {
		const facilities = explorer.facilities;
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
	const geometry = explorer.geometry[level];
	const shown = explorer.shown;
	if (!geometry) return null;
	const value = shown?.values.values[hover.index];
	const outOfScope = explorer.classification?.classOf[hover.index] === OUT_OF_SCOPE;
	const indicator = shown?.indicator ?? explorer.indicator;
	const code = geometry.codes[hover.index];
	const shipped = level === 'commune' ? explorer.communeNote(code) : null;
	let note: string | null = null;
	const missing = value !== undefined && !Number.isFinite(value);
	if (missing && !outOfScope) note = `Donnée manquante : ${shipped?.kind === 'absence' ? shipped.text : indicator.missing}.`;
	if (!missing && shipped && shipped.kind !== 'absence') note = `${capitalize(shipped.text)}.`;
	if (indicator.trueLevel === 'bassin_de_vie') note = 'Valeur du bassin de vie, répétée sur chacune de ses communes.';
	if (outOfScope) note = 'Hors du territoire étudié.';
	return {
		title: explorer.names[level]?.[hover.index] ?? '',
		code: `${LEVEL_NAMES[level]} ${code}`,
		lines: [
			{ label: indicator.label + importedMark(indicator), value: value === undefined ? 'chargement…' : formatValue(indicator, value) },
			{ label: 'Lecture', value: DIRECTION_LABELS[indicator.direction] }
		],
		note,
		source: sourceLine(indicator)
	};
}

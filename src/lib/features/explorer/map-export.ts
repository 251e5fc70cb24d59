import type { MapShot } from '../../map/camera';
import { composeMapImage } from '../../export/map-image';
import { slug } from '../../export/download';
import { legendRows } from '../../map/legend-rows';
import type { layerLegend } from '../../map/layer-legend';
import { sourceLine } from '../../indicators/catalogue';
import { mapSourceLine } from '../../data/queries/provenance';
import type { Level } from '../../territory/key';
import type { Classification } from '../../indicators/classify';
import type { ShownValues } from './map-values.svelte';

/** A class of the legend the map does not show: another one is kept. */
export function isDimmed(kept: readonly number[], classIndex: number | null): boolean {
	return classIndex !== null && kept.length > 0 && !kept.includes(classIndex);
}

const LEVEL_TITLES: Record<Level, string> = { commune: 'Communes', epci: 'EPCI', departement: 'Départements', region: 'Régions' };

/** The explorer's map as a PNG: title, scope, legend, layers and sources around the map as shown. */
export function explorerMapImage(
	map: { shown: ShownValues | null; classification: Classification | null; keptClasses: readonly number[] },
	scopeName: string,
	layers: ReturnType<typeof layerLegend>,
	shot: MapShot
): { image: HTMLCanvasElement; filename: string } | null {
	const { shown, classification } = map;
	if (!shown || !classification) return null;
	const image = composeMapImage(
		shot.canvas,
		shot.cssWidth,
		shot.cssHeight,
		{
			title: shown.indicator.label,
			subtitle: `${LEVEL_TITLES[shown.level]} — ${scopeName}`,
			unit: shown.indicator.unit,
			legend: legendRows(shown.indicator, classification).map((row) => ({ ...row, dimmed: isDimmed(map.keptClasses, row.classIndex) })),
			layers: layers.entries,
			attribution: `${mapSourceLine([sourceLine(shown.indicator), ...layers.sources])} cls-atlas`,
			metresPerPixel: shot.metresPerPixel
		},
		shot.scale
	);
	const suffix = shot.scale === 1 ? '' : `-${shot.scale}x`;
	return { image, filename: `${slug(`${shown.indicator.shortLabel} ${scopeName}`)}${suffix}.png` };
}

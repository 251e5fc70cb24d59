import type { MapShot } from '../../map/camera';
import { composeMapImage, type LayerLegendEntry, type MapExportOptions } from '../../export/map-image';
import { slug } from '../../export/download';
import { RANKED_CSS } from '../../map/ranked-points';
import { getIndicator, sourceLine } from '../../indicators/catalogue';
import { mapSourceLine } from '../../data/queries/provenance';
import { noteOf, type Estimate, type MapLegendRow, type MapMode } from './view';

export interface ScenarioMapExport {
	/** What the map shows and the scenario said in French. */
	title: string;
	mode: MapMode;
	legend: readonly MapLegendRow[];
	/** Where the map is centred: the perimeter, or the territory of the first change. */
	scope: string;
	estimate: Estimate;
	/** The « Où installer ? » ranking is drawn. */
	ranked: boolean;
}

/** What the PNG says around the map: the estimate note (with DREES's millésime) under the title, the legend, the source. */
export function scenarioMapOptions(map: ScenarioMapExport, metresPerPixel: number): MapExportOptions {
	const note = noteOf(map.estimate);
	const layers: LayerLegendEntry[] = map.ranked ? [{ id: 'ranked-points', label: '« Où installer ? » : rang', color: RANKED_CSS, shape: 'point' }] : [];
	return {
		title: map.title,
		subtitle: `${note[0].toUpperCase()}${note.slice(1)} — ${map.scope}`,
		unit: map.mode === 'variation' ? 'Consultations par an et par hab. standardisé' : 'APL (consultations par an et par hab. standardisé)',
		legend: map.legend.map((row, k) => ({ ...row, classIndex: k })),
		layers,
		// The estimate note is the subtitle: the source line stays short enough to read on a phone's export.
		attribution: `${mapSourceLine([sourceLine(getIndicator(`apl_mg_moins65_${map.estimate.annee}`))])} cls-atlas`,
		metresPerPixel
	};
}

/** The scenario's map as a PNG, by the explorer's composer: title and note above, legend right, source below. */
export function scenarioMapImage(shot: MapShot, map: ScenarioMapExport): { image: HTMLCanvasElement; filename: string } {
	const image = composeMapImage(shot.canvas, shot.cssWidth, shot.cssHeight, scenarioMapOptions(map, shot.metresPerPixel), shot.scale);
	const suffix = shot.scale === 1 ? '' : `-${shot.scale}x`;
	return { image, filename: `${slug(`scenario apl ${map.mode === 'variation' ? 'variation' : 'apres'} ${map.scope}`)}${suffix}.png` };
}

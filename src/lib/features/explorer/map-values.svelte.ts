import { STALE, type DataClient } from '../../data/queries/source';
import { territoryValues, type TerritoryValues } from '../../data/queries/values';
import { getIndicator, type Indicator } from '../../indicators/catalogue';
import type { Classification } from '../../indicators/classify';
import { classifyView, type ViewState } from '../../links/view-state';
import type { Area, Level } from '../../territory/key';
import { checkSameCodes, perfMark } from './opening';
import type { OpeningInputs, TerritoryShapes } from './territory-shapes.svelte';

/** Values shown: they belong to `indicator` at `level` (the view may be ahead while a query runs). */
export interface ShownValues {
	indicator: Indicator;
	level: Level;
	values: TerritoryValues;
}

/** What the values' client reads from the explorer that composes it. */
export interface ValueInputs extends OpeningInputs {
	shapes: TerritoryShapes;
	/** The area a view studies (null: France). */
	areaOf(view: ViewState): Promise<Area>;
}

/** The values the map colours and their classes: a client of the data layer, where a newer view's answer wins. */
export class MapValues {
	shown = $state.raw<ShownValues | null>(null);
	classification = $state.raw<Classification | null>(null);
	busy = $state(false);
	/** Communes of a scope that is a list of them (selection, CLS perimeter); `scope` tells which one. */
	scopeCommunes = $state.raw<{ scope: string; codes: readonly string[] } | null>(null);
	private client: DataClient | null = null;

	constructor(private readonly inputs: ValueInputs) {}

	connect(client: DataClient): void {
		this.client = client;
	}

	/**
	 * Queries the view's values (unless only the classes changed) and classifies them. Values over France,
	 * at any level, come from their artefacts without SQL; any other view waits for the engine if it is
	 * still starting. `onShown` runs as the new values are shown, before `busy` clears. Marks the timing for the benchmark.
	 */
	async refresh(view: ViewState, classesOnly: boolean, onShown: () => void): Promise<void> {
		const client = this.client;
		if (!client) return;
		perfMark('recolor-start');
		this.busy = true;
		const { shapes } = this.inputs;
		const indicator = getIndicator(view.indicator);
		const previous = this.shown;
		let shown: ShownValues | null | typeof STALE;
		try {
			shown = await client.request(async () => {
				if (classesOnly && previous) return previous;
				const firstView = await this.inputs.firstView();
				const direct = firstView?.values(indicator.id, view.level, view.scope);
				if (firstView && direct) {
					const geometry = await shapes.load(view.level);
					checkSameCodes(firstView.codes(view.level), geometry.codes, 'Les valeurs des territoires et leurs contours');
					shapes.nameOnce(view.level, () => firstView.names(view.level));
					this.scopeCommunes = null;
					return { indicator, level: view.level, values: direct };
				}
				// Any other view waits for the engine if it is still starting (null: it failed, the error is shown).
				const source = await this.inputs.whenEngine();
				if (!source) return null;
				await Promise.all([shapes.load(view.level), shapes.loadNames(view.level, source)]);
				const area = await this.inputs.areaOf(view);
				this.scopeCommunes = area !== null && 'codes' in area ? { scope: JSON.stringify(view.scope), codes: area.codes } : null;
				return { indicator, level: view.level, values: await territoryValues(source, indicator, view.level, area) };
			});
		} catch (error) {
			this.busy = false;
			throw error;
		}
		// A newer view was asked for meanwhile: its own refresh shows it (and clears `busy`).
		if (shown === STALE) return;
		if (!shown) {
			this.busy = false;
			return;
		}
		const { values, inScope } = shown.values;
		this.classification = classifyView(indicator, values, view, inScope);
		this.shown = shown;
		onShown();
		this.busy = false;
	}
}

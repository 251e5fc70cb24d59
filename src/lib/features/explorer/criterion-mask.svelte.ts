import { STALE, type DataClient } from '../../data/queries/source';
import { territoryValues } from '../../data/queries/values';
import { getIndicator } from '../../indicators/catalogue';
import { passesCriterion, type ViewState } from '../../links/view-state';
import type { OpeningInputs } from './territory-shapes.svelte';

/** The criterion filter (« communes où… »): a client of the data layer on commune values over France. */
export class CriterionMask {
	/** Commune mask of the criterion (1 = passes), or null without filter. */
	mask = $state.raw<Uint8Array | null>(null);
	/** The criterion's value of every commune (same order as the mask), or null without filter. */
	values = $state.raw<Float64Array | null>(null);
	private client: DataClient | null = null;

	constructor(private readonly inputs: OpeningInputs) {}

	connect(client: DataClient): void {
		this.client = client;
	}

	/** The criterion's values come from their artefact, or from the engine; a newer criterion's answer wins. */
	async refresh(filter: ViewState['filter']): Promise<void> {
		const client = this.client;
		if (!filter || !client) {
			client?.cancel();
			this.clear();
			return;
		}
		const indicator = getIndicator(filter.indicator);
		const values = await client.request(async () => {
			const direct = (await this.inputs.firstView())?.values(indicator.id, 'commune', { level: 'france' })?.values;
			if (direct) return direct;
			const source = await this.inputs.whenEngine();
			return source ? (await territoryValues(source, indicator, 'commune', null)).values : null;
		});
		if (values === STALE || !values) return;
		const mask = new Uint8Array(values.length);
		for (let i = 0; i < values.length; i++) mask[i] = passesCriterion(filter, values[i]) ? 1 : 0;
		this.values = values;
		this.mask = mask;
	}

	clear(): void {
		this.mask = null;
		this.values = null;
	}
}

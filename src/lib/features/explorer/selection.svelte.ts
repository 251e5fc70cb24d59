import type { ViewState } from '../../links/view-state';
import { MAX_SELECTION, countCommunes, normalizeSelection, type Level } from '../../territory/key';
import { formatNumber } from '../../territory/number';

/** The selection of communes (shift-click, lasso, retained list) and the territory a search asks the map to zoom to. */
export class CommuneSelection {
	/** Why the last addition to the selection of communes was refused. */
	groupWarning = $state<string | null>(null);
	/** A territory the map should zoom to (a search result); `n` makes each request distinct. */
	focusRequest = $state<{ level: Level; code: string; n: number } | null>(null);

	/** `view` and `update` are the explorer's: the selection is part of the view, and changes it. */
	constructor(
		private readonly view: () => ViewState,
		private readonly update: (change: Partial<ViewState>) => Promise<void>
	) {}

	focus(territory: { level: Level; code: string }): void {
		this.focusRequest = { ...territory, n: (this.focusRequest?.n ?? 0) + 1 };
	}

	/** Shift-click on a commune: in the selection of communes if it was not, out of it if it was. */
	toggleInGroup(code: string): Promise<void> {
		const group = this.view().group;
		return this.update({ group: group.includes(code) ? group.filter((c) => c !== code) : normalizeSelection([...group, code]) });
	}

	/** The lasso, or the retained communes: they join the selection, unless it would grow too large. */
	async addToGroup(codes: readonly string[]): Promise<void> {
		const size = countCommunes([...this.view().group, ...codes]);
		this.groupWarning =
			size > MAX_SELECTION
				? `Sélection non modifiée : elle compterait ${formatNumber(size, 0)} communes, au-delà de la limite de ${formatNumber(MAX_SELECTION, 0)}.`
				: null;
		if (!this.groupWarning) await this.update({ group: normalizeSelection([...this.view().group, ...codes]) });
	}
}

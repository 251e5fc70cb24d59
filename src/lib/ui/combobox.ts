/**
 * The search box's keyboard, as a pure function (WAI-ARIA 1.2 combobox with list autocomplete):
 * ArrowDown / ArrowUp move in the list (Alt+ArrowDown only opens it, Alt+ArrowUp closes it), Enter
 * chooses, Escape closes the list, then clears the text; every other key edits the text.
 */
export type SearchStatus = 'idle' | 'loading' | 'done' | 'error';

export interface ComboboxState {
	open: boolean;
	/** Index of the active option, -1 for none. */
	active: number;
	/** Number of options. */
	count: number;
	status: SearchStatus;
	text: string;
}

/** What a key does; null when the key is left to the text field (no preventDefault). */
export type ComboboxCommand =
	| { kind: 'show'; active: number }
	| { kind: 'close' }
	| { kind: 'choose'; index: number }
	| { kind: 'clear' }
	| { kind: 'nothing' };

function move(state: ComboboxState, step: 1 | -1): ComboboxCommand {
	const { open, active, count } = state;
	if (count === 0) return { kind: 'nothing' };
	const first = step === 1 ? 0 : count - 1;
	if (!open) return { kind: 'show', active: active < 0 ? first : active };
	return { kind: 'show', active: active < 0 ? first : (active + step + count) % count };
}

export function keyCommand(key: string, altKey: boolean, state: ComboboxState): ComboboxCommand | null {
	switch (key) {
		case 'ArrowDown':
			if (altKey) return state.count > 0 || state.status !== 'idle' ? { kind: 'show', active: state.active } : { kind: 'nothing' };
			return move(state, 1);
		case 'ArrowUp':
			return altKey ? { kind: 'close' } : move(state, -1);
		case 'Enter':
			return state.open && state.active >= 0 && state.active < state.count ? { kind: 'choose', index: state.active } : null;
		case 'Escape':
			if (state.open) return { kind: 'close' };
			return state.text !== '' ? { kind: 'clear' } : null;
		default:
			// Home, End and every other key: ordinary text editing.
			return null;
	}
}

/** What the live region says after a search. */
export function searchAnnouncement(status: SearchStatus, open: boolean, count: number): string {
	if (status === 'error') return 'Recherche impossible';
	if (status !== 'done' || !open) return '';
	if (count === 0) return 'Aucun résultat';
	return `${count} résultat${count > 1 ? 's' : ''}, flèches haut et bas pour parcourir, Entrée pour choisir`;
}

import { describe, expect, it } from 'vitest';
import { keyCommand, searchAnnouncement, type ComboboxState } from '../../../src/lib/ui/combobox';

const state = (s: Partial<ComboboxState> = {}): ComboboxState => ({ open: true, active: 0, count: 3, status: 'done', text: 'fig', ...s });

describe('the search box keyboard', () => {
	it('moves down and up through the options, wrapping at both ends', () => {
		expect(keyCommand('ArrowDown', false, state({ active: 1 }))).toEqual({ kind: 'show', active: 2 });
		expect(keyCommand('ArrowDown', false, state({ active: 2 }))).toEqual({ kind: 'show', active: 0 });
		expect(keyCommand('ArrowUp', false, state({ active: 0 }))).toEqual({ kind: 'show', active: 2 });
		expect(keyCommand('ArrowUp', false, state({ active: -1 }))).toEqual({ kind: 'show', active: 2 });
	});

	it('opens a closed list on the current option, or the first (down) or last (up) when none', () => {
		expect(keyCommand('ArrowDown', false, state({ open: false, active: 1 }))).toEqual({ kind: 'show', active: 1 });
		expect(keyCommand('ArrowDown', false, state({ open: false, active: -1 }))).toEqual({ kind: 'show', active: 0 });
		expect(keyCommand('ArrowUp', false, state({ open: false, active: -1 }))).toEqual({ kind: 'show', active: 2 });
		expect(keyCommand('ArrowDown', false, state({ count: 0, active: -1 }))).toEqual({ kind: 'nothing' });
	});

	it('opens with Alt+ArrowDown without moving, and closes with Alt+ArrowUp', () => {
		expect(keyCommand('ArrowDown', true, state({ open: false, active: 1 }))).toEqual({ kind: 'show', active: 1 });
		expect(keyCommand('ArrowDown', true, state({ open: false, count: 0, active: -1, status: 'idle' }))).toEqual({ kind: 'nothing' });
		expect(keyCommand('ArrowUp', true, state())).toEqual({ kind: 'close' });
	});

	it('chooses the active option with Enter, and leaves Enter alone otherwise', () => {
		expect(keyCommand('Enter', false, state({ active: 1 }))).toEqual({ kind: 'choose', index: 1 });
		expect(keyCommand('Enter', false, state({ open: false }))).toBeNull();
		expect(keyCommand('Enter', false, state({ active: -1 }))).toBeNull();
	});

	it('closes the list with Escape, then clears the text, then does nothing', () => {
		expect(keyCommand('Escape', false, state())).toEqual({ kind: 'close' });
		expect(keyCommand('Escape', false, state({ open: false }))).toEqual({ kind: 'clear' });
		expect(keyCommand('Escape', false, state({ open: false, text: '' }))).toBeNull();
	});

	it('leaves Home, End and letters to the text field', () => {
		for (const key of ['Home', 'End', 'a', 'Backspace']) expect(keyCommand(key, false, state())).toBeNull();
	});

	it('announces the number of hits, none, or a failure', () => {
		expect(searchAnnouncement('done', true, 1)).toBe('1 résultat, flèches haut et bas pour parcourir, Entrée pour choisir');
		expect(searchAnnouncement('done', true, 4)).toMatch(/^4 résultats,/);
		expect(searchAnnouncement('done', true, 0)).toBe('Aucun résultat');
		expect(searchAnnouncement('error', false, 0)).toBe('Recherche impossible');
		expect(searchAnnouncement('loading', true, 3)).toBe('');
		expect(searchAnnouncement('done', false, 3)).toBe('');
	});
});

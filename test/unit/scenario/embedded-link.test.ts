import { describe, expect, it } from 'vitest';
import { embeddedScenarioQuery, readEmbeddedScenario } from '../../../src/lib/links/scenario';
import { openHere } from '../../../src/lib/ui/open-here';

describe('a scenario in another page’s URL (the CLS page’s section)', () => {
	it('is open while `s` is there, even empty, and round-trips with its millésime', () => {
		expect(readEmbeddedScenario(new URLSearchParams(''))).toEqual({ open: false, s: '', a: 2023 });
		expect(readEmbeddedScenario(new URLSearchParams('s='))).toEqual({ open: true, s: '', a: 2023 });
		const next = { open: true, s: 'msp:46128:4;retrait:46102:1', a: 2022 } as const;
		expect(readEmbeddedScenario(new URLSearchParams(embeddedScenarioQuery(new URLSearchParams(), next)))).toEqual(next);
	});
	it('keeps the page’s other parameters and takes its own out when closed', () => {
		const page = new URLSearchParams('x=1&s=ajout%3A46128%3A1&a=2022');
		expect(embeddedScenarioQuery(page, { open: false, s: 'ajout:46128:1', a: 2022 })).toBe('x=1');
		// 2023 is the default: not written.
		expect(embeddedScenarioQuery(page, { open: true, s: 'ajout:46128:2', a: 2023 })).toBe('x=1&s=ajout%3A46128%3A2');
		// The page's parameters are not changed in place.
		expect(page.get('s')).toBe('ajout:46128:1');
	});
});

describe('a link that opens its content on the page', () => {
	const click = (init: Partial<MouseEvent>) => {
		let prevented = false;
		const event = { button: 0, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...init, preventDefault: () => (prevented = true) } as MouseEvent;
		return { event, prevented: () => prevented };
	};
	it('calls the handler on a plain click instead of following the link', () => {
		let calls = 0;
		const c = click({});
		openHere(() => calls++)(c.event);
		expect([calls, c.prevented()]).toEqual([1, true]);
	});
	it('follows the link for a new tab, another button, or without a handler', () => {
		let calls = 0;
		for (const init of [{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }, { button: 1 }]) {
			const c = click(init);
			openHere(() => calls++)(c.event);
			expect(c.prevented()).toBe(false);
		}
		const c = click({});
		openHere(undefined)(c.event);
		expect([calls, c.prevented()]).toEqual([0, false]);
	});
});

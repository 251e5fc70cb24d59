import { describe, expect, it } from 'vitest';
import { capText, fit } from '../../../src/lib/export/table-image';

/** A fake canvas: 6 px a character; counts the measures and the characters measured. */
function fakeCtx() {
	const stats = { calls: 0, chars: 0 };
	return {
		stats,
		measureText(text: string) {
			stats.calls++;
			stats.chars += text.length;
			return { width: 6 * text.length } as TextMetrics;
		}
	};
}

describe('table picture text fitting', () => {
	it('fits a 100,000-character name in a few short measures, with an ellipsis', () => {
		const ctx = fakeCtx();
		const out = fit(ctx, 'x'.repeat(100_000), 360);
		expect(out.endsWith('…')).toBe(true);
		expect(6 * out.length).toBeLessThanOrEqual(360);
		expect(out.length).toBe(60); // the longest prefix that fits: 59 characters and « … »
		expect(ctx.stats.calls).toBeLessThanOrEqual(12);
		expect(ctx.stats.chars).toBeLessThan(5_000);
	});

	it('keeps text that fits, and cuts at the right place whatever the length', () => {
		for (const n of [1, 2, 59, 60, 61, 399, 400, 401, 5_000]) {
			const ctx = fakeCtx();
			const out = fit(ctx, 'é'.repeat(n), 360);
			if (n <= 60) expect(out).toBe('é'.repeat(n));
			else expect(out).toBe(`${'é'.repeat(59)}…`);
		}
	});

	it('caps long fields before anything measures them', () => {
		expect(capText('a'.repeat(10))).toBe('a'.repeat(10));
		const capped = capText('a'.repeat(100_000));
		expect(capped.length).toBe(400);
		expect(capped.endsWith('…')).toBe(true);
	});
});

import type { Page } from 'playwright-core';

/** The « Et si… ? » table of affected communes as the page renders it: code, change and standardised population per row. */
export async function tableRows(page: Page): Promise<{ code: string; variation: number; pstd: number }[]> {
	return page.getByTestId('scenario-table').locator('tbody tr').evaluateAll((trs) =>
		trs.map((tr) => ({ code: tr.getAttribute('data-code') ?? '', variation: Number(tr.getAttribute('data-variation')), pstd: Number(tr.getAttribute('data-pstd')) }))
	);
}

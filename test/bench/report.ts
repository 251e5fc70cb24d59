/**
 * Benchmark of the « Rapport de diagnostic »: the Cauvaldor CLS report with every section, PDF then Word,
 * from the click to the file, in the built app. The figures are read once per page (the second format
 * reuses them): `report_cauvaldor_pdf` includes that reading, `report_cauvaldor_docx` does not.
 * Target on a 2-core machine: ≤ 15 s, no main-thread task over 200 ms (PerformanceObserver 'longtask').
 * Figures only: nothing here passes or fails. Run alone with `BENCH_ONLY=report npm run bench`.
 */
import type { Browser } from 'playwright-core';
import type { Report } from './import';
import { reportLongTasks, takeLongTasks, watchLongTasks } from './longtasks';

export async function reportBench(browser: Browser, url: string, report: Report): Promise<void> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
	await watchLongTasks(context);
	try {
		const page = await context.newPage();
		await page.goto(`${url}/territoire/cls/cauvaldor`);
		await page.getByTestId('report-panel').waitFor({ timeout: 120_000 });
		// The portrait's own map and ranks first: the figures are the report's.
		await page.getByTestId('portrait-map-legend').waitFor({ timeout: 120_000 });
		await page.waitForTimeout(2_000);
		await page.locator('[data-testid=report-panel] summary').click();
		for (const format of ['pdf', 'docx'] as const) {
			await takeLongTasks(page);
			const t0 = Date.now();
			await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByTestId(`report-${format}`).click()]);
			report(`report_cauvaldor_${format}`, Date.now() - t0, 'ms');
			reportLongTasks(report, `report_${format}`, await takeLongTasks(page));
		}
	} finally {
		await context.close();
	}
}

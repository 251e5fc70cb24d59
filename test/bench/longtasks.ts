/**
 * Main-thread tasks over 50 ms (PerformanceObserver 'longtask'), collected in every page of a context from its
 * first script on: the benches print the longest and the count over 200 ms, the limit a user feels as a freeze.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { Report } from './import';

export async function watchLongTasks(context: BrowserContext): Promise<void> {
	await context.addInitScript(() => {
		const w = window as unknown as { longTasks: number[] };
		w.longTasks = [];
		new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
	});
}

/** The long tasks since the last call, emptied. */
export function takeLongTasks(page: Page): Promise<number[]> {
	return page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));
}

export function reportLongTasks(report: Report, name: string, tasks: readonly number[]): void {
	report(`${name}_longtask_max`, Math.max(0, ...tasks), 'ms');
	report(`${name}_longtasks_over_200ms`, tasks.filter((d) => d > 200).length, 'tasks');
}

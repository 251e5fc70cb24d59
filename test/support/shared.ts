/**
 * The raw open data and CLS documents that CI puts beside the checkout (`../shared`), resolved from the
 * repository root. A test that needs them fails with the path it looked for, never skips: a missing
 * folder on CI must turn the run red, not silently test nothing.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** `../shared/<parts>` from the repository root; throws (in French, with the path) when it is absent. */
export function sharedPath(...parts: string[]): string {
	const path = resolve(REPO_ROOT, '../shared', ...parts);
	if (!existsSync(path)) throw new Error(`${path} introuvable : les tests lisent ../shared à côté du dépôt (données brutes et documents des CLS)`);
	return path;
}

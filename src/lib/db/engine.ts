import type { FileDb } from './connector';

let engine: Promise<FileDb> | null = null;

/**
 * The page's one DuckDB. Compiling its 34 MB of wasm is the longest step of a cold start, so the
 * root layout asks for it as soon as the app boots, before the heavier map code has even loaded.
 */
export function browserEngine(): Promise<FileDb> {
	engine ??= import('./browser').then(({ openBrowserDb }) => openBrowserDb());
	return engine;
}

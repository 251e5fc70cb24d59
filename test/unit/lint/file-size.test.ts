import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

/** The most lines a file of src/ may have: a module, or a component (its markup and style included). */
const CAP = { ts: 500, svelte: 300 } as const;

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : /\.(ts|js|svelte)$/.test(name) ? [path] : [];
	});
}

function lines(path: string): number {
	const text = readFileSync(path, 'utf8');
	return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Every file of src/ over its cap, with its size. */
function overCap(): Record<string, number> {
	const over: Record<string, number> = {};
	for (const path of files(join(ROOT, 'src'))) {
		const cap = path.endsWith('.svelte') ? CAP.svelte : CAP.ts;
		const size = lines(path);
		if (size > cap) over[relative(ROOT, path).replaceAll('\\', '/')] = size;
	}
	return over;
}

describe('no file of src/ over its size cap', () => {
	it(`no module over ${CAP.ts} lines nor component over ${CAP.svelte}`, () => {
		expect(overCap()).toEqual({});
	});
});

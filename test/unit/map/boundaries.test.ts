import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// The map is a shared library of components: features pass it data and callbacks, it never reaches into them.
const MAP = resolve(import.meta.dirname, '../../../src/lib/map');
const PERIMETER_MAP = resolve(import.meta.dirname, '../../../src/lib/map/PerimeterMap.svelte');
const files = readdirSync(MAP).map((f) => resolve(MAP, f));

describe('src/lib/map', () => {
	it('imports nothing from a feature folder (explorer, cls, portrait)', () => {
		const offending = files.filter((f) => /from '\.\.\/(explorer|cls|portrait)\//.test(readFileSync(f, 'utf8')));
		expect(offending).toEqual([]);
	});

	it('has no component over 300 lines, nor has PerimeterMap', () => {
		const long = [...files.filter((f) => f.endsWith('.svelte')), PERIMETER_MAP].filter(
			(f) => readFileSync(f, 'utf8').split('\n').length > 300
		);
		expect(long).toEqual([]);
	});

	it('has one map bootstrap: only BaseMap creates a MapLibre map', () => {
		const creators = [...files, PERIMETER_MAP].filter((f) => readFileSync(f, 'utf8').includes('new maplibregl.Map('));
		expect(creators.map((f) => f.slice(f.lastIndexOf('/') + 1))).toEqual(['BaseMap.svelte']);
	});
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../support/shared';
import { build } from '../../../pipeline/build';

const ROOT = resolve(import.meta.dirname, '../../..');
const RAW = sharedPath('data');

describe('npm run data', () => {
	it(`rebuilds byte-identical artefacts from ${RAW}`, async () => {
		const out = mkdtempSync(join(tmpdir(), 'cls-atlas-data-'));
		try {
			const entries = await build({ from: RAW, out });
			const committed = JSON.parse(readFileSync(join(ROOT, 'static/data/manifest.json'), 'utf8'));
			expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toEqual(committed);
			expect(entries.map((e) => e.table)).toContain('communes_geom');
			const communes = entries.find((e) => e.table === 'communes');
			expect(communes?.rows).toBe(34_875);
		} finally {
			rmSync(out, { recursive: true, force: true });
		}
		// The whole pipeline, beside another unit worker on two cores: past the suite's default ceiling.
	}, 600_000);
});

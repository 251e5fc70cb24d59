import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS, forbidden, layerOf } from '../../lint/layers.js';

const ROOT = join(import.meta.dirname, '../../..');
const layer = (name: string) => LAYERS.find((l) => l.name === name) ?? null;

describe('the ranks of npm run lint', () => {
	it('places every folder of the house in its layer', () => {
		expect(layerOf(join(ROOT, 'src/lib/territory/key.ts'))?.name).toBe('territory');
		expect(layerOf(join(ROOT, 'src/lib/data/queries/sql.ts'))?.name).toBe('data');
		expect(layerOf(join(ROOT, 'src/lib/features/explorer/Controls.svelte'))?.name).toBe('features/explorer');
		expect(layerOf(join(ROOT, 'pipeline/build.ts'))?.name).toBe('pipeline');
		expect(layerOf(join(ROOT, 'src/routes/+page.svelte'))?.name).toBe('app');
		expect(layerOf(join(ROOT, 'src/lib/text/csv.ts'))?.name).toBe('text');
		expect(layerOf(join(ROOT, 'test/unit/lint/layers.test.ts'))).toBeNull();
	});

	it('lets imports go down, never up nor sideways between features', () => {
		expect(forbidden(layer('map'), layer('data'))).toBeNull();
		expect(forbidden(layer('data'), layer('map'))).toMatch(/ne remonte jamais/);
		expect(forbidden(layer('features/explorer'), layer('features/portrait'))).toMatch(/même rang/);
	});

	it('fails ESLint on a planted upward import, and passes the same file importing downward', async () => {
		const eslint = new ESLint({ cwd: ROOT });
		const planted = join(ROOT, 'src/lib/territory/planted.ts');
		const [up] = await eslint.lintText("import { MapContext } from '../map/context.svelte';\nexport type X = MapContext;\n", { filePath: planted });
		expect(up.messages.map((m) => m.ruleId)).toContain('layers/rank');
		expect(up.messages.find((m) => m.ruleId === 'layers/rank')?.message).toMatch(/territory \(rang 0\) n’importe pas map/);
		const [down] = await eslint.lintText("import { LEVELS } from './key';\nexport const N = LEVELS.length;\n", { filePath: planted });
		expect(down.messages.filter((m) => m.ruleId === 'layers/rank')).toEqual([]);
	});
});

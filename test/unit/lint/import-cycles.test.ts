import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph } from '../../lint/import-cycles';

describe('the import-cycle check of npm run lint', () => {
	it('finds a circle, and only the modules in it', () => {
		const graph = new Map([
			['a', ['b']],
			['b', ['c']],
			['c', ['a', 'd']],
			['d', []],
			['e', ['e']]
		]);
		expect(cycles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
		expect(cycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
	});

	it('reads relative, $lib/ and type-only imports of .ts and .svelte files', () => {
		const src = join(import.meta.dirname, '../../../src');
		const explorer = join(src, 'lib/features/explorer/explorer.svelte.ts');
		const panel = join(src, 'lib/features/explorer/SelectionPanel.svelte');
		const page = join(src, 'routes/+page.svelte');
		const graph = importGraph([explorer, panel, page]);
		expect(graph.get(explorer)).toContain(join(src, 'lib/data/queries/values.ts'));
		expect(graph.get(explorer)).toContain(join(src, 'lib/data/queries/artefacts.ts'));
		expect(graph.get(panel)).toContain(join(src, 'lib/data/queries/profile.ts'));
		expect(graph.get(panel)).toContain(join(src, 'lib/features/explorer/CommuneCls.svelte'));
		expect(graph.get(page)).toContain(join(src, 'lib/features/explorer/explorer.svelte.ts'));
	});
});

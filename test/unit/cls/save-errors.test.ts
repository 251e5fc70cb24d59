import { describe, expect, it } from 'vitest';
import { SHIPPED_CLS } from '../../../src/lib/register/register';
import { updateAction } from '../../../src/lib/register/edit';
import { walkActions } from '../../../src/lib/register/schema';
import { MemoryClsStore, storageError, type ClsUpdate } from '../../../src/lib/data/storage/store';
import { ClsRegistry } from '../../../src/lib/data/storage/registry.svelte';

/** A store whose writes fail as the browser's IndexedDB does (its errors turned French by `storageError`). */
class FailingStore extends MemoryClsStore {
	constructor(private readonly failure: DOMException) {
		super();
	}
	override async update(u: ClsUpdate): ReturnType<MemoryClsStore['update']> {
		void u;
		throw storageError(this.failure);
	}
}

describe('« Enregistrer » when the browser’s storage fails', () => {
	const cauvaldor = SHIPPED_CLS.find((c) => c.id === 'cauvaldor')!;
	const id = [...walkActions(cauvaldor)][0].action.id;

	it.each([
		['QuotaExceededError', /^L’espace de stockage du navigateur est plein : rien n’a été enregistré/],
		['InvalidStateError', /^Le stockage du navigateur est indisponible \(données effacées ou navigation privée \?\)/]
	])('%s: a French message, and the registry keeps the version it had', async (name, message) => {
		const registry = new ClsRegistry(new FailingStore(new DOMException('', name)));
		await registry.load();
		const r = updateAction(registry.get('cauvaldor')!, id, { pilote: 'Essai' });
		if (!r.ok) throw new Error('edit refused');
		await expect(registry.save(r.cls)).rejects.toThrow(message);
		expect([...walkActions(registry.get('cauvaldor')!)][0].action.pilote).toBe([...walkActions(cauvaldor)][0].action.pilote);
	});
});

import { describe, expect, it } from 'vitest';
import { SHIPPED_CLS } from '../../../src/lib/register/register';
import { InvalidClsError, IndexedDbClsStore, MemoryClsStore, editKind, mergeWithShipped } from '../../../src/lib/data/storage/store';
import type { Cls } from '../../../src/lib/register/schema';

const shipped = SHIPPED_CLS as Cls[];

function newCls(): Cls {
	return { ...structuredClone(shipped[1]), id: 'cls-test', nom: 'CLS de test' };
}

describe('MemoryClsStore', () => {
	it('saves, loads, overrides shipped CLS by id, removes and resets', async () => {
		const store = new MemoryClsStore();
		expect((await store.loadEdits()).edits).toEqual([]);

		const edited = { ...structuredClone(shipped[0]), nom: 'Cauvaldor (édité)' };
		await store.save(edited);
		await store.save(newCls());
		const { edits, rejected } = await store.loadEdits();
		expect(rejected).toEqual([]);
		expect(edits.map((c) => c.id)).toEqual(['cauvaldor', 'cls-test']);

		const merged = mergeWithShipped(shipped, edits);
		expect(merged).toHaveLength(shipped.length + 1);
		expect(merged[0].nom).toBe('Cauvaldor (édité)');
		expect(merged.slice(1, shipped.length)).toEqual(shipped.slice(1));
		expect(editKind(shipped, 'cauvaldor', edits)).toBe('modifié');
		expect(editKind(shipped, 'cls-test', edits)).toBe('créé');
		expect(editKind(shipped, 'grand-figeac', edits)).toBe('livré');

		await store.remove('cauvaldor');
		expect(mergeWithShipped(shipped, (await store.loadEdits()).edits)[0]).toEqual(shipped[0]);
		await store.reset();
		expect((await store.loadEdits()).edits).toEqual([]);
	});

	it('refuses an invalid CLS and keeps what was saved', async () => {
		const store = new MemoryClsStore();
		await store.save(newCls());
		const bad = { ...newCls(), statutInconnu: true, id: 'Pas un slug' } as unknown as Cls;
		await expect(store.save(bad)).rejects.toBeInstanceOf(InvalidClsError);
		await expect(store.saveAll([newCls(), bad])).rejects.toThrow(/identifiant valide/);
		expect((await store.loadEdits()).edits.map((c) => c.id)).toEqual(['cls-test']);
	});

	it('stores copies: mutating a saved object does not change the store', async () => {
		const store = new MemoryClsStore();
		const c = newCls();
		await store.save(c);
		c.nom = 'changé après coup';
		expect((await store.loadEdits()).edits[0].nom).toBe('CLS de test');
	});
});

describe('IndexedDbClsStore', () => {
	it('fails with a French message where IndexedDB is absent (Node)', async () => {
		const store = new IndexedDbClsStore('cls-atlas-test', undefined);
		await expect(store.loadEdits()).rejects.toThrow('IndexedDB n’est pas disponible dans cet environnement');
	});
});

describe('storage errors', () => {
	it('a full storage gets a French message, not an empty one', async () => {
		const { storageError } = await import('../../../src/lib/data/storage/store');
		const quota = storageError(new DOMException('', 'QuotaExceededError'));
		expect(quota.message).toMatch(/^L’espace de stockage du navigateur est plein/);
		expect(storageError(new DOMException('The database connection is closing.', 'InvalidStateError')).message).toMatch(/^Le stockage du navigateur est indisponible/);
		expect(storageError(new Error('Something else')).message).not.toMatch(/Something/);
	});
});

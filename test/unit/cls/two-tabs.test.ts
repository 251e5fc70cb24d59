import { describe, expect, it } from 'vitest';
import { SHIPPED_CLS } from '../../../src/lib/register/register';
import { updateAction, addAction, newCls } from '../../../src/lib/register/edit';
import { walkActions, type Cls } from '../../../src/lib/register/schema';
import { MemoryClsStore } from '../../../src/lib/data/storage/store';
import { merge3 } from '../../../src/lib/register/merge';
import { ClsRegistry } from '../../../src/lib/data/storage/registry.svelte';

const shipped = SHIPPED_CLS as Cls[];
const cauvaldor = shipped.find((c) => c.id === 'cauvaldor')!;
const [a1, a2, a3] = [...walkActions(cauvaldor)].map((l) => l.action.id);

function edited(r: ReturnType<typeof updateAction>): Cls {
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.cls;
}
const titleOf = (cls: Cls | undefined, id: string) => [...walkActions(cls!)].find((l) => l.action.id === id)?.action.titre;

/** Two tabs: two registries over one store (one IndexedDB), each with its own copy read once. */
async function twoTabs(answer = true) {
	const store = new MemoryClsStore();
	const messages: string[][] = [];
	const asked: string[] = [];
	const ask = (q: string) => (asked.push(q), answer);
	const a = new ClsRegistry(store, { postMessage: (m) => messages.push(m.ids) }, ask);
	const b = new ClsRegistry(store, null, ask);
	await a.load();
	await b.load();
	return { store, a, b, messages, asked };
}

describe('two tabs editing the same CLS', () => {
	it('keeps both edits when the tabs changed different actions', async () => {
		const { store, a, b } = await twoTabs();
		await a.save(edited(updateAction(a.get('cauvaldor')!, a2, { titre: 'Titre de l’onglet A' })));
		// Tab B was not reloaded: its copy predates A's save.
		await b.save(edited(updateAction(b.get('cauvaldor')!, a3, { titre: 'Titre de l’onglet B' })));
		const fresh = new ClsRegistry(store);
		await fresh.load();
		expect(titleOf(fresh.get('cauvaldor'), a2)).toBe('Titre de l’onglet A');
		expect(titleOf(fresh.get('cauvaldor'), a3)).toBe('Titre de l’onglet B');
		expect(titleOf(fresh.get('cauvaldor'), a1)).toBe(titleOf(cauvaldor, a1));
		expect(b.notice).toMatch(/modifié dans un autre onglet/);
	});

	it('keeps both when the tabs changed different fields of the same action, and an added action', async () => {
		const { store, a, b } = await twoTabs();
		await a.save(edited(updateAction(a.get('cauvaldor')!, a2, { description: 'Description de A' })));
		await b.save(edited(updateAction(b.get('cauvaldor')!, a2, { statut: 'abandonnée' })));
		await a.save(edited(addAction(a.get('cauvaldor')!, 'horsAxe', { titre: 'Ajout de A' })));
		await b.save(edited(addAction(b.get('cauvaldor')!, 'horsAxe', { titre: 'Ajout de B' })));
		const { edits } = await store.loadEdits();
		const act = [...walkActions(edits[0])].find((l) => l.action.id === a2)!.action;
		expect(act.description).toBe('Description de A');
		expect(act.statut).toBe('abandonnée');
		expect(edits[0].actionsHorsAxe.map((x) => x.titre)).toEqual(expect.arrayContaining(['Ajout de A', 'Ajout de B']));
	});

	it('asks in French when both tabs changed the same field, and keeps the chosen version', async () => {
		for (const answer of [true, false]) {
			const { store, a, b, asked } = await twoTabs(answer);
			await a.save(edited(updateAction(a.get('cauvaldor')!, a2, { titre: 'Titre A' })));
			await b.save(edited(updateAction(b.get('cauvaldor')!, a2, { titre: 'Titre B' })));
			expect(asked).toHaveLength(1);
			expect(asked[0]).toContain(`« titre » de l’action « ${a2} »`);
			expect(asked[0]).toMatch(/autre onglet/);
			expect(titleOf((await store.loadEdits()).edits[0], a2)).toBe(answer ? 'Titre B' : 'Titre A');
		}
	});

	it('tells the other tabs which CLS changed', async () => {
		const { a, messages } = await twoTabs();
		await a.save(edited(updateAction(a.get('cauvaldor')!, a2, { titre: 'x' })));
		await a.remove('cauvaldor');
		expect(messages).toEqual([['cauvaldor'], ['cauvaldor']]);
	});

	it('keeps both CLS when two tabs create the same id', async () => {
		const { store, a, b } = await twoTabs();
		const fields = { nom: 'CLS du test', porteurType: 'EPCI' as const, porteurNom: 'EPCI', ars: 'Occitanie', epci: ['200066223'], debut: null, fin: null };
		const taken = new Set(a.list.map((c) => c.id));
		const first = edited(newCls(fields, taken));
		const second = { ...edited(newCls(fields, taken)), nom: 'CLS du test (onglet B)' };
		expect(second.id).toBe(first.id);
		const savedA = await a.save(first);
		const savedB = await b.save(second);
		expect(savedB.id).not.toBe(savedA.id);
		const noms = (await store.loadEdits()).edits.map((c) => c.nom).sort();
		expect(noms).toEqual(['CLS du test', 'CLS du test (onglet B)']);
		expect(b.notice).toContain(savedB.id);
	});
});

describe('merge3', () => {
	it('writes only what changed: unchanged mine gives theirs, unchanged theirs gives mine', () => {
		const base = { a: 1, b: [1, 2], c: { d: 'x' } };
		expect(merge3(base, base, { ...base, a: 2 }).value).toEqual({ ...base, a: 2 });
		expect(merge3(base, { ...base, b: [3] }, { ...base, c: { d: 'y' } }).value).toEqual({ a: 1, b: [3], c: { d: 'y' } });
		expect(merge3(base, { ...base, a: 3 }, { ...base, a: 2 }).conflicts.map((c) => c.path)).toEqual(['a']);
		expect(merge3(base, { ...base, a: 3 }, { ...base, a: 2 }, 'theirs').value.a).toBe(2);
	});
});

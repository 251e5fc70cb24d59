import { describe, expect, it } from 'vitest';
import { SHIPPED_CLS } from '../../../src/lib/register/register';
import { addAction, removeAction, updateAction, type EditResult } from '../../../src/lib/register/edit';
import { walkActions, type Cls } from '../../../src/lib/register/schema';
import { applyChanges, changeSetFile, changesOf, exportChangeSet, mergeAccepted, readChangeSet } from '../../../src/lib/register/changeset';

const aurillac = SHIPPED_CLS.find((c) => c.id === 'bassin-aurillac-carlades-chataigneraie-2024-2028')!;
const [first, second, third] = [...walkActions(aurillac, { historique: false })].map((l) => l.action);
const ok = (r: EditResult): Cls => {
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.cls;
};
const actionOf = (cls: Cls, id: string) => [...walkActions(cls)].find((l) => l.action.id === id)?.action;
const bytes = (text: string) => new TextEncoder().encode(text);

/** The sender's version: a target and a pilot on the first action, a status on the second, one action removed, one added. */
function senderVersion(): Cls {
	let cls = ok(updateAction(aurillac, first.id, { cible: { type: 'communes', communes: ['15014', '15187'] }, pilote: 'CPTS du Bassin d’Aurillac' }));
	cls = ok(updateAction(cls, second.id, { statut: 'en cours' }));
	cls = ok(removeAction(cls, third.id));
	return ok(addAction(cls, { axe: 0, fiche: 0 }, { titre: 'Action ajoutée par la coordinatrice' }));
}

describe('a change set', () => {
	it('lists one change per action field, per added or removed action', () => {
		const changes = changesOf(aurillac, senderVersion());
		const summary = changes.map((c) => [c.kind, c.action?.id, c.field]);
		expect(summary).toEqual(
			expect.arrayContaining([
				['modifié', first.id, 'cible'],
				['modifié', first.id, 'pilote'],
				['modifié', second.id, 'statut'],
				['supprimé', third.id, null],
				['ajouté', 'action-ajoutee-par-la-coordinatrice', null]
			])
		);
		expect(changes).toHaveLength(5);
		expect(changesOf(aurillac, aurillac)).toEqual([]);
	});

	it('applies all its changes back into the sender’s version, and only the accepted ones otherwise', () => {
		const mine = senderVersion();
		const changes = changesOf(aurillac, mine);
		expect(changesOf(applyChanges(aurillac, changes), mine)).toEqual([]);
		const onlyTarget = applyChanges(aurillac, changes.filter((c) => c.field === 'cible'));
		expect(actionOf(onlyTarget, first.id)?.cible).toEqual({ type: 'communes', communes: ['15014', '15187'] });
		expect(actionOf(onlyTarget, first.id)?.pilote).toBe(first.pilote);
		expect(actionOf(onlyTarget, second.id)?.statut).toBe(second.statut);
		expect(actionOf(onlyTarget, third.id)).toBeDefined();
		// The original is never modified.
		expect(actionOf(aurillac, first.id)?.cible).toEqual(first.cible);
	});

	it('round-trips through its file, and refuses other files in French', () => {
		const mine = senderVersion();
		const read = readChangeSet(bytes(exportChangeSet(changeSetFile(aurillac, mine))));
		expect(read.ok).toBe(true);
		if (read.ok) expect(changesOf(read.file.base, read.file.cls)).toEqual(changesOf(aurillac, mine));
		const notOurs = readChangeSet(bytes(JSON.stringify(aurillac)));
		expect(notOurs).toMatchObject({ ok: false, errors: [expect.stringContaining('n’est pas un fichier de modifications')] });
		expect(readChangeSet(bytes('{ pas du json'))).toMatchObject({ ok: false, errors: [expect.stringContaining('JSON')] });
		const broken = JSON.parse(exportChangeSet(changeSetFile(aurillac, mine))) as { cls: { axes: { titre: string }[] } };
		broken.cls.axes[0].titre = '';
		const r = readChangeSet(bytes(JSON.stringify(broken)));
		expect(r).toMatchObject({ ok: false, errors: [expect.stringMatching(/^cls\.axes\[0\]\.titre : /)] });
		expect(readChangeSet(new Uint8Array())).toMatchObject({ ok: false, errors: ['Le fichier est vide.'] });
	});

	it('merges the accepted changes into the colleague’s own edits, and names the fields both changed', () => {
		const mine = senderVersion();
		const file = changeSetFile(aurillac, mine);
		const changes = changesOf(aurillac, mine);
		// The colleague changed the second action's status and the first one's description meanwhile.
		const theirs = ok(updateAction(ok(updateAction(aurillac, second.id, { statut: 'abandonnée' })), first.id, { description: 'Note de la collègue' }));
		const accepted = changes.filter((c) => c.field === 'cible' || c.field === 'statut');
		const { cls, conflicts } = mergeAccepted(file, accepted, theirs);
		expect(actionOf(cls, first.id)?.cible.type).toBe('communes');
		expect(actionOf(cls, first.id)?.description).toBe('Note de la collègue');
		expect(actionOf(cls, first.id)?.pilote).toBe(first.pilote);
		expect(actionOf(cls, second.id)?.statut).toBe('en cours');
		expect(conflicts.map((c) => c.label)).toEqual([`« statut » de l’action « ${second.id} »`]);
		const refused = mergeAccepted(file, changes.filter((c) => c.field === 'cible'), theirs);
		expect(refused.conflicts).toEqual([]);
		expect(actionOf(refused.cls, second.id)?.statut).toBe('abandonnée');
	});
});

import { describe, expect, it } from 'vitest';
import { additionMessage, planAddition } from '../../../src/lib/features/portrait/add-nearby';

/** FICTITIOUS communes (codes and names made up for the test). */
const list = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((l, i) => ({ code: `9900${i}`, nom: `Commune ${l}` }));

describe('planAddition', () => {
	it('skips communes already compared and keeps the order of the list', () => {
		const plan = planAddition(list.slice(0, 3), new Set(['99001']), 5);
		expect(plan.added.map((c) => c.nom)).toEqual(['Commune A', 'Commune C']);
		expect(plan.present).toBe(1);
		expect(plan.leftOut).toEqual([]);
	});

	it('cuts the list at the room left and says what did not fit', () => {
		const plan = planAddition(list, new Set(), 5);
		expect(plan.added).toHaveLength(5);
		expect(plan.leftOut.map((c) => c.nom)).toEqual(['Commune F', 'Commune G']);
		expect(planAddition(list, new Set(), 0).added).toEqual([]);
	});
});

describe('additionMessage', () => {
	it('says in French how many were added and which did not fit under the maximum', () => {
		const plan = planAddition(list, new Set(), 5);
		expect(additionMessage('voisines', 'Saint-Exemple', '', plan, 6)).toBe(
			'5 communes voisines de Saint-Exemple ajoutées sur 7. La comparaison est limitée à 6 territoires ; non ajoutées : Commune F, Commune G.'
		);
	});

	it('names the EPCI, and says when nothing is left to add', () => {
		expect(additionMessage('epci', 'X', 'CC Exemple', planAddition(list.slice(0, 1), new Set(), 5), 6)).toBe('1 commune de CC Exemple ajoutée.');
		expect(additionMessage('voisines', 'X', '', planAddition(list.slice(0, 2), new Set(['99000', '99001']), 5), 6)).toBe(
			'Les 2 communes voisines de X sont déjà comparées.'
		);
		expect(additionMessage('voisines', 'Île', '', planAddition([], new Set(), 5), 6)).toBe('Aucune commune ne partage de frontière avec Île.');
	});
});

import { describe, expect, it } from 'vitest';
import { SHIPPED_CLS } from '../../../src/lib/register/register';
import { walkActions } from '../../../src/lib/register/schema';
import { shownSummary } from '../../../src/lib/features/cls/ui/format';

describe('the counts of the programme, said once', () => {
	it('names what it counts: the programme’s objectifs spécifiques apart from the previous contract’s actions', () => {
		const aurillac = SHIPPED_CLS.find((c) => c.id === 'bassin-aurillac-carlades-chataigneraie-2024-2028')!;
		const leaves = [...walkActions(aurillac)];
		const programme = leaves.filter((l) => !l.historique).map((l) => l.action);
		const bilan = leaves.filter((l) => l.historique).map((l) => l.action);
		const text = shownSummary({ all: programme, shown: programme.slice(1) }, { all: bilan, shown: bilan });
		expect(text).toBe(
			`Affichés : ${programme.length - 1} objectifs spécifiques du programme sur ${programme.length} ; ${bilan.length} actions du bilan du contrat précédent sur ${bilan.length}`
		);
	});
});

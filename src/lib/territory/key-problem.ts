/** What a link's territory key says about itself, in French (apart from key.ts: numbers are formatted by indicators/format, which reads the catalogue). */
import { formatNumber } from './number';
import { MAX_SELECTION, countCommunes, selectionCommunes } from './key';

/** Why a key cannot be a territory, in French, when its form says it (a selection over the limit); null otherwise. */
export function keyProblem(niveau: string, code: string): string | null {
	if (niveau !== 'selection') return null;
	const count = countCommunes(selectionCommunes(code));
	return count > MAX_SELECTION
		? `Une sélection compte au plus ${formatNumber(MAX_SELECTION, 0)} communes ; celle de ce lien en compte ${formatNumber(count, 0)}. Réduisez-la (par exemple en étudiant l’EPCI ou le département).`
		: null;
}

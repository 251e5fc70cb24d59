/**
 * « Ajouter les communes voisines / de l'EPCI » on the comparison page: which communes fit in the
 * comparison, and what to tell the user, in French, when some are already there or do not fit.
 */
import type { NearbyCommune } from '../../data/queries/neighbours';

export type NearbyKind = 'voisines' | 'epci';

export interface AdditionPlan {
	/** Communes to add, in the order of the list (largest population first). */
	added: NearbyCommune[];
	/** How many of the list were already compared. */
	present: number;
	/** Communes that did not fit under the maximum, in order. */
	leftOut: NearbyCommune[];
}

/** Splits `candidates` into what fits in the `room` left and what does not, skipping `compared` codes. */
export function planAddition(candidates: readonly NearbyCommune[], compared: ReadonlySet<string>, room: number): AdditionPlan {
	const fresh = candidates.filter((c) => !compared.has(c.code));
	const fit = Math.max(0, room);
	return { added: fresh.slice(0, fit), present: candidates.length - fresh.length, leftOut: fresh.slice(fit) };
}

const NAMES_SHOWN = 8;

function names(list: readonly NearbyCommune[]): string {
	const shown = list.slice(0, NAMES_SHOWN).map((c) => c.nom).join(', ');
	const more = list.length - NAMES_SHOWN;
	return more > 0 ? `${shown} et ${more} autre${more > 1 ? 's' : ''}` : shown;
}

/** « 3 communes voisines de Saint-Céré ajoutées… »: the message after an addition. */
export function additionMessage(kind: NearbyKind, of: string, group: string, plan: AdditionPlan, max: number): string {
	const total = plan.added.length + plan.present + plan.leftOut.length;
	const what = (n: number) => `${n} commune${n > 1 ? 's' : ''}${kind === 'voisines' ? ` voisine${n > 1 ? 's' : ''} de ${of}` : ` de ${group}`}`;
	if (total === 0) return kind === 'voisines' ? `Aucune commune ne partage de frontière avec ${of}.` : `${group} ne compte pas d’autre commune que ${of}.`;
	if (plan.present === total) return total === 1 ? `La seule ${what(1)} est déjà comparée.` : `Les ${what(total)} sont déjà comparées.`;
	const parts: string[] = [];
	if (plan.added.length) parts.push(`${what(plan.added.length)} ajoutée${plan.added.length > 1 ? 's' : ''}${plan.leftOut.length || plan.present ? ` sur ${total}` : ''}.`);
	if (plan.present) parts.push(`${plan.present} déjà comparée${plan.present > 1 ? 's' : ''}.`);
	if (plan.leftOut.length) {
		parts.push(`La comparaison est limitée à ${max} territoires ; non ajoutée${plan.leftOut.length > 1 ? 's' : ''} : ${names(plan.leftOut)}.`);
	}
	return parts.join(' ');
}

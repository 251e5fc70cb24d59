/**
 * The source documents of the shipped register (`/work/shared/seeds/` at the project's founding).
 * Every entry of the register cites one of them, with a section or page when the document gives one.
 */
import type { SourceRef } from '../schema';

export const DOCUMENTS = {
	cauvaldorDossierPresse: {
		document: '000_abde265a51ac9d98.txt',
		titre: 'Cauvaldor – dossier de presse « La communauté de communes Causses et Vallée de la Dordogne (Cauvaldor) prend soin de la santé de tous ! »'
	},
	cauvaldorCommunique: {
		document: '001_fc9f28a65f91aa3e.txt',
		titre: 'Cauvaldor – communiqué « Le Contrat local de santé de Cauvaldor est signé : une étape de plus vers l’accès aux soins ! » (signature du 10 mars 2022)'
	},
	cnrSanteLot: {
		document: '002_cebdd4721371ad9d.txt',
		titre: 'Synthèse de restitution CNR Santé Cahors [Lot] (réunion du 18 novembre 2022)'
	},
	clsAurillac: {
		document: '003_a3de3c2e0dedd98f.txt',
		titre: 'Contrat local de santé 2024-2028 du Bassin d’Aurillac, du Carladès et de la Châtaigneraie Cantalienne'
	},
	estCantal: {
		document: '004_0265d92eed53777d.txt',
		titre: 'Fiche d’expérience : Contrat local de santé (CLS) de l’est-Cantal (15)'
	}
} as const satisfies Record<string, SourceRef>;

export type DocumentKey = keyof typeof DOCUMENTS;

/** A citation: the document plus a section and/or page. */
export function cite(key: DocumentKey, where: { section?: string; page?: number } = {}): SourceRef {
	return { ...DOCUMENTS[key], ...where };
}

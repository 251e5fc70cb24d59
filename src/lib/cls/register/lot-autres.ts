/**
 * Les deux autres CLS du Lot cités par la synthèse CNR Santé (document 002) : PTER Grand Quercy et Grand Figeac.
 * Le document ne donne que leur existence et leur territoire : périmètre seulement, actions non documentées.
 */
import type { ClsInput } from '../schema';
import { cite } from './documents';

const CONTEXTE = cite('cnrSanteLot', { section: 'I – Eléments de contexte : la situation du territoire' });
const COUVERTURE =
	'« Le département tend aujourd’hui à se structurer autour de trois territoires de santé qui se sont engagés dans un Contrat Local ' +
	'de Santé : le PTER Grand Quercy (Cahors / Gourdon), la communauté de communes du Grand Figeac et la communauté de communes de ' +
	'Cauvaldor. Le Lot est le premier département d’Occitanie intégralement couvert par des CLS. »';
const NON_DOCUMENTE = 'Ni la date de signature, ni la période, ni les signataires, ni les axes et actions ne sont donnés par les documents.';

/** EPCI du Lot (COG 2025) hors Cauvaldor et Grand-Figeac. */
const EPCI_GRAND_QUERCY = [
	'200023737', // CA du Grand Cahors
	'200035327', // CC Cazals-Salviac
	'200039519', // CC du Quercy Blanc
	'244600433', // CC de la Vallée du Lot et du Vignoble
	'244600482', // CC Quercy - Bouriane
	'244600532', // CC du Pays de Lalbenque-Limogne
	'244600573' // CC du Causse de Labastide Murat
];

export const grandFigeac: ClsInput = {
	id: 'grand-figeac',
	nom: 'Contrat local de santé du Grand Figeac',
	porteur: { type: 'EPCI', nom: 'Communauté de communes du Grand Figeac' },
	ars: 'ARS Occitanie',
	dateSignature: null,
	periode: { debut: null, fin: null },
	signataires: [],
	perimetre: {
		epci: ['200067361'],
		communes: [],
		note:
			'La synthèse nomme « la communauté de communes du Grand Figeac » (COG 2025 : CC Grand-Figeac, 200067361). Cet EPCI compte ' +
			'en 2025 86 communes du Lot et 6 de l’Aveyron ; le document ne dit pas si le CLS couvre les communes aveyronnaises. ' +
			'Le périmètre de 2022 peut différer de celui du COG 2025.'
	},
	axes: [],
	actionsHorsAxe: [],
	actionsDocumentees: false,
	historique: [],
	notes: [COUVERTURE, NON_DOCUMENTE],
	sources: [CONTEXTE]
};

export const pterGrandQuercy: ClsInput = {
	id: 'pter-grand-quercy',
	nom: 'Contrat local de santé du PTER Grand Quercy',
	porteur: { type: 'PETR', nom: 'PTER Grand Quercy' },
	ars: 'ARS Occitanie',
	dateSignature: null,
	periode: { debut: null, fin: null },
	signataires: [],
	perimetre: {
		epci: EPCI_GRAND_QUERCY,
		communes: [],
		deduit: true,
		note:
			'Le document ne liste pas les EPCI du « PTER Grand Quercy (Cahors / Gourdon) » (sigle écrit ainsi ; pôle d’équilibre territorial ' +
			'et rural, PETR). Liste DÉDUITE : le document affirme que le Lot est « intégralement couvert » par trois CLS (PTER Grand Quercy, ' +
			'Grand Figeac, Cauvaldor) ; le registre retient donc les EPCI ayant leur siège dans le Lot au COG 2025, hors Cauvaldor et ' +
			'Grand-Figeac (Grand Cahors, Cazals-Salviac, Quercy Blanc, Vallée du Lot et du Vignoble, Quercy - Bouriane, Pays de ' +
			'Lalbenque-Limogne, Causse de Labastide Murat). Restent hors de ces trois périmètres deux communes du Lot rattachées à un ' +
			'EPCI aveyronnais (CC Ouest Aveyron Communauté : Laramière 46154, Promilhanes 46227) ; le document ne dit rien de leur ' +
			'couverture. Les EPCI de 2022 peuvent différer de ceux du COG 2025.'
	},
	axes: [],
	actionsHorsAxe: [],
	actionsDocumentees: false,
	historique: [],
	notes: [COUVERTURE, NON_DOCUMENTE, '« PTER » est la graphie du document ; le sigle usuel est PETR.'],
	sources: [CONTEXTE]
};

/**
 * CLS de Cauvaldor (CC Causses et Vallée de la Dordogne, Lot), signé le 10 mars 2022 avec l'ARS Occitanie.
 * Sources : dossier de presse (000), communiqué de signature (001), synthèse CNR Santé du Lot (002).
 * Les documents annoncent 7 axes et 77 actions sans les lister : seules les actions qu'ils citent sont
 * enregistrées, sans axe (`actionsHorsAxe`), et `actionsDocumentees` vaut false.
 */
import type { ClsInput } from '../schema';
import { cite } from './documents';

const PARMI_LES_ACTIONS = 'Communiqué : « Parmi les actions ciblées »';
const KIT_CLS = 'Dossier de presse : « L’année 2022 : un pas de plus vers l’accès aux soins avec le contrat local de santé »';

export const cauvaldor: ClsInput = {
	id: 'cauvaldor',
	nom: 'Contrat local de santé de Cauvaldor',
	porteur: { type: 'EPCI', nom: 'Communauté de communes Causses et Vallée de la Dordogne (Cauvaldor)' },
	ars: 'ARS Occitanie',
	dateSignature: '2022-03-10',
	periode: { debut: 2022, fin: null, dureeAnnees: 5 },
	signataires: ['Communauté de communes Causses et Vallée de la Dordogne (Cauvaldor)', 'Agence régionale de santé Occitanie'],
	perimetre: {
		epci: ['200066371'],
		communes: [],
		note:
			'Le dossier de presse parle des « 77 communes du Lot » regroupées dans Cauvaldor ; le COG 2025 en compte aussi 77 ' +
			'pour le SIREN 200066371. Aucun document ne cible une partie du territoire.'
	},
	axes: [],
	actionsHorsAxe: [
		{
			id: 'attractivite-exercice-coordonne',
			titre:
				'Attractivité médicale et promotion de l’exercice coordonné pour favoriser l’installation et la qualité de vie des professionnels de santé',
			description:
				'Action citée parmi les actions ciblées du CLS. Contexte donné par le dossier de presse : le territoire compte ' +
				'9 maisons de santé pluriprofessionnelles « bien réparties sur le territoire », et l’accès aux soins y reste ' +
				'« inférieur à la moyenne française ».',
			themes: ['accès aux soins et démographie médicale', 'exercice coordonné'],
			cible: { type: 'perimetre' },
			statut: 'prévue',
			motifStatut: 'Annoncée à la signature : « Ils seront déployés au cours des 5 prochaines années ».',
			indicateurs: ['apl_mg_moins65_2023'],
			source: cite('cauvaldorCommunique', { section: PARMI_LES_ACTIONS })
		},
		{
			id: 'accompagnement-installation-medecins',
			titre: 'Accompagnement des médecins souhaitant quitter les métropoles pour les inciter à s’installer sur le territoire',
			description:
				'« Un site web présentant les atouts du territoire et les offres disponibles a été mis en place ainsi qu’un ' +
				'accompagnement personnalisé des médecins intéressés. » Le dossier de presse présente ce dispositif comme une action ' +
				'de la collectivité, sans dire s’il figure parmi les 77 actions du CLS.',
			themes: ['accès aux soins et démographie médicale'],
			cible: { type: 'perimetre' },
			pilote: 'Communauté de communes Cauvaldor',
			statut: 'en cours',
			motifStatut: 'Le dossier de presse le décrit au présent (« La collectivité propose un dispositif d’accompagnement »).',
			indicateurs: ['apl_mg_moins65_2023'],
			source: cite('cauvaldorDossierPresse', { section: 'Faire face au manque de médecin en zone rurale' })
		},
		{
			id: 'bien-vieillir-domicile',
			titre: 'Action en faveur du bien vieillir à domicile en lien avec le schéma autonomie',
			themes: ['bien vieillir et autonomie'],
			cible: { type: 'perimetre' },
			statut: 'prévue',
			motifStatut: 'Annoncée à la signature (déploiement sur 5 ans).',
			indicateurs: [],
			source: cite('cauvaldorCommunique', { section: PARMI_LES_ACTIONS })
		},
		{
			id: 'sante-environnementale-information',
			titre: 'Développement de l’information et de la sensibilisation autour de la santé environnementale',
			themes: ['santé-environnement'],
			cible: { type: 'perimetre' },
			statut: 'prévue',
			motifStatut: 'Annoncée à la signature (déploiement sur 5 ans).',
			indicateurs: [],
			source: cite('cauvaldorCommunique', { section: PARMI_LES_ACTIONS })
		},
		{
			id: 'prevention-promotion-sante',
			titre: 'Actions de prévention et de promotion de la santé',
			description: 'Citées par le dossier de presse, non par le communiqué de signature.',
			themes: ['prévention et promotion de la santé'],
			cible: { type: 'perimetre' },
			statut: 'prévue',
			motifStatut: 'Annoncées avec le CLS (déploiement sur 5 ans).',
			indicateurs: [],
			source: cite('cauvaldorDossierPresse', { section: KIT_CLS })
		},
		{
			id: 'conseil-local-sante-mentale',
			titre: 'Mise en place d’un conseil local de santé mentale',
			themes: ['santé mentale'],
			cible: { type: 'perimetre' },
			statut: 'prévue',
			motifStatut: 'Annoncée à la signature (déploiement sur 5 ans).',
			indicateurs: [],
			source: cite('cauvaldorCommunique', { section: PARMI_LES_ACTIONS })
		},
		{
			id: 'option-sante-lycee-saint-cere',
			titre: 'Option santé au lycée Jean Lurçat de Saint-Céré',
			description:
				'Ouverte en septembre 2021, gratuite, pour les élèves entrant en 1ère générale : 3 h de cours par semaine en ' +
				'physique-chimie, SVT et méthodologie, interventions de professionnels de santé, tutorat par des étudiants en PASS, ' +
				'visites d’installations médicales. Labellisée « L’honneur en action » par la Société des Membres de la Légion ' +
				'd’Honneur. La synthèse CNR Santé la cite parmi les « actions emblématiques déjà en cours » (« PASS santé » de Cauvaldor).',
			themes: ['jeunes et parentalité', 'accès aux soins et démographie médicale'],
			cible: { type: 'perimetre', note: 'Destinée aux lycéens du territoire ; dispensée au lycée de Saint-Céré.' },
			pilote: 'Communauté de communes Cauvaldor',
			partenaires: ['Lycée Jean Lurçat (Saint-Céré)'],
			statut: 'en cours',
			motifStatut: 'Ouverte en septembre 2021 ; « déjà en cours » selon la synthèse CNR Santé du 18 novembre 2022.',
			annees: { debut: 2021, fin: null },
			indicateurs: [],
			source: cite('cauvaldorDossierPresse', { section: 'Option santé dès le lycée' })
		},
		{
			id: 'parcours-m-aides',
			titre: 'ParcoursM’aides : accompagnement financier des étudiants en médecine',
			description:
				'Aides dès l’année de préparation (PASS) ; sans contrepartie la première année, puis engagement progressif sur le ' +
				'territoire (stages, voire installation). Le communiqué de signature la rattache au CLS (« La collectivité va encourager ' +
				'les jeunes du territoire à poursuivre des études médicales par un dispositif d’aides financières dès la première ' +
				'année ») ; la synthèse CNR Santé parle d’une « bourse d’étude sans conditions de ressources ».',
			themes: ['accès aux soins et démographie médicale', 'jeunes et parentalité'],
			cible: { type: 'perimetre' },
			pilote: 'Communauté de communes Cauvaldor',
			statut: 'en cours',
			motifStatut: 'Citée parmi les « actions emblématiques déjà en cours » par la synthèse CNR Santé du 18 novembre 2022.',
			indicateurs: ['apl_mg_moins65_2023'],
			montants: [
				{ libelle: 'Aide d’encouragement pour la 1ère année', min: 800, unite: 'euros' },
				{
					libelle: 'Bourse aux frais de logement et de transport, de la 2ème à la 6ème année',
					min: 200,
					max: 300,
					unite: 'euros par mois',
					condition: 'Obligation de réaliser un stage d’externat auprès d’un médecin du territoire'
				},
				{
					libelle: 'Bourse d’engagement à l’installation conventionnée, de la 7ème à la 9ème année',
					min: 2500,
					max: 5000,
					unite: 'euros par an',
					condition:
						'Pour chaque année d’internat, contre l’engagement d’effectuer des remplacements sur le territoire ou de s’y installer pendant minimum 6 ans'
				}
			],
			source: cite('cauvaldorDossierPresse', { section: 'Un accompagnement financier tout au long du cursus de médecine !' })
		}
	],
	actionsDocumentees: false,
	nbActionsAnnoncees: 77,
	nbAxesAnnonces: 7,
	historique: [],
	notes: [
		'« 7 axes de travail et 77 actions concrètes ont ainsi été définis » (dossier de presse et communiqué) : ni les intitulés des axes ni la liste des actions ne sont donnés. Les actions enregistrées sont celles que les documents citent, sans leur axe.',
		'Durée : « signé pour une durée de 5 ans » ; aucun document ne donne l’année de fin, d’où periode.fin = null.',
		'Signataires : le communiqué dit que Cauvaldor a signé avec l’ARS « en présence » du préfet du Lot (Michel Prosic), du président de Cauvaldor (Raphaël Daubet), de la directrice départementale de l’ARS (Julie Senger) et du vice-président chargé de la santé (Thierry Chartroux) ; seules les deux parties au contrat sont enregistrées comme signataires.',
		'L’option santé (ouverte en septembre 2021, avant la signature) et l’accompagnement à l’installation sont présentés comme des actions de la collectivité ; les documents ne disent pas s’ils comptent parmi les 77 actions du CLS.',
		'Les statuts « prévue » reflètent l’annonce de mars 2022 ; aucun document ne rend compte de l’avancement ultérieur, sauf la synthèse CNR Santé (novembre 2022) pour l’option santé et les bourses.',
		'Le dossier de presse n’est pas daté.'
	],
	sources: [
		cite('cauvaldorDossierPresse'),
		cite('cauvaldorCommunique'),
		cite('cnrSanteLot', { section: 'II – Solutions et propositions : actions emblématiques déjà en cours (PASS santé Cauvaldor)' })
	]
};

/**
 * CLS du bassin de santé intermédiaire de l'est-Cantal (Saint-Flour Communauté + Hautes Terres Communauté),
 * signé en 2018, d'après sa fiche d'expérience (document 004) : objectifs généraux, quatre orientations,
 * les deux actions données en exemple et leur issue. Le programme complet n'est pas documenté.
 */
import type { ClsInput } from '../schema';
import { cite } from './documents';

const SIREN_SAINT_FLOUR = '200066660'; // CC de Saint-Flour (Saint-Flour Communauté)
const SIREN_HAUTES_TERRES = '200066637'; // CC Hautes Terres (Hautes Terres Communauté)
const ORIENTATIONS = 'Les orientations principales';
const EXEMPLES = 'Les actions concrètes engagées';

export const estCantal: ClsInput = {
	id: 'est-cantal-2018',
	nom: 'Contrat local de santé du bassin de santé intermédiaire de l’est-Cantal',
	porteur: { type: 'EPCI', nom: 'Saint-Flour Communauté et Hautes Terres Communauté' },
	ars: 'ARS Auvergne-Rhône-Alpes',
	dateSignature: null,
	anneeSignature: 2018,
	periode: { debut: 2018, fin: 2022 },
	signataires: [],
	perimetre: {
		epci: [SIREN_SAINT_FLOUR, SIREN_HAUTES_TERRES],
		communes: [],
		note:
			'La fiche donne Saint-Flour Communauté (53 communes) et Hautes Terres Communauté (35 communes) ; le COG 2025 compte 53 communes ' +
			'pour la CC de Saint-Flour (200066660) mais 39 pour la CC Hautes Terres (200066637). La fiche n’est pas datée et ne dit pas ' +
			'à quelle date elle compte les communes : le périmètre résolu sur le COG 2025 peut différer de celui de 2018.'
	},
	objectifsGeneraux: [
		'Développer des environnements favorables à la santé en agissant sur les politiques publiques',
		'Lutter contre les inégalités sociales et territoriales de santé',
		'Fédérer les acteurs et créer un réseau pour faciliter l’interconnaissance afin d’apporter la bonne information à la bonne personne au moment où elle en a besoin'
	],
	axes: [
		{
			numero: null,
			titre: 'Promotion de la santé',
			description: 'Développer les actions et promouvoir la santé (prévention, dépistage).',
			source: cite('estCantal', { section: ORIENTATIONS }),
			fichesAction: [
				{
					titre: null,
					note: 'La fiche d’expérience rattache l’action à l’orientation sans nommer de fiche action.',
					actions: [
						{
							id: 'nature-assistantes-maternelles',
							titre: 'Sessions d’animation avec une psychomotricienne et une animatrice nature pour les assistantes maternelles',
							description:
								'Proposées depuis 2022 aux assistantes maternelles, qui peuvent venir avec les enfants dont elles ont la garde. Objectif : ' +
								'« comprendre l’importance du besoin de nature chez l’enfant et l’importance de l’environnement dans son développement ' +
								'psychomoteur et affectif ».',
							themes: ['prévention et promotion de la santé', 'jeunes et parentalité'],
							cible: { type: 'perimetre' },
							statut: 'en cours',
							motifStatut: '« sont proposées depuis 2022 »',
							annees: { debut: 2022, fin: null },
							indicateurs: [],
							source: cite('estCantal', { section: EXEMPLES })
						}
					]
				}
			]
		},
		{
			numero: null,
			titre: 'Santé des seniors',
			description: 'Agir auprès des aidants, développer des environnements favorables au bien vieillir et travailler sur leur parcours de santé.',
			source: cite('estCantal', { section: ORIENTATIONS })
		},
		{
			numero: null,
			titre: 'Démographie médicale',
			description:
				'Favoriser le maintien des professionnels en place en développant des conditions d’exercices favorables et promouvoir le territoire pour accueillir de nouveaux professionnels.',
			source: cite('estCantal', { section: ORIENTATIONS })
		},
		{
			numero: null,
			titre: 'Lutte contre la sédentarité',
			description: 'Programme de nutrition, du bien-être et activité physique adaptée (sport-santé).',
			source: cite('estCantal', { section: ORIENTATIONS }),
			fichesAction: [
				{
					titre: null,
					note: 'La fiche d’expérience rattache l’action à l’orientation sans nommer de fiche action.',
					actions: [
						{
							id: 'apa-affection-longue-duree',
							titre: 'Ateliers d’activité physique adaptée animés par un coach pour les personnes atteintes d’affection longue durée',
							description:
								'Personnes atteintes d’affection longue durée (obésité, problèmes cardiaques…) orientées par un médecin généraliste ; ' +
								'sessions de 3 mois avec des temps avec une diététicienne et une psychologue, rémunérées comme prestataires par la ' +
								'collectivité. Lancée en 2017 par Hautes Terres Communauté, avant la signature du CLS (2018).',
							themes: ['nutrition et activité physique'],
							cible: { type: 'epci', epci: [SIREN_HAUTES_TERRES] },
							pilote: 'Hautes Terres Communauté (soutien financier)',
							statut: 'abandonnée',
							statutLibelleSource: 'à l’arrêt',
							motifStatut:
								'« cette expérimentation est à l’arrêt car les personnes ne parvenaient pas à s’inscrire dans des clubs de sport classique à l’issue de la période de 3 mois »',
							resultats: [
								'« Cette initiative a néanmoins permis d’intégrer la question du sport-santé dans la réflexion de tous les professionnels locaux de l’activité physique. »'
							],
							annees: { debut: 2017, fin: null },
							indicateurs: [],
							source: cite('estCantal', { section: EXEMPLES })
						}
					]
				}
			]
		}
	],
	actionsHorsAxe: [],
	actionsDocumentees: false,
	nbAxesAnnonces: 4,
	historique: [],
	notes: [
		'Fiche d’expérience, non le contrat : elle donne l’année de signature (2018) sans date exacte, ne liste pas les signataires et présente « deux exemples » d’actions ; le programme complet n’est pas documenté.',
		'Fin : « Le CLS en cours s’arrête fin 2022. Un nouveau devrait voir le jour en 2023. »',
		'ARS : la fiche dit « l’agence régionale de santé (ARS), qui finance 50% du CLS » sans la nommer ; le Cantal relève de l’ARS Auvergne-Rhône-Alpes (cf. document 003).',
		'Porteur : la fiche ne dit pas laquelle des deux communautés de communes porte le contrat ; la coordinatrice (recrutée en 2017) est joignable à une adresse saintflourco.fr.',
		'Les quatre « orientations principales » ne sont pas numérotées (numero = null) ; nbAxesAnnonces compte ces orientations.',
		'La fiche n’est pas datée ; elle parle du CLS « en cours » qui s’arrête fin 2022.'
	],
	sources: [cite('estCantal')]
};

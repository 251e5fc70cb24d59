/**
 * CLS 2024-2028 du Bassin d'Aurillac, du Carladès et de la Châtaigneraie Cantalienne (SCoT BACC, Cantal),
 * d'après le contrat lui-même (document 003). Le programme s'arrête aux objectifs spécifiques : les fiches
 * action détaillées sont « annexées au présent contrat » et absentes du document ; chaque objectif spécifique
 * est donc une feuille de nature « objectif spécifique », au statut « prévue ».
 * `historique` : le bilan du CLS précédent (§ 2.1.2), action par action, avec statut, motif et suite.
 */
import type { ActionInput, ClsInput, Theme, SousTheme } from '../schema';
import { cite } from './documents';

const SIREN_CABA = '241500230'; // CA du Bassin d'Aurillac
const SIREN_CARLADES = '241501089'; // CC Cère et Goul en Carladès
const SIREN_CHATAIGNERAIE = '200066678'; // CC de la Châtaigneraie Cantalienne
const QPV_AURILLAC_SUD = 'QN01501M';

const SECTION_AXES = '3.5 Les axes et les actions du Contrat';

function objectif(
	id: string,
	titre: string,
	themes: Theme[],
	extra: Partial<Pick<ActionInput, 'sousThemes' | 'cible' | 'indicateurs' | 'description'>> = {}
): ActionInput {
	return {
		id,
		nature: 'objectif spécifique',
		titre,
		objectifStrategique: id.split('.').slice(0, 2).join('.'),
		themes,
		cible: { type: 'perimetre' },
		statut: 'prévue',
		indicateurs: [],
		source: cite('clsAurillac', { section: SECTION_AXES }),
		...extra
	};
}

const FICHE_ANNEXEE = 'Fiche annexée au contrat : son contenu (actions, pilotes, indicateurs) n’est pas dans le document source.';
const ACCES: Theme = 'accès aux soins et démographie médicale';
const APL = ['apl_mg_moins65_2023'];
const QPV_CIBLE = {
	type: 'qpv' as const,
	qpv: [QPV_AURILLAC_SUD],
	note: 'Le document dit « les habitants du QPV » sans code ; la liste ANCT 2024 compte un seul QPV à Aurillac (QN01501M, Aurillac Sud).'
};
const AIR_RADON: SousTheme[] = ['air intérieur', 'radon'];
const LEUR_6_1_1 = 'Dans le document, « leur » renvoie aux élus, architectes, services de la DDT et du Conseil départemental (6.1.1).';
const LEUR_6_1_6 = 'Dans le document, « leur » renvoie aux élus (6.1.6).';

// ---- Bilan du CLS précédent -----------------------------------------------------------------

const BILAN = '2.1.2 Bilan par action';
type Bilan = Omit<ActionInput, 'source' | 'indicateurs' | 'cible'> & { cible?: ActionInput['cible'] };
function bilan(fiche: string, a: Bilan): ActionInput {
	return { cible: { type: 'perimetre' }, indicateurs: [], source: cite('clsAurillac', { section: `${BILAN} – ${fiche}` }), ...a };
}
const PEU_REALISE =
	'« Peu réalisé » hors des trois classes de la légende (réalisé, partiellement réalisé, non réalisé) : enregistré « non réalisée », ' +
	'le document classant « Non réalisé » un cas aux faits identiques (groupe de travail Addictions : pas de réunion au-delà de la première).';
const CLSM = 'Le CLS développera le CLSM avec le coordonnateur PTSM';
const PAS_RENOUVELE = 'Il n’est pas prévu de renouveler l’action dans le prochain CLS.';
const ESANTE_MOTIF =
	'Cette action n’a pas pu être réalisée, faute de temps et d’expertise. De plus, il s’agit d’un sujet qui suscite la réticence de nombreux professionnels et qui nécessite un temps dédié.';
const PARTENARIAT_PRO = 'Le CLS peut faire partie d’une action partenariale pilotée par des organisations de professionnels de santé.';
const PAR_LES_PARTENAIRES = 'Mention « par les partenaires » accompagnant la ligne dans le document.';

const FA1 = 'Fiche action n°1';
const FA234 = 'Fiches action n°2, 3 et 4';
const FA5 = 'Fiche action 5';
const FA6 = 'Fiche action 6';
const FA7 = 'Fiche action 7';
const FA8 = 'Fiche action 8';
const FA9 = 'Fiche action 9';
const FA10 = 'Fiche action n°10';

export const bassinAurillac: ClsInput = {
	id: 'bassin-aurillac-carlades-chataigneraie-2024-2028',
	nom: 'Contrat local de santé du Bassin d’Aurillac, du Carladès et de la Châtaigneraie Cantalienne 2024-2028',
	porteur: {
		type: 'SCoT',
		nom: 'Syndicat mixte du SCoT du Bassin d’Aurillac, du Carladès et de la Châtaigneraie Cantalienne (SCoT BACC)'
	},
	ars: 'ARS Auvergne-Rhône-Alpes',
	dateSignature: '2025-03-11',
	periode: { debut: 2024, fin: 2028 },
	signataires: [
		'Agence régionale de santé Auvergne-Rhône-Alpes',
		'Syndicat mixte du SCoT du Bassin d’Aurillac, du Carladès et de la Châtaigneraie Cantalienne',
		'Préfecture du Cantal',
		'Conseil départemental du Cantal',
		'Ville d’Aurillac',
		'Conseil départemental de l’Ordre des médecins du Cantal',
		'Caisse primaire d’assurance maladie du Cantal',
		'Mutualité sociale agricole Auvergne',
		'Centre hospitalier d’Aurillac',
		'Dispositif d’appui à la coordination du Cantal'
	],
	perimetre: {
		epci: [SIREN_CABA, SIREN_CARLADES, SIREN_CHATAIGNERAIE],
		communes: [],
		qpv: [QPV_AURILLAC_SUD],
		note:
			'Le contrat (§ 3.2) retient « le territoire du Bassin d’Aurillac, du Carladès et de la Châtaigneraie Cantalienne » et le syndicat mixte ' +
			'« représentant les trois communautés de communes couvrant ce territoire », sans les nommer ni donner de SIREN : les trois EPCI sont ' +
			'identifiés par leur nom dans le COG 2025 (CA du Bassin d’Aurillac, CC Cère et Goul en Carladès, CC de la Châtaigneraie Cantalienne) ; ' +
			'le Bassin d’Aurillac est une communauté d’agglomération, non une communauté de communes. QPV : le § 3.2 parle « des quartiers ' +
			'prioritaires de la politique de la ville sur la ville d’Aurillac » (pluriel), le diagnostic d’« un quartier politique de la ville » ; ' +
			'la liste ANCT 2024 en compte un, QN01501M (Aurillac Sud).'
	},
	objectifsGeneraux: [
		'Contribuer à la réduction des inégalités territoriales de santé en agissant prioritairement dans le champ de la prévention et de la promotion de la santé',
		'Développer la prise en compte des enjeux de santé publique et des priorités du Projet Régional de Santé dans les politiques locales'
	],
	axes: [
		{
			numero: 1,
			titre: 'Offre de soins',
			objectifsStrategiques: [{ numero: '1.1', titre: 'Renforcer l’attractivité du territoire' }],
			fichesAction: [
				{
					titre: 'Attractivité du territoire',
					note: FICHE_ANNEXEE,
					actions: [
						objectif('1.1.1', 'Renforcer l’accessibilité financière des étudiants en santé à l’offre de stage du territoire', [ACCES], { indicateurs: APL }),
						objectif('1.1.2', 'Renforcer la visibilité du territoire par les étudiants et les professionnels de santé', [ACCES], { indicateurs: APL }),
						objectif('1.1.3', 'Renforcer l’accessibilité des démarches d’installation aux étudiants et professionnels de santé', [ACCES], { indicateurs: APL }),
						objectif('1.1.4', 'Faire évoluer les représentations sur le territoire (améliorer l’image)', [ACCES], { indicateurs: APL }),
						objectif(
							'1.1.5',
							'Améliorer la lisibilité et l’accessibilité des différentes ressources dont peuvent bénéficier les professionnels qui souhaitent s’installer ET/OU créer un projet d’exercice coordonné/ d’exercice en groupe',
							[ACCES, 'exercice coordonné'],
							{ indicateurs: APL }
						),
						objectif(
							'1.1.6',
							'Organiser la concertation entre les collectivités et les acteurs de santé qui participent à l’organisation de l’offre de soins pour définir le cadre opportun de l’intervention des collectivités',
							[ACCES, 'coordination et animation']
						),
						objectif(
							'1.1.7',
							'Renforcer l’interconnaissance entre les équipes médicales et les acteurs de la prévention, du social et du médico-social',
							[ACCES, 'coordination et animation']
						)
					]
				}
			]
		},
		{
			numero: 2,
			titre: 'Santé mentale précarité',
			objectifsStrategiques: [
				{ numero: '2.1', titre: 'Améliorer l’accès aux soins et l’intégration sociale des personnes en situation de souffrance psychique' },
				{ numero: '2.2', titre: 'Améliorer l’accès aux soins et l’intégration sociale des personnes en situation de précarité' }
			],
			fichesAction: [
				{
					titre: 'Santé mentale-précarité',
					note: FICHE_ANNEXEE,
					actions: [
						objectif('2.1.1', 'Développer la mobilisation des acteurs qui interviennent dans le champ de de la santé mentale', ['santé mentale']),
						objectif('2.2.1', 'Développer l’accessibilité à l’offre de soins pour les habitants du QPV', ['précarité', ACCES], { cible: QPV_CIBLE }),
						objectif('2.2.2', 'Développer leur pouvoir d’agir sur leur santé', ['précarité', 'prévention et promotion de la santé'], {
							cible: QPV_CIBLE,
							description: 'Dans le document, « leur » renvoie aux habitants du QPV (2.2.1).'
						})
					]
				}
			]
		},
		{
			numero: 3,
			titre: 'Transversal',
			objectifsStrategiques: [
				{ numero: '3.1', titre: 'Développer des comportements et des pratiques professionnelles favorables à la santé' }
			],
			fichesAction: [
				{
					titre: 'Parcours de santé et bien vivre',
					note: FICHE_ANNEXEE,
					actions: [
						objectif(
							'3.1.1',
							'Développer l’information des professionnels de santé et des patients sur le concept de parcours de santé et de bien-vivre',
							['prévention et promotion de la santé']
						),
						objectif(
							'3.1.2',
							'Améliorer les représentations des professionnels de santé et des patients sur le concept de parcours de santé et de bien-vivre',
							['prévention et promotion de la santé']
						),
						objectif(
							'3.1.3',
							'Développer la mobilisation (volonté d’agir) des professionnels des professionnels de santé et des patients sur le concept de parcours de santé et de bien-vivre',
							['prévention et promotion de la santé']
						),
						objectif(
							'3.1.4',
							'Développer le pouvoir d’agir des professionnels de santé et des patients sur le concept de parcours de santé et de bien-vivre',
							['prévention et promotion de la santé']
						),
						objectif(
							'3.1.5',
							'Développer les compétences des professionnels de santé et des patients sur le concept de parcours de santé et de bien-vivre',
							['prévention et promotion de la santé']
						)
					]
				}
			]
		},
		{
			numero: 4,
			titre: 'Sport santé nutrition et maladies chroniques',
			objectifsStrategiques: [
				{ numero: '4.1', titre: 'Développer la pratique de l’activité physique chez les malades chroniques et le tout public' },
				{ numero: '4.2', titre: 'Renforcer la dynamique partenariale dans le domaine du sport santé' }
			],
			fichesAction: [
				{
					titre: 'Sport santé nutrition',
					note: FICHE_ANNEXEE,
					actions: [
						objectif('4.1.1', 'Améliorer les représentations des employeurs et des salariés sur la pratique de l’activité physique', [
							'nutrition et activité physique'
						]),
						objectif('4.1.2', 'Développer la mobilisation vers la pratique d’activité physique pour ces publics', ['nutrition et activité physique']),
						objectif('4.2.1', 'Renforcer l’interconnaissance entre acteurs', ['nutrition et activité physique', 'coordination et animation']),
						objectif('4.2.2', 'Renforcer la connaissance des dispositifs', ['nutrition et activité physique', 'coordination et animation']),
						objectif('4.2.3', 'Renforcer la coopération entre les acteurs', ['nutrition et activité physique', 'coordination et animation']),
						objectif('4.2.4', 'Augmenter la coordination entre les acteurs', ['nutrition et activité physique', 'coordination et animation']),
						objectif('4.2.5', 'Augmenter la visibilité et la lisibilité de l’offre existante', ['nutrition et activité physique', 'coordination et animation'])
					]
				}
			]
		},
		{
			numero: 5,
			titre: 'Parcours de la personne âgée et bien vieillir',
			objectifsStrategiques: [{ numero: '5.1', titre: 'Développer l’offre de prévention pour les séniors' }],
			fichesAction: [
				{
					titre: 'Prévention seniors',
					note: FICHE_ANNEXEE,
					actions: [
						objectif('5.1.1', 'Renforcer la connaissance des opérateurs sur les représentations en santé de la population', [
							'bien vieillir et autonomie',
							'prévention et promotion de la santé'
						]),
						objectif('5.1.2', 'Augmenter la visibilité de l’offre de prévention en direction des plus de 60 ans', [
							'bien vieillir et autonomie',
							'prévention et promotion de la santé'
						]),
						objectif('5.1.3', 'Augmenter la lisibilité de l’offre de prévention en direction des plus de 60 ans', [
							'bien vieillir et autonomie',
							'prévention et promotion de la santé'
						]),
						objectif('5.1.4', 'Augmenter l’accessibilité de l’offre de prévention en direction des plus de 60 ans', [
							'bien vieillir et autonomie',
							'prévention et promotion de la santé'
						]),
						objectif('5.1.5', 'Renforcer l’interconnaissance au sein du réseau de partenaires', ['bien vieillir et autonomie', 'coordination et animation']),
						objectif('5.1.6', 'Renforcer la coordination au sein du réseau de partenaires', ['bien vieillir et autonomie', 'coordination et animation']),
						objectif('5.1.7', 'Renforcer la coopération au sein du réseau de partenaires', ['bien vieillir et autonomie', 'coordination et animation'])
					]
				}
			]
		},
		{
			numero: 6,
			titre: 'Santé environnement',
			objectifsStrategiques: [{ numero: '6.1', titre: 'Développer un environnement favorable à la santé' }],
			fichesAction: [
				{
					titre: 'Un environnement favorable à la santé',
					note: FICHE_ANNEXEE,
					actions: [
						objectif(
							'6.1.1',
							'Renforcer les connaissances et les compétences des élus, des architectes, des services de la DDT et du Conseil Départemental sur l’impact de la qualité de l’air et du radon sur la santé',
							['santé-environnement'],
							{ sousThemes: AIR_RADON }
						),
						objectif('6.1.2', 'Faire évoluer leur représentation sur ce sujet', ['santé-environnement'], { sousThemes: AIR_RADON, description: LEUR_6_1_1 }),
						objectif('6.1.3', 'Développer leur mobilisation', ['santé-environnement'], { sousThemes: AIR_RADON, description: LEUR_6_1_1 }),
						objectif('6.1.4', 'Renforcer leur pouvoir d’agir sur ce sujet', ['santé-environnement'], { sousThemes: AIR_RADON, description: LEUR_6_1_1 }),
						objectif('6.1.5', 'Améliorer leur capacité à être un relai d’information', ['santé-environnement'], {
							sousThemes: AIR_RADON,
							description: LEUR_6_1_1
						}),
						objectif(
							'6.1.6',
							'Renforcer les connaissances et les compétences des élus sur : le concept de santé globale, les techniques d’urbanisation favorables à la santé (cours oasis, liaisons douces, végétalisation, habitat…), les mobilités douces, les risques biologiques, chimiques et physiques (pesticides, bruits, perturbateurs endocriniens…)',
							['santé-environnement']
						),
						objectif('6.1.7', 'Faire évoluer leurs représentations sur ces sujets', ['santé-environnement'], { description: LEUR_6_1_6 }),
						objectif('6.1.8', 'Développer leur mobilisation', ['santé-environnement'], { description: LEUR_6_1_6 }),
						objectif('6.1.9', 'Renforcer leur pouvoir d’agir', ['santé-environnement'], { description: LEUR_6_1_6 }),
						objectif('6.1.10', 'Améliorer leur capacité à être un relai d’information', ['santé-environnement'], { description: LEUR_6_1_6 }),
						objectif(
							'6.1.11',
							'Développer les connaissances de la population sur les espèces à enjeu pour la santé (moustique tigre, piqures de tiques, ambroisie, …)',
							['santé-environnement'],
							{ sousThemes: ['espèces nuisibles'] }
						),
						objectif(
							'6.1.12',
							'Renforcer le pouvoir d’agir de la population sur la prévention des espèces à enjeu pour la santé (moustique tigre, piqures de tiques, ambroisie, …)',
							['santé-environnement'],
							{ sousThemes: ['espèces nuisibles'] }
						)
					]
				}
			]
		},
		{
			numero: 7,
			titre: 'Prévention',
			objectifsStrategiques: [{ numero: '7.1', titre: 'Améliorer le recours de la population à la prévention' }],
			fichesAction: [
				{
					titre: 'Prévention des maladies chroniques',
					note: FICHE_ANNEXEE,
					actions: [
						objectif('7.1.1', 'Développer l’interconnaissance entre les acteurs qui interviennent sur la prévention des maladies chroniques', [
							'prévention et promotion de la santé',
							'coordination et animation'
						]),
						objectif('7.1.2', 'Développer la collaboration entre les acteurs qui interviennent sur la prévention des maladies chroniques', [
							'prévention et promotion de la santé',
							'coordination et animation'
						]),
						objectif('7.1.3', 'Développer la participation des publics cibles aux actions de prévention', ['prévention et promotion de la santé']),
						objectif(
							'7.1.4',
							'Développer l’interconnaissance entre les acteurs sur le sujet de l’alimentation favorable à la santé (démarches des EPCI, acteurs du champ de la prévention sur la dénutrition, acteurs de l’ETP…)',
							['prévention et promotion de la santé', 'nutrition et activité physique']
						),
						objectif(
							'7.1.5',
							'Développer la coopération entre le PAT et le CLS sur le sujet d’une alimentation favorable à la santé pour la population, les publics vulnérables (enfants/ados, personnes âgées, publics précaires, malades chroniques) et les professionnels qui accompagnent ces publics',
							['prévention et promotion de la santé', 'nutrition et activité physique']
						),
						objectif('7.1.6', 'Développer la mise en réseau des acteurs de l’alimentation', [
							'prévention et promotion de la santé',
							'nutrition et activité physique'
						]),
						objectif(
							'7.1.7',
							'Améliorer la visibilité que peuvent avoir les différents publics de l’existant en matière d’actions portant sur une alimentation favorable à la santé',
							['prévention et promotion de la santé', 'nutrition et activité physique']
						),
						objectif('7.1.8', 'Développer les savoir-faire des différents publics en direction d’une alimentation favorable à la santé', [
							'prévention et promotion de la santé',
							'nutrition et activité physique'
						]),
						objectif(
							'7.1.9',
							'Développer l’accessibilité (financière, géographique, socio-culturelle) des publics à une offre alimentaire de qualité',
							['prévention et promotion de la santé', 'nutrition et activité physique', 'précarité']
						)
					]
				}
			]
		},
		{
			numero: 8,
			titre: 'Coordination',
			objectifsStrategiques: [{ numero: '8.1', titre: 'Mettre en place l’architecture du Contrat Local de santé' }],
			fichesAction: [
				{
					titre: 'Animation du contrat local de santé',
					note: FICHE_ANNEXEE,
					actions: [
						objectif('8.1.1', 'Améliorer la lisibilité et la visibilité des acteurs, dispositifs et actions du champ de la santé sur le territoire', [
							'coordination et animation'
						]),
						objectif(
							'8.1.2',
							'Développer les différentes modalités de partenariat entre les acteurs : information mutuelle, concertation, coordination, coopération, collaboration',
							['coordination et animation']
						),
						objectif('8.1.3', 'Améliorer les représentations de l’ensemble des acteurs du CLS sur la santé globale', ['coordination et animation']),
						objectif('8.1.4', 'Renforcer l’information des acteurs du CLS sur les besoins et les initiatives du territoire', ['coordination et animation']),
						objectif(
							'8.1.5',
							'Développer la mobilisation des professionnels de santé, des acteurs de santé, des élus et des habitants du territoire sur les thématiques de santé publique',
							['coordination et animation']
						),
						objectif(
							'8.1.6',
							'Renforcer les compétences des acteurs en démarche de projet : outils de gestions de projets, appropriation des concepts de prévention et promotion de la santé, évaluation',
							['coordination et animation']
						),
						objectif('8.1.7', 'Renforcer leur pouvoir d’agir', ['coordination et animation'], {
							description: 'Dans le document, « leur » renvoie aux acteurs (8.1.6).'
						}),
						objectif('8.1.8', 'Développer l’interconnaissance et la co-construction entre les porteurs de projet et les instances de gouvernance', [
							'coordination et animation'
						])
					]
				}
			]
		}
	],
	actionsHorsAxe: [],
	actionsDocumentees: true,
	nbAxesAnnonces: 8,
	historique: [
		{
			libelle: 'Bilan du 2ème Contrat local de santé (2018-2023)',
			periode: { debut: 2018, fin: 2023 },
			source: cite('clsAurillac', { section: '2.1 BILAN du 2ème Contrat Local de Santé' }),
			recommandations: [
				'Clarifier les missions et distinguer les missions du CLS des autres dispositifs de coordination existant',
				'Repérer les missions qui peuvent être réalisées par d’autres acteurs (exemple : diagnostics exercice coordonné) et orienter les demandes vers ces acteurs',
				'Réduire les objectifs afin d’éviter la dispersion et de redonner de la clarté au dispositif',
				'Redéfinir la méthode de travail pour l’animation du Contrat en accord avec les missions originelles d’un CLS',
				'Créer des espaces de rencontres entre élus et partenaires du CLS pour favoriser la diffusion d’une culture de la santé au sein des politiques publiques',
				'Renforcer le lien avec les services des communautés de communes'
			],
			fichesAction: [
				{
					numero: '1',
					titre: 'Renforcer et maintenir la démographie médicale et paramédicale',
					actions: [
						bilan(FA1, {
							id: 'h-1-1',
							titre: 'Accompagnement d’étudiants et de professionnels pour leur arrivée en stage/leur installation',
							themes: [ACCES],
							statut: 'partiellement réalisée',
							statutLibelleSource: 'Partiellement réalisé',
							motifStatut: 'Le CLS est peu identifié par les professionnels sur la mission installation.',
							suite:
								'La coordinatrice CLS sera le référent professionnel pour les professionnels de santé accueillis via la conciergerie du Conseil Départemental (guichet unique).'
						}),
						bilan(FA1, {
							id: 'h-1-2',
							titre: 'Démarches auprès des professionnels de santé pour promouvoir le statut de maître de stage',
							themes: [ACCES],
							statut: 'partiellement réalisée',
							statutLibelleSource: 'Partiellement réalisé',
							motifStatut:
								'Cette mission est une mission qui demande l’investissement de moyens humains importants car elle est chronophage. Les professionnels de santé en exercice (ex : URPS) semblent plus légitimes pour parler du statut de maître de stage auprès de leurs pairs.',
							resultats: ['Intervention de la faculté de Vichy pour les masseurs-kinésithérapeutes'],
							suite: PARTENARIAT_PRO
						}),
						bilan(FA1, {
							id: 'h-1-3',
							titre: 'Démarches de promotion des postes vacants et des offres d’installation',
							themes: [ACCES],
							statut: 'partiellement réalisée',
							statutLibelleSource: 'Partiellement réalisé',
							motifStatut: 'La portée du CLS en termes de communication est limitée. Les annonces rapportent peu de résultats.',
							suite:
								'Le travail partenarial qui sera réalisé au sein de la conciergerie du Conseil Départemental aura vocation à donner une portée plus importante aux actions.'
						}),
						bilan(FA1, {
							id: 'h-1-4',
							titre: 'Bourses pour stagiaires paramédicaux',
							themes: [ACCES],
							statut: 'réalisée',
							statutLibelleSource: 'Réalisé',
							resultats: ['10 bourses par an'],
							suite:
								'Le dispositif se poursuivra dans le prochain CLS car il permet aux futurs professionnels de découvrir le territoire et les différents types d’exercice qui le caractérisent.'
						}),
						bilan(FA1, {
							id: 'h-1-5',
							titre: 'Journées d’accueil d’étudiants en santé',
							themes: [ACCES],
							statut: 'non réalisée',
							statutLibelleSource: 'Non réalisé',
							motifStatut:
								'Le pilotage URPS semble plus pertinent que le pilotage CLS pour ce type d’actions où les étudiants souhaitent prioritairement connaître les conditions d’exercice de la profession.',
							suite: PARTENARIAT_PRO
						}),
						bilan(FA1, {
							id: 'h-1-6',
							titre: 'Accompagnement des équipes vers la création de MSP',
							themes: ['exercice coordonné'],
							statut: 'réalisée',
							statutLibelleSource: 'Réalisé',
							resultats: ['5 diagnostics de MSP, 1 diagnostic de centre de santé et 2 diagnostics d’équipes hors labellisation'],
							suite:
								'Cette mission est une mission qui peut être réalisée par la MSA. En effet, la MSA accompagne les professionnels de santé qui souhaitent pratiquer l’exercice coordonné (MSP, CPTS…) dans la réalisation de leur diagnostic de territoire.'
						}),
						bilan(FA1, {
							id: 'h-1-7',
							titre: 'Appui au développement des projets de prévention pour les MSP',
							themes: ['exercice coordonné', 'prévention et promotion de la santé'],
							statut: 'partiellement réalisée',
							statutLibelleSource: 'Partiellement réalisé',
							motifStatut:
								'L’appui aux projets de prévention est ponctuel. Il passe surtout par du relais d’information des actions réalisées par les partenaires auprès du réseau.',
							suite:
								'Les équipes qui sont prêtes pour développer des projets de prévention peuvent déjà faire appel à la FEMASAURA ainsi qu’à Promotion santé si elles souhaitent un accompagnement méthodologique. Des passerelles sont à imaginer entre les actions de prévention réalisées par les MSP, par la future CPTS et par le CLS.'
						})
					]
				},
				{
					numero: '2, 3 et 4',
					titre:
						'Structurer une filière personne âgée territorialisée ; Réactualiser l’état des lieux et coordonner des actions de prévention pour le bien-vieillir ; Impulser et soutenir les dispositifs d’appui à la coordination des parcours de santé',
					note: 'Le document présente les fiches action n°2, 3 et 4 dans un tableau commun : le rattachement de chaque action à l’une des trois fiches n’est pas indiqué.',
					actions: [
						bilan(FA234, {
							id: 'h-234-1',
							titre: 'Formations dénutrition',
							themes: ['nutrition et activité physique', 'bien vieillir et autonomie'],
							statut: 'réalisée',
							statutLibelleSource: 'Réalisé',
							resultats: [
								'2 formations pour 40 professionnels du domicile, des établissements et du Centre hospitalier',
								'Envoi de kits de prévention (conseils, fiches de pesée…) auprès de 4000 personnes (professionnels des trois secteurs et usagers)'
							],
							suite:
								'Le futur CLS prévoit une fiche action prévention des maladies chroniques dans laquelle ce type d’action pourrait être déployée sous réserve que des acteurs pilotes portent le projet avec l’appui du CLS.'
						}),
						bilan(FA234, {
							id: 'h-234-2',
							titre:
								'Mise en relation entre les diététiciennes libérales et le centre hospitalier dans le cadre d’un projet de recherche clinique sur la Dénutrition',
							themes: ['nutrition et activité physique', 'coordination et animation'],
							statut: 'réalisée',
							statutLibelleSource: 'Réalisé',
							suite:
								'Le CLS pourra être mobilisé sur l’appui à l’organisation de projets de recherche en santé publique/éducation à la santé sur le volet de la mise en lien avec les acteurs locaux et de l’organisation de la mise en œuvre (diffusion, focus group d’habitants…)'
						}),
						bilan(FA234, {
							id: 'h-234-3',
							titre:
								'Recensement et coordination des actions de prévention en direction des séniors (ateliers mémoire, alimentation, code de la route, gestion du stress, activité physique douce ou adaptée…)',
							themes: ['bien vieillir et autonomie', 'prévention et promotion de la santé'],
							statut: 'réalisée',
							statutLibelleSource: 'Réalisé',
							suite:
								'Il est prévu de recentrer les actions sur un diagnostic des représentations du bien vieillir adressé aux +de 18 ans et réalisé en partenariat avec la Chair de santé publique de l’Université Clermont Auvergne.'
						}),
						bilan(FA234, {
							id: 'h-234-4',
							titre: 'Diagnostic qualité de vie et bien-vieillir en Châtaigneraie',
							themes: ['bien vieillir et autonomie'],
							cible: {
								type: 'epci',
								epci: [SIREN_CHATAIGNERAIE],
								note: '« en Châtaigneraie » : rattaché à la CC de la Châtaigneraie Cantalienne.'
							},
							statut: 'réalisée',
							statutLibelleSource: 'Réalisé',
							suite: '« Idem » : même suite que la ligne précédente (diagnostic des représentations du bien vieillir).'
						}),
						bilan(FA234, {
							id: 'h-234-5',
							titre: 'Résidences séniors',
							themes: ['bien vieillir et autonomie'],
							statut: 'réalisée',
							statutLibelleSource: 'Réalisé',
							resultats: [
								'8 projets de résidence séniors ont émergé. Certains ont été accompagnés par le CLS sur le volet mise en relation avec le réseau de partenaires (conseils sur les services, proposition d’animations de prévention) et aide à la recherche de financements.'
							],
							suite:
								'La coordinatrice CLS se tient à la disposition des élus qui souhaitent développer des projets résidentiels pour le maintien à domicile des séniors et qui ont besoin d’appui méthodologique ou de mise en lien avec le réseau d’acteurs.'
						}),
						bilan(FA234, {
							id: 'h-234-6',
							titre:
								'Co-pilotage des Journées séniors (évènementiel d’information sur les dispositifs de prévention en direction des séniors)',
							themes: ['bien vieillir et autonomie', 'prévention et promotion de la santé'],
							statut: 'réalisée',
							statutLibelleSource: 'Réalisé',
							resultats: ['3 évènements : entre 550 et 600 personnes touchées à chaque évènement'],
							suite: 'Il n’est pas prévu de réitérer l’action. Le groupe se recentre sur le diagnostic des représentations sur le bien-vieillir.'
						}),
						bilan(FA234, {
							id: 'h-234-7',
							titre: 'Appui au lancement de la plateforme de télémédecine du pôle de gériatrie',
							themes: ['e-santé', 'bien vieillir et autonomie'],
							statut: 'non réalisée',
							statutLibelleSource: 'Peu réalisé',
							motifStatut:
								'Les EHPAD ont peu répondu aux sollicitations de la coordinatrice en raison de leurs difficultés à faire face au manque de personnel.',
							description: PEU_REALISE,
							suite: PAS_RENOUVELE
						})
					]
				},
				{
					numero: '5',
					titre: 'Soutenir les actions dans le domaine de l’e-santé',
					actions: [
						bilan(FA5, {
							id: 'h-5-1',
							titre: 'Soutien au déploiement de la Messagerie sécurisée Mon Sisra',
							themes: ['e-santé'],
							statut: 'non réalisée',
							statutLibelleSource: 'Peu réalisé',
							motifStatut: ESANTE_MOTIF,
							description: PEU_REALISE,
							resultats: ['Uniquement à Lafeuillade en Vézie'],
							suite: PAS_RENOUVELE
						}),
						bilan(FA5, {
							id: 'h-5-2',
							titre: 'Soutien au déploiement de la Téléconsultations et télé-expertise',
							themes: ['e-santé'],
							statut: 'non réalisée',
							statutLibelleSource: 'Peu réalisé',
							motifStatut: ESANTE_MOTIF,
							description: PEU_REALISE,
							suite: PAS_RENOUVELE
						})
					]
				},
				{
					numero: '6',
					titre: 'Participer à la structuration du parcours de soins de la personne précaire',
					actions: [
						bilan(FA6, {
							id: 'h-6-1',
							titre: 'Groupe de travail précarité',
							themes: ['précarité', 'coordination et animation'],
							statut: 'non réalisée',
							statutLibelleSource: 'Peu réalisé',
							motifStatut:
								'Le CLS n’a pas pu réunir le groupe au-delà de la première réunion faute de temps et parce que les élus ont fait le choix de flécher les missions prioritairement sur la démographie médicale et le vieillissement.',
							description: PEU_REALISE,
							suite: 'Les acteurs de la précarité seront réunis dans le cadre du CLSM'
						})
					]
				},
				{
					numero: '7',
					titre: 'Appuyer le programme territorial de santé mentale',
					actions: [
						bilan(FA7, {
							id: 'h-7-1',
							titre: 'Réalisation d’entretiens pour le Diagnostic du Programme Territorial en Santé Mentale',
							themes: ['santé mentale'],
							statut: 'réalisée',
							statutLibelleSource: 'Réalisé',
							suite: CLSM
						}),
						bilan(FA7, {
							id: 'h-7-2',
							titre: 'Création d’un CLSM',
							themes: ['santé mentale', 'coordination et animation'],
							statut: 'non réalisée',
							statutLibelleSource: 'Non réalisé',
							motifStatut: 'Le CLS a été fléché sur la démographie médicale et le vieillissement.',
							suite: CLSM
						}),
						bilan(FA7, {
							id: 'h-7-3',
							titre: 'Création de groupes d’expression en 2022 animés par une psychologue en direction de la population',
							themes: ['santé mentale'],
							statut: 'partiellement réalisée',
							statutLibelleSource: 'Partiellement réalisé',
							motifStatut: 'Un seul groupe a été mis en place sur les trois, faute d’inscriptions.',
							annees: { debut: 2022, fin: 2022 },
							suite: 'Les acteurs du CLSM étudieront l’intérêt de renouveler ce type d’action.'
						})
					]
				},
				{
					numero: '8',
					titre: 'Promouvoir et soutenir les actions sur le sport santé et la nutrition',
					actions: [
						bilan(FA8, {
							id: 'h-8-1',
							titre: 'Communication sur le DAPAP auprès des professionnels de santé',
							description: 'DAPAP : Dispositif d’accompagnement à la pratique d’activité physique (note 4 du document).',
							themes: ['nutrition et activité physique'],
							statut: 'réalisée',
							statutLibelleSource: 'Réalisée',
							resultats: ['Réunions auprès des MSP'],
							suite:
								'L’organisation de réunions auprès des MSP pour faire connaître les dispositifs est chronophage. Il n’est pas souhaitable que le CLS renouvelle cette action. En revanche le DAHLIR et le DAC prévoient d’organiser des petits déjeuners en direction des acteurs qui prescrivent et des acteurs de l’activité physique adaptée.'
						})
					]
				},
				{
					numero: '9',
					titre: 'Contribuer à la structuration de la filière addictions',
					actions: [
						bilan(FA9, {
							id: 'h-9-1',
							titre: 'Relai de la campagne Mois sans tabac',
							themes: ['addictions'],
							statut: 'partiellement réalisée',
							statutLibelleSource: 'Partiellement réalisé',
							motifStatut:
								'Les campagnes de distribution permettent d’aller à la rencontre des acteurs et de susciter un élan de participation. En revanche il s’agit d’une action chronophage qui propose une faible visibilité sur les résultats obtenus.',
							resultats: [
								'Une campagne de distribution de flyers et de kits d’aide à l’arrêt du tabac dans les cabinets médicaux et les pharmacies des 3 EPCI',
								'Un stand avec documentation et kits d’aide à l’arrêt en libre-service à l’accueil du Village d’Entreprise',
								'Communication par mail auprès du réseau CLS'
							],
							suite: 'Il n’est pas prévu de réaliser une action dans le prochain CLS.'
						}),
						bilan(FA9, {
							id: 'h-9-2',
							titre: 'Groupe de travail Addictions',
							themes: ['addictions', 'coordination et animation'],
							statut: 'non réalisée',
							statutLibelleSource: 'Non réalisé',
							motifStatut:
								'Pas de réunion du groupe au-delà de la 1ère réunion faute de temps ; les élus ont fait le choix de flécher les missions prioritairement sur la démographie médicale et le vieillissement.',
							suite: 'Les acteurs de la filière addictions seront réunis dans le cadre du CLSM'
						})
					]
				},
				{
					numero: '10',
					titre: 'Intégrer la thématique Santé Environnement dans les projets et pratiques des acteurs du territoire',
					actions: [
						bilan(FA10, {
							id: 'h-10-1',
							titre:
								'Accompagner les structures accueillant des enfants de 0 à 6 ans dans leur démarche d’autodiagnostic de qualité de l’air intérieur',
							themes: ['santé-environnement', 'jeunes et parentalité'],
							sousThemes: ['air intérieur'],
							statut: 'réalisée',
							statutLibelleSource: 'Réalisé',
							resultats: [PAR_LES_PARTENAIRES],
							suite:
								'Le CLS s’appuiera sur un groupe pilote pour la sensibilisation des acteurs et élus sur la règlementation en matière de qualité de l’air intérieur et de radon'
						}),
						bilan(FA10, {
							id: 'h-10-2',
							titre:
								'Informer les professionnels de santé des possibilités de sollicitation de la Conseillère Médicale en Environnement Intérieur (CMEI) pour assurer des visites à domicile, auditer l’environnement et assurer des mesures de paramètres chimiques chez les patients souffrant d’allergies et orientés par un médecin généraliste ou un pneumologue',
							themes: ['santé-environnement'],
							sousThemes: ['air intérieur'],
							statut: 'réalisée',
							statutLibelleSource: 'Réalisé',
							suite: 'L’action CMEI étant régionalisée, la stratégie de communication sera portée par le niveau régional'
						}),
						bilan(FA10, {
							id: 'h-10-3',
							titre:
								'Sensibiliser les collectivités locales à l’impact de certains facteurs environnementaux sur la santé et la qualité de vie des habitants (brûlage des déchets, ambroisie, tiques…)',
							themes: ['santé-environnement'],
							sousThemes: ['espèces nuisibles'],
							statut: 'réalisée',
							statutLibelleSource: 'Réalisé',
							resultats: [PAR_LES_PARTENAIRES],
							suite:
								'Le CLS se rapprochera des référents dans les EPCI pour relayer les actions de sensibilisation proposées par les partenaires (CPIE, FREDON, EIRAD…)'
						}),
						bilan(FA10, {
							id: 'h-10-4',
							titre: 'Former les élus locaux à la thématique santé environnement',
							themes: ['santé-environnement'],
							statut: 'non réalisée',
							statutLibelleSource: 'Non réalisé',
							suite:
								'Le CLS prévoit un volet sur la sensibilisation des élus au sujet de la santé environnement : animation de la fresque one-health, réunions au sein des EPCI avec les agents des collectivités et les référents en santé environnement.'
						})
					]
				}
			]
		}
	],
	gouvernance: {
		source: cite('clsAurillac', { section: '3.7 Le pilotage du contrat local de santé' }),
		instances: [
			{
				nom: 'Comité de pilotage',
				composition: 'Les signataires ou leur représentant ; composition modifiable par avenant en cas de nouvelle adhésion.',
				attributions: [
					'Définir les orientations stratégiques et ajustement des plans d’action',
					'Suivre la mise en œuvre du CLS',
					'Veiller au respect des engagements des signataires et des responsables d’action',
					'Assurer l’évaluation globale sur la base du programme d’action et des indicateurs de suivi et d’évaluation définis par chaque fiche-action'
				],
				reunions: 'Au minimum une fois par an ; en séance supplémentaire chaque fois que nécessaire ou à la demande d’un des signataires.'
			},
			{
				nom: 'Commission santé',
				composition:
					'La coordinatrice territoriale de santé, les élus référents des communautés de communes et des techniciens de plusieurs signataires ; peut inviter des partenaires et les pilotes d’actions.',
				attributions: [
					'Veiller à la cohérence de la production des fiches actions correspondants aux objectifs stratégiques',
					'Rendre compte et informer de l’évolution des travaux le comité en charge de la conception, de la mise en œuvre et de l’évaluation',
					'Assurer le suivi de l’avancée des travaux conduits par les pilotes des fiches actions'
				]
			},
			{
				nom: 'Coordination (coordonnatrice territoriale de santé)',
				attributions: [
					'Promouvoir le contrat local de santé en accompagnant les promoteurs d’actions',
					'Coordonner et mobiliser les moyens pour permettre l’élaboration et la mise en œuvre du contrat local de santé',
					'Venir en appui aux porteurs de projets et/ou pilote des fiches actions sur les aspects administratifs et organisationnels',
					'Rendre compte de l’évolution des actions du CLS auprès du comité de pilotage et contribuer à son évaluation'
				]
			}
		]
	},
	notes: [
		'Date : le contrat « prend effet du 1er Janvier 2024 au 31 Décembre 2028 » (§ 3.8) mais il est « Fait à Aurillac, le 11/03/2025 », après une délibération du Conseil syndical du SCoT du 6 mars 2025.',
		'Objectifs stratégiques : le § 3.4 annonce « huit objectifs stratégiques, présentés sous forme de huit fiches actions », mais le § 3.5 en numérote dix (1.1, 2.1, 2.2, 3.1, 4.1, 4.2, 5.1, 6.1, 7.1, 8.1) répartis en huit axes et huit fiches : la liste du § 3.4 fusionne 2.1 et 2.2 et omet 4.2. Le registre suit le § 3.5.',
		'Les fiches action détaillées sont « annexées au présent contrat » et absentes du document : le programme est enregistré au niveau des 58 objectifs spécifiques (nature « objectif spécifique », statut « prévue » par défaut, le document ne rendant pas compte de leur avancement).',
		'Bilan du CLS précédent : appelé « 2ème Contrat Local de Santé » (§ 2.1) et « Contrat Local de Santé 2018-2023 » (§ 3.4). La légende annonce trois classes (réalisé, partiellement réalisé, non réalisé) données par un code couleur perdu dans le texte ; quatre lignes portent « Peu réalisé », enregistrées « non réalisée » avec le libellé d’origine (statutLibelleSource).',
		'Le texte extrait mêle parfois les colonnes du tableau de bilan (statut, « si non réalisé, pourquoi ? », « actions prévues dans le prochain CLS ») : les précisions chiffrées sont rangées dans resultats, la colonne de suite dans suite.',
		'Le § 3.4 parle de l’« ARS Auvergne » et du « Schéma Régional de Santé 2018-2023 » ; les signataires nomment l’ARS Auvergne-Rhône-Alpes.',
		'Le § 3.7.3 mentionne le « comité de pilotage du Contrat Local de Santé du Pays d’Aurillac » : ce nom de territoire n’apparaît pas ailleurs dans le document.',
		'Le contrat vaut volet santé du contrat de ville pour les quartiers prioritaires d’Aurillac (§ 3.2).'
	],
	sources: [
		cite('clsAurillac', { section: '3.1 Parties signataires' }),
		cite('clsAurillac', { section: '3.2 Périmètre du Contrat Local de Santé' }),
		cite('clsAurillac', { section: SECTION_AXES }),
		cite('clsAurillac', { section: '3.8 La durée de validité du contrat local de santé' }),
		cite('clsAurillac', { section: '2.1.2 Bilan par action' })
	]
};

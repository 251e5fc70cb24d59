/**
 * `npm run data -- [--from DIR] [--out DIR]`: raw open data → Arrow IPC stream artefacts + manifest.json.
 * Same inputs give byte-identical outputs (everything sorted, no timestamps).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Table, tableToIPC } from 'apache-arrow';
import { type ArtefactMeta, type ManifestEntry, clearArtefacts, writeArtefact, writeBytesArtefact, writeManifest } from './lib/arrow';
import { COMMUNE_VALUES_TABLE, TERRITORY_VALUES_TABLE, isGeometryTable } from '../src/lib/data/engine/artefacts';
import { flattenMultiPolygons } from '../src/lib/data/geometry/polygons';
import { COARSE_COMMUNES, MESH_EXTENSION, encodeMesh } from '../src/lib/data/geometry/mesh';
import { buildFirstView } from './first-view';
import { buildPrerender } from './prerender';
import { buildAcces } from './acces';
import { MAX_MINUTES, TRAVEL_MODEL, buildTravelTimes } from './travel-times';
import { buildRegister } from './cls';
import { type Cog, loadCog } from './lib/cog';
import type { RemapRecord } from '../src/lib/data/engine/artefacts';
import { absenceNotes, originNotes } from './notes';
import { buildGeography } from './geography';
import { buildApl } from './sources/apl';
import { buildBassinsVie, readCommuneBassins } from './sources/bassins-vie';
import { buildBpe } from './sources/bpe';
import { buildFiness } from './sources/finess';
import { buildQpv } from './sources/qpv';
import { buildQpvPerimetres } from './sources/qpv-perimetres';
import { buildTypologies } from './sources/typologies';
import { buildRadon } from './sources/radon';
import { buildOfficialFiles, passageTable, splitsTable } from './sources/official-files';

const CLS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../data/cls');
const IGN = 'IGN – ADMIN EXPRESS COG CARTO 2025';
const COG = 'INSEE – COG 2025';
const QPV_PERIMETRES = 'ANCT – QPV 2024 (décrets du 28 décembre 2023), périmètres simplifiés';

const LO = 'Licence Ouverte / Etalab 2.0';
const FRANCE = 'France métropolitaine et DROM (34 875 communes COG 2025)';
const COG_ABOUT = { producer: 'INSEE', millesime: 'COG 2025', licence: LO, couverture: FRANCE };
const IGN_ABOUT = {
	producer: 'IGN',
	millesime: 'ADMIN EXPRESS COG CARTO 2025 (édition 2025-04-02)',
	licence: LO,
	couverture: FRANCE,
	transformation: 'Contours simplifiés (rmapshaper, 3 % des points gardés), DROM à leur position réelle.'
};

const QPV_ABOUT = {
	producer: 'ANCT',
	millesime: '2024 (décrets n° 2023-1314 et 2023-1312 du 28 décembre 2023)',
	licence: LO,
	couverture: '1 609 quartiers : hexagone, Corse et outre-mer',
	transformation: 'Périmètres simplifiés par un tiers (5 décimales) ; 83 géométries auto-sécantes réparées (union avec elles-mêmes).',
	limites: ['Géométrie simplifiée : pas pour dire si une adresse proche d’une limite est dans un quartier.']
};

/** What the data page says of each table: data/SOURCES.md in short, carried by the manifest. */
/** The first view's artefacts (pipeline/first-view.ts): computed here from the tables above. */
function firstViewMeta(title: string, transformation: string): Omit<ArtefactMeta, 'table'> {
	return {
		title,
		source: 'Calculées par le catalogue des indicateurs sur les tables ci-dessus',
		about: { producer: 'calcul cls-atlas sur les tables ci-dessus', millesime: 'ceux des indicateurs du catalogue', licence: LO, couverture: FRANCE, transformation }
	};
}

const META = {
	communes: {
		title: 'Communes (COG 2025)',
		source: `${COG} ; ${IGN} ; decoupage-administratif 6.0.0 (populations)`,
		about: {
			...COG_ABOUT,
			producer: 'INSEE ; IGN ; Etalab (decoupage-administratif 6.0.0, populations légales)',
			transformation: 'Noms COG 2025 ; population municipale de decoupage-administratif (population légale 2022 ; Mayotte : recensement de 2017) ; surface et centroïde calculés sur les contours IGN ; bassin de vie 2022.',
			limites: ['Mayotte : population du recensement de 2017, l’INSEE n’y publiant pas de population légale plus récente ; les autres communes : population légale 2022.']
		}
	},
	communes_geom: { title: 'Contours des communes', source: IGN, about: IGN_ABOUT },
	communes_simplifiees_geom: {
		title: 'Contours des communes simplifiés (carte de la France entière)',
		source: IGN,
		about: {
			...IGN_ABOUT,
			transformation: `${IGN_ABOUT.transformation} Puis frontières simplifiées à ${COARSE_COMMUNES.pixels} pixel au zoom ${COARSE_COMMUNES.zoom} (Douglas-Peucker sur chaque frontière commune, une fois pour les deux communes : elles restent jointives) ; carte sous le zoom ${COARSE_COMMUNES.untilZoom}.`
		}
	},
	communes_voisines: {
		title: 'Communes limitrophes',
		source: `${IGN} (frontières communes des contours)`,
		about: {
			...IGN_ABOUT,
			producer: 'calcul cls-atlas sur les contours IGN',
			transformation: 'Deux communes sont voisines quand leurs contours ont un segment en commun (les contours simplifiés gardent les frontières communes).',
			limites: ['Un contact en un seul point (quatre communes à un coin) ne compte pas ; les communes insulaires n’ont pas de voisine.']
		}
	},
	epci: {
		title: 'EPCI à fiscalité propre',
		source: `${COG} ; decoupage-administratif 6.0.0`,
		about: { ...COG_ABOUT, couverture: '1 255 EPCI', transformation: 'Nature (CC, CA, CU, métropole) de decoupage-administratif.' }
	},
	epci_geom: { title: 'Contours des EPCI', source: IGN, about: { ...IGN_ABOUT, transformation: 'Union des contours des communes de chaque EPCI.' } },
	departements: { title: 'Départements', source: COG, about: { ...COG_ABOUT, couverture: '101 départements' } },
	departements_geom: { title: 'Contours des départements', source: IGN, about: IGN_ABOUT },
	regions: { title: 'Régions', source: COG, about: { ...COG_ABOUT, couverture: '18 régions' } },
	regions_geom: { title: 'Contours des régions', source: IGN, about: IGN_ABOUT },
	cog_passage: {
		title: 'Table de passage des codes communes',
		source: `${COG} (table de passage historique)`,
		about: {
			...COG_ABOUT,
			couverture: 'Tout code commune valide depuis 2003',
			transformation: 'Ancien code → commune COG 2025 : sert à rattacher les fichiers importés (effectifs sommés).'
		}
	},
	cog_scissions: {
		title: 'Communes rétablies depuis 2003 (scissions)',
		source: `${COG} (mouvements de communes)`,
		about: {
			...COG_ABOUT,
			couverture: 'Toute commune d’un COG depuis 2003 devenue plusieurs communes en 2025',
			transformation:
				'Rétablissements de communes (mouvements 20 et 21) lus dans les mouvements de communes : commune d’origine → chaque commune qu’elle est devenue, avec sa part de la population légale 2025. ' +
				'Sert aux fichiers importés : un fichier qui a le code d’origine sans aucune des communes rétablies est dans un COG antérieur ; ses effectifs sont répartis au prorata de la population, ses taux et classes recopiés.'
		}
	},
	apl: {
		title: 'Accessibilité potentielle localisée aux médecins généralistes',
		source: 'DREES – APL 2022 et 2023',
		about: {
			producer: 'DREES',
			millesime: '2022 et 2023',
			licence: LO,
			couverture: 'France métropolitaine et 4 DROM : Mayotte non publiée par la DREES (34 858 communes sur 34 875)',
			transformation:
				'Lu dans le classeur de la DREES (feuilles « APL 2022 » et « APL 2023 ») par le lecteur de la page Données ; chaque année dans son COG (2022 ; 2024 pour la feuille 2023), ramenée au COG 2025 : ' +
				'communes fusionnées, populations sommées et APL pondérée par la population standardisée ; communes rétablies depuis, APL de la commune d’origine recopiée et populations partagées au prorata de la population légale.',
			limites: ['Mayotte : aucune commune dans le classeur de la DREES (non publié par la DREES).']
		}
	},
	radon: {
		title: 'Potentiel radon des communes',
		source: 'IRSN – zonage radon 2018 (arrêté du 27 juin 2018)',
		about: {
			producer: 'IRSN',
			millesime: '2018 (arrêté du 27 juin 2018)',
			licence: LO,
			couverture: FRANCE,
			transformation:
				'Communes du COG 2016 ramenées au COG 2025 : communes fusionnées, classe la plus élevée, marquées « mixtes » quand leurs parties diffèrent (80) ; ' +
				'communes rétablies depuis (Saint-Lucien, L’Oie, Sainte-Florence), classe de la commune d’origine.',
			limites: ['Lignes corrompues ou en double de la source écartées (3 + 1), journalisées ; Sada (Mayotte) codée 97605 dans la source, rattachée à 97616.']
		}
	},
	finess: {
		title: 'Établissements FINESS',
		source: 'FINESS – extrait Occitanie 2025-2026 ; stock national du 8 janvier 2021',
		about: {
			producer: 'DREES / ministère de la Santé (FINESS)',
			millesime: 'Occitanie fin 2025 – début 2026 ; reste de la France : 8 janvier 2021',
			licence: LO,
			couverture: 'France (DROM sans coordonnées)',
			transformation: 'Établissements dédoublonnés, commune ramenée au COG 2025, catégories regroupées (MSP, centre de santé, EHPAD, CPTS, pharmacie, hôpital, autre).',
			limites: [
				'Deux millésimes mêlés : 2025-2026 en Occitanie, 2021 ailleurs (les MSP ouvertes depuis 2021 hors Occitanie manquent).',
				'Hors Occitanie, la commune est déduite des coordonnées (approximative près des limites).'
			]
		}
	},
	bpe2013: {
		title: 'Équipements de santé (BPE 2013)',
		source: 'INSEE – BPE 2013',
		about: {
			producer: 'INSEE',
			millesime: '2013',
			licence: LO,
			couverture: '14 449 communes ayant au moins un équipement en 2013',
			transformation:
				'40 comptages santé et personnes âgées du COG 2013, sommés sur les communes COG 2025 ; communes rétablies depuis 2013 (Culey, Bihorel, Saint-Lucien), ' +
				'équipements de la commune d’origine partagés au prorata de la population légale ; commune absente = 0.',
			limites: [
				'Données anciennes (2013) : à dater dans tout usage.',
				'Colonne « Centre lutte cancer » arrivée en VRAI/FAUX : borne basse.',
				'Maisons de santé pluridisciplinaires : non recensées en 2013 (175 dans le fichier pour toute la France, aucune dans le Lot : leur enregistrement dans FINESS, d’où la BPE les tient, ne commençait qu’en 2012) ; colonne laissée vide, jamais 0. Les MSP de l’atlas viennent de FINESS 2021-2026.'
			]
		}
	},
	typologies: {
		title: 'Typologies communales',
		source: 'INSEE / ANCT – Observatoire des territoires 2025-2026',
		about: {
			producer: 'INSEE (grille de densité) ; ANCT (montagne, ruralités, centralités)',
			millesime: '2025-2026',
			licence: LO,
			couverture: FRANCE,
			transformation: 'Niveaux de densité remis dans l’ordre officiel 1–7.'
		}
	},
	qpv: {
		title: 'Quartiers prioritaires de la politique de la ville',
		source: 'ANCT – QPV 2024',
		about: {
			producer: 'ANCT',
			millesime: '2024',
			licence: LO,
			couverture: 'Communes ayant au moins un QPV : hexagone, Corse et DROM (1 518 quartiers ; Saint-Martin et la Polynésie, hors atlas, exclus)',
			transformation:
				'Une ligne par commune avec ses QPV, d’après les communes des périmètres des décrets (table qpv_quartiers, la même source que la carte). ' +
				'La liste par commune d’un tiers (1 493 QPV) est seulement comparée : elle code les 42 quartiers de Mayotte autrement (17 codes « C », un par commune) et n’a pas les 91 de Saint-Martin et de Polynésie ; écarts journalisés par npm run data.'
		}
	},
	qpv_quartiers: {
		title: 'Quartiers prioritaires 2024',
		source: QPV_PERIMETRES,
		about: QPV_ABOUT
	},
	qpv_geom: { title: 'Périmètres des quartiers prioritaires', source: QPV_PERIMETRES, about: QPV_ABOUT },
	bassins_vie: {
		title: 'Indicateurs par bassin de vie 2022',
		source: 'CartoSanté / INSEE – 2022-2024',
		about: {
			producer: 'CartoSanté (ARS) ; INSEE Statistiques locales',
			millesime: 'bassins de vie 2022, indicateurs 2022-2024',
			licence: LO,
			couverture: '1 707 bassins de vie',
			transformation: 'Valeurs « N/A » (secret statistique) gardées manquantes.',
			limites: ['Valeurs de bassin de vie, pas de commune.']
		}
	},
	acces: {
		title: 'Distances aux établissements de santé les plus proches',
		source: 'FINESS (Occitanie 2025-2026, France 2021) ; IGN – centroïdes ADMIN EXPRESS COG CARTO 2025',
		about: {
			producer: 'calcul cls-atlas sur FINESS et IGN',
			millesime: 'FINESS 2025-2026 (Occitanie) et 2021 ; contours 2025',
			licence: LO,
			couverture: 'Métropole et Corse ; DROM sans distance',
			transformation: 'Distance à vol d’oiseau du centroïde de la commune à l’établissement le plus proche de chaque catégorie, dans la même zone.',
			limites: ['Millésimes FINESS mêlés : les distances hors Occitanie sont sous-estimées d’un effet de millésime (2021).']
		}
	},
	temps_trajet: {
		title: 'Temps de trajet approchés entre communes (scénarios « Et si… ? »)',
		source: 'calcul cls-atlas : centroïdes IGN ADMIN EXPRESS COG CARTO 2025, grille de densité INSEE',
		about: {
			producer: 'calcul cls-atlas sur les contours IGN et la grille communale de densité INSEE',
			millesime: 'contours 2025, grille de densité 2025-2026',
			licence: LO,
			couverture: `Paires de communes à ${MAX_MINUTES} minutes au plus (métropole, Corse, DROM, chacun sur lui-même)`,
			transformation:
				`Distance à vol d’oiseau entre centroïdes × ${TRAVEL_MODEL.detour} (détour), vitesse selon la densité de chaque extrémité ` +
				`(${TRAVEL_MODEL.speeds.join(' / ')} km/h : communes denses / intermédiaires / rurales), ${TRAVEL_MODEL.stop} min par trajet ; ` +
				'paramètres choisis pour reproduire au mieux les rangs de l’APL de la DREES (data/SOURCES.md).',
			limites: [
				'Approximation : ni routes, ni relief, ni ponts. La DREES utilise les temps routiers Metric de l’INSEE, non téléchargeables.',
				'Calage (pipeline/travel-times-calibrate.ts) : avec l’offre approchée par les médecins omnipraticiens de la BPE 2013, l’APL recalculée ' +
					'ordonne les communes d’un département comme celle de la DREES avec une corrélation de Spearman médiane de 0,47 sur les 47 départements ' +
					'de test (0,45 sur les 48 de calage ; 1er quartile 0,38, minimum 0,18) ; 0,34 à 70 km/h, 0,38 avec des vitesses 30 / 50 / 75 km/h selon la densité. ' +
					'L’écart vient surtout de l’offre approchée (2013, effectifs et non activité) : le calage départage les modèles de temps, il ne mesure pas leur erreur.',
				'Centroïdes des contours, pas des points pondérés par la population.',
				'Une matrice réelle (CSV commune_origine;commune_destination;minutes, par exemple un export Metric) s’importe sur la page « Et si… ? », qui l’utilise alors à la place de celle-ci, dans ce navigateur.'
			]
		}
	},
	[COMMUNE_VALUES_TABLE]: firstViewMeta(
		'Valeurs des indicateurs par commune (premier affichage de la carte)',
		'Valeur de chaque indicateur du catalogue à la commune, calculée par le même moteur et le même SQL que l’atlas, pour afficher la première carte sans attendre le moteur.'
	),
	[TERRITORY_VALUES_TABLE]: firstViewMeta(
		'Valeurs des indicateurs par EPCI, département et région (carte avant le démarrage du moteur)',
		'Valeur de chaque indicateur du catalogue (rapport des sommes sur les communes), avec son numérateur et son dénominateur, par EPCI, département et région, calculée par le même moteur et le même SQL que l’atlas, pour changer de niveau sans attendre le moteur.'
	)
} satisfies Record<string, Omit<ArtefactMeta, 'table'>>;

/**
 * The communes whose value a tooltip or a portrait must explain: values inherited from a former commune
 * (re-established since the source's COG), and communes the producer does not publish; and what each remap did.
 */
function withNotes(metas: typeof META, tables: Record<string, Table>, cog: Cog, remaps: Map<string, RemapRecord[]>): Record<string, Omit<ArtefactMeta, 'table'>> {
	const annee = tables.apl.getChild('annee');
	const notes = {
		apl: [
			...originNotes(cog, tables.apl, (from, years) => `valeur de la commune d’origine ${from}, APL ${years}`, (i) => `${annee?.get(i)}`),
			...absenceNotes(cog, tables.apl, { '976': 'non publié par la DREES : le classeur de l’APL n’a aucune commune de Mayotte' })
		],
		bpe2013: originNotes(cog, tables.bpe2013, (from, years) => `équipements de la commune d’origine ${from} en ${years}, partagés au prorata de la population légale`, () => '2013'),
		radon: originNotes(cog, tables.radon, (from) => `classe de la commune d’origine ${from}, zonage de 2018`, () => '2018'),
		// decoupage-administratif gives Mayotte the 2017 census: INSEE publishes no legal population there since.
		communes: [{ kind: 'millesime' as const, codes: cog.communes.filter((c) => c.dep === '976').map((c) => c.code), text: 'population de Mayotte : recensement de 2017 (les autres communes : population légale 2022)' }]
	};
	const out: Record<string, Omit<ArtefactMeta, 'table'>> = { ...metas };
	for (const [table, list] of Object.entries(notes)) {
		const meta = metas[table as keyof typeof notes];
		out[table] = { ...meta, about: { ...meta.about, ...(list.length ? { notes: list } : {}), ...(remaps.has(table) ? { remap: remaps.get(table) } : {}) } };
	}
	return out;
}

export interface BuildOptions {
	from: string;
	out: string;
	/** The CLS register's inputs (`data/cls`). */
	cls?: string;
	log?: (message: string) => void;
}

/**
 * Geometry is written ready to draw: flattened and triangulated by the very code the map used to
 * run in the browser (src/lib/data/geometry/polygons.ts), so the picture is the same.
 */
function writeGeometry(out: string, meta: ArtefactMeta, table: Table): ManifestEntry {
	const mesh = encodeMesh(flattenMultiPolygons(tableToIPC(table, 'stream')));
	return writeBytesArtefact(out, meta, table.numRows, mesh, MESH_EXTENSION);
}

/** Builds every artefact into `out` and returns the manifest entries (sorted by table). */
export async function build({ from, out, cls = CLS_DIR, log = () => {} }: BuildOptions): Promise<ManifestEntry[]> {
	mkdirSync(out, { recursive: true });
	// First: a faulty contract stops the build before the long part.
	const register = buildRegister(cls, out);
	log(`${register.file.padEnd(20)} ${String(register.contracts).padStart(7)} CLS    ${String(register.bytes).padStart(10)} octets`);
	const cog = loadCog(from);
	const { bvOf, libelles } = readCommuneBassins(from, cog);
	const geography = buildGeography(from, cog, bvOf, log);
	const finess = buildFiness(from, cog, log);
	const qpvPerimetres = buildQpvPerimetres(from, log);
	const remaps = new Map<string, RemapRecord[]>();
	const record = (table: string) => (r: RemapRecord) => remaps.set(table, [...(remaps.get(table) ?? []), r]);
	const typologies = buildTypologies(from, cog, log);
	const tables: Record<string, Table> = {
		...geography,
		cog_passage: passageTable(cog),
		cog_scissions: splitsTable(cog),
		apl: buildApl(from, cog, log, record('apl')),
		bassins_vie: buildBassinsVie(from, libelles, log),
		radon: buildRadon(from, cog, log, record('radon')),
		finess,
		acces: buildAcces(geography.communes, finess, log),
		bpe2013: buildBpe(from, cog, log, record('bpe2013')),
		typologies,
		qpv: buildQpv(from, cog, log, qpvPerimetres.qpv_quartiers),
		...qpvPerimetres,
		temps_trajet: buildTravelTimes(geography.communes, typologies, log)
	} satisfies Record<Exclude<keyof typeof META, typeof COMMUNE_VALUES_TABLE | typeof TERRITORY_VALUES_TABLE>, Table>;
	const firstView = await buildFirstView(tables);
	tables[COMMUNE_VALUES_TABLE] = firstView.communes;
	tables[TERRITORY_VALUES_TABLE] = firstView.territories;
	const metas: Record<string, Omit<ArtefactMeta, 'table'>> = withNotes(META, tables, cog, remaps);
	// Built only when their raw file is present, which it is not on this machine (data/SOURCES.md).
	const official = await buildOfficialFiles(from, cog, log);
	Object.assign(tables, official.tables);
	Object.assign(metas, official.metas);
	clearArtefacts(out);
	const entries = Object.keys(metas).sort().map((name) => {
		const table = tables[name];
		if (!table) throw new Error(`Table ${name} non construite`);
		const meta = { table: name, ...metas[name] };
		const entry = isGeometryTable(name) ? writeGeometry(out, meta, table) : writeArtefact(out, meta, table);
		log(`${entry.table.padEnd(20)} ${String(entry.rows).padStart(7)} lignes ${String(entry.bytes).padStart(10)} octets`);
		return entry;
	});
	const prerender = buildPrerender(out, entries);
	log(`vue prérendue         ${prerender.indicator}, ${prerender.images.map((i) => `${i.width} px`).join(', ')}`);
	writeManifest(out, entries, register, prerender);
	return entries;
}

export function parseArgs(argv: readonly string[], root: string): { from: string; out: string } {
	const options = { from: resolve(root, '../shared/data'), out: resolve(root, 'static/data') };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = argv[i + 1];
		if ((flag !== '--from' && flag !== '--out') || !value) throw new Error(`Usage : npm run data -- [--from DIR] [--out DIR] (reçu « ${flag} »)`);
		options[flag === '--from' ? 'from' : 'out'] = resolve(value);
		i++;
	}
	return options;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
	try {
		const started = performance.now();
		await build({ ...parseArgs(process.argv.slice(2), root), log: (m) => console.log(m) });
		console.log(`Terminé en ${((performance.now() - started) / 1000).toFixed(1)} s`);
	} catch (error) {
		console.error(error instanceof Error ? `${error.name} : ${error.message}` : error);
		process.exit(1);
	}
}

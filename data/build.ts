/**
 * `npm run data -- [--from DIR] [--out DIR]`: raw open data → Arrow IPC stream artefacts + manifest.json.
 * Same inputs give byte-identical outputs (everything sorted, no timestamps).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Table, tableToIPC } from 'apache-arrow';
import { type ArtefactMeta, type ManifestEntry, clearArtefacts, writeArtefact, writeBytesArtefact, writeManifest } from './lib/arrow';
import { COMMUNE_VALUES_TABLE, isGeometryTable } from '../src/lib/db/artefacts';
import { flattenMultiPolygons } from '../src/lib/map/polygons';
import { MESH_EXTENSION, encodeMesh } from '../src/lib/map/mesh';
import { buildCommuneValues } from './first-view';
import { buildAcces } from './acces';
import { loadCog } from './cog';
import { buildGeography } from './geography';
import { buildApl } from './sources/apl';
import { buildBassinsVie, readCommuneBassins } from './sources/bassins-vie';
import { buildBpe } from './sources/bpe';
import { buildFiness } from './sources/finess';
import { buildQpv } from './sources/qpv';
import { buildTypologies } from './sources/typologies';
import { buildRadon } from './sources/radon';
import { buildPopulationAges } from './sources/population-ages';

const IGN = 'IGN – ADMIN EXPRESS COG CARTO 2025';
const COG = 'INSEE – COG 2025';

const META = {
	communes: { title: 'Communes (COG 2025)', source: `${COG} ; ${IGN} ; decoupage-administratif 6.0.0 (populations)` },
	communes_geom: { title: 'Contours des communes', source: IGN },
	epci: { title: 'EPCI à fiscalité propre', source: `${COG} ; decoupage-administratif 6.0.0` },
	epci_geom: { title: 'Contours des EPCI', source: IGN },
	departements: { title: 'Départements', source: COG },
	departements_geom: { title: 'Contours des départements', source: IGN },
	regions: { title: 'Régions', source: COG },
	regions_geom: { title: 'Contours des régions', source: IGN },
	apl: { title: 'Accessibilité potentielle localisée aux médecins généralistes', source: 'DREES – APL 2022 et 2023' },
	radon: { title: 'Potentiel radon des communes', source: 'IRSN – zonage radon 2018 (arrêté du 27 juin 2018)' },
	finess: { title: 'Établissements FINESS', source: 'FINESS – extrait Occitanie 2025-2026 ; stock national du 8 janvier 2021' },
	bpe2013: { title: 'Équipements de santé (BPE 2013)', source: 'INSEE – BPE 2013' },
	typologies: { title: 'Typologies communales', source: 'INSEE / ANCT – Observatoire des territoires 2025-2026' },
	qpv: { title: 'Quartiers prioritaires de la politique de la ville', source: 'ANCT – QPV 2024' },
	bassins_vie: { title: 'Indicateurs par bassin de vie 2022', source: 'CartoSanté / INSEE – 2022-2024' },
	acces: {
		title: 'Distances aux établissements de santé les plus proches',
		source: 'FINESS (Occitanie 2025-2026, France 2021) ; IGN – centroïdes ADMIN EXPRESS COG CARTO 2025'
	},
	[COMMUNE_VALUES_TABLE]: {
		title: 'Valeurs des indicateurs par commune (premier affichage de la carte)',
		source: 'Calculées par le catalogue des indicateurs sur les tables ci-dessus'
	}
} satisfies Record<string, Omit<ArtefactMeta, 'table'>>;

export interface BuildOptions {
	from: string;
	out: string;
	log?: (message: string) => void;
}

/**
 * Geometry is written ready to draw: flattened and triangulated by the very code the map used to
 * run in the browser (src/lib/map/polygons.ts), so the picture is the same.
 */
function writeGeometry(out: string, meta: ArtefactMeta, table: Table): ManifestEntry {
	const mesh = encodeMesh(flattenMultiPolygons(tableToIPC(table, 'stream')));
	return writeBytesArtefact(out, meta, table.numRows, mesh, MESH_EXTENSION);
}

/** Builds every artefact into `out` and returns the manifest entries (sorted by table). */
export async function build({ from, out, log = () => {} }: BuildOptions): Promise<ManifestEntry[]> {
	mkdirSync(out, { recursive: true });
	const cog = loadCog(from);
	const { bvOf, libelles } = readCommuneBassins(from, cog);
	const geography = buildGeography(from, cog, bvOf);
	const finess = buildFiness(from, cog, log);
	const tables: Record<string, Table> = {
		...geography,
		apl: buildApl(from, cog, log),
		bassins_vie: buildBassinsVie(from, libelles, log),
		radon: buildRadon(from, cog, log),
		finess,
		acces: buildAcces(geography.communes, finess, log),
		bpe2013: buildBpe(from, cog, log),
		typologies: buildTypologies(from, cog, log),
		qpv: buildQpv(from, cog, log)
	} satisfies Record<Exclude<keyof typeof META, typeof COMMUNE_VALUES_TABLE>, Table>;
	tables[COMMUNE_VALUES_TABLE] = await buildCommuneValues(tables);
	const metas: Record<string, Omit<ArtefactMeta, 'table'>> = { ...META };
	// Built only when its raw file is present, which it is not on this machine (data/SOURCES.md).
	const ages = buildPopulationAges(from, cog, log);
	if (ages) {
		tables.population_ages = ages.table;
		metas.population_ages = { title: 'Population par tranche d’âge et sexe', source: `INSEE – recensement de la population ${ages.annee} (base-cc-evol-struct-pop)` };
	}
	clearArtefacts(out);
	const entries = Object.keys(metas).sort().map((name) => {
		const table = tables[name];
		if (!table) throw new Error(`Table ${name} non construite`);
		const meta = { table: name, ...metas[name] };
		const entry = isGeometryTable(name) ? writeGeometry(out, meta, table) : writeArtefact(out, meta, table);
		log(`${entry.table.padEnd(20)} ${String(entry.rows).padStart(7)} lignes ${String(entry.bytes).padStart(10)} octets`);
		return entry;
	});
	writeManifest(out, entries);
	return entries;
}

function parseArgs(argv: readonly string[], root: string): { from: string; out: string } {
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

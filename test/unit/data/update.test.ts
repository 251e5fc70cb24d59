import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildOfficialFile } from '../../../pipeline/sources/official-files';
import { loadCog } from '../../../pipeline/lib/cog';
import { DOWNLOADS, type Download } from '../../../pipeline/downloads';
import { UpdateError, update } from '../../../pipeline/update';

// `npm run data:update` against a local HTTP server serving fixture files (fictitious values) as the producers
// publish them (zip archives), and against an address where nothing listens.
const FIXTURES = join(import.meta.dirname, '../../fixtures');
const BPE = readFileSync(join(FIXTURES, 'bpe/DS_BPE_2025_data.csv'));
const ANS = readFileSync(join(FIXTURES, 'ans/PS_LibreAcces_Personne_activite_202407150830.txt'));
const served: Record<string, Uint8Array> = {
	'/bpe.zip': zipSync({ 'DS_BPE_2025_data.csv': new Uint8Array(BPE), 'DS_BPE_2025_metadata.csv': new TextEncoder().encode('COD_VAR;LIB_VAR\n') }),
	'/ans': zipSync({ 'PS_LibreAcces_Personne_activite_202407150830.txt': new Uint8Array(ANS), 'PS_LibreAcces_SavoirFaire_202407150830.txt': new Uint8Array(1) }),
	'/other.zip': zipSync({ 'DS_BPE_2025_data.csv': new TextEncoder().encode('code;valeur\n46042;1\n') })
};
let server: Server;
let base: string;
let from: string;
let rebuilt: number;

beforeAll(async () => {
	server = createServer((req, res) => {
		const body = served[req.url ?? ''];
		// One connection per request, as a producer's server may close an idle one between two downloads.
		res.writeHead(body ? 200 : 404, { connection: 'close' }).end(body ?? 'introuvable');
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));
beforeEach(() => {
	from = mkdtempSync(join(tmpdir(), 'cls-atlas-update-'));
	cpSync(join(FIXTURES, 'data/cog2025'), join(from, 'cog2025'), { recursive: true });
	rebuilt = 0;
	return () => rmSync(from, { recursive: true, force: true });
});

const entry = (format: Download['format'], path: string): Download => ({ ...DOWNLOADS.find((d) => d.format === format)!, url: base + path, minBytes: 100 });
const run = (downloads: Download[]) => update({ from, out: join(from, 'out'), downloads, rebuild: async () => void rebuilt++ });
async function refusal(downloads: Download[]): Promise<string> {
	const error = await run(downloads).then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(UpdateError);
	return (error as Error).message;
}

describe('npm run data:update', () => {
	it('downloads, checks and places each file in the folder the pipeline reads, then rebuilds', async () => {
		mkdirSync(join(from, 'insee-bpe'));
		writeFileSync(join(from, 'insee-bpe', 'ancien.csv'), 'DEPCOM;TYPEQU;NB_EQUIP;AN\n46042;D265;1;2023\n');
		const written = await run([entry('bpe_sante', '/bpe.zip'), entry('ans_professionnels', '/ans')]);
		expect(written.map((p) => p.slice(from.length + 1))).toEqual(['insee-bpe/DS_BPE_2025_data.csv', 'ans-annuaire/PS_LibreAcces_Personne_activite_202407150830.txt']);
		// The earlier millésime is replaced, not kept beside (one file per folder).
		expect(readdirSync(join(from, 'insee-bpe'))).toEqual(['DS_BPE_2025_data.csv']);
		expect(rebuilt).toBe(1);
		const built = await buildOfficialFile(from, 'bpe_sante', loadCog(from), () => {});
		expect(built?.annee).toBe(2025);
	});

	it('changes nothing when one file fails its checks: HTTP error, too small, another format', async () => {
		expect(await refusal([entry('bpe_sante', '/bpe.zip'), entry('ans_professionnels', '/absent')])).toMatch(/\/absent : réponse HTTP 404 ; vérifiez l’adresse sur https:\/\/annuaire\.sante\.fr/);
		expect(await refusal([{ ...entry('bpe_sante', '/bpe.zip'), minBytes: 10_000_000 }])).toMatch(/octets seulement \(au moins 10000000 attendus\)/);
		expect(await refusal([entry('bpe_sante', '/other.zip')])).toMatch(/^Fichier téléchargé refusé \(.*\/other\.zip\) : .*colonnes de la BPE absentes/);
		expect(existsSync(join(from, 'insee-bpe'))).toBe(false);
		expect(readdirSync(from)).toEqual(['cog2025']);
		expect(rebuilt).toBe(0);
	});

	it('without a network, stops at once with a French message', async () => {
		// A port nobody listens on: the connection is refused at once.
		const closed = await new Promise<number>((done) => {
			const probe = createNetServer().listen(0, '127.0.0.1', () => {
				const { port } = probe.address() as AddressInfo;
				probe.close(() => done(port));
			});
		});
		const message = await refusal([{ ...entry('bpe_sante', '/bpe.zip'), url: `http://127.0.0.1:${closed}/DS_BPE_CSV_FR.zip` }]);
		expect(message).toMatch(/^Téléchargement impossible : pas de réseau ou producteur injoignable \(http:\/\/127\.0\.0\.1:\d+\/DS_BPE_CSV_FR\.zip : ECONNREFUSED\)\. Rien n’a été modifié\./);
		expect(rebuilt).toBe(0);
	});

	it('the pipeline refuses two files of one dataset in its folder', async () => {
		mkdirSync(join(from, 'insee-bpe'));
		writeFileSync(join(from, 'insee-bpe', 'a.csv'), BPE);
		writeFileSync(join(from, 'insee-bpe', 'b.csv'), BPE);
		const error = await buildOfficialFile(from, 'bpe_sante', loadCog(from), () => {}).catch((e: unknown) => e);
		expect((error as Error).message).toMatch(/^Plusieurs millésimes de la BPE dans .*insee-bpe \(a\.csv, b\.csv\) : n'en garder qu'un$/);
		const log: string[] = [];
		expect(await buildOfficialFile(from, 'ans_professionnels', loadCog(from), (m) => log.push(m))).toBeNull();
		expect(log[0]).toMatch(/^ans_professionnels non construite : aucun fichier ans-annuaire\/PS_LibreAcces_Personne_activite_AAAAMMJJhhmm\.txt/);
	});

	it('lists one address per official format, at its producer', () => {
		expect(DOWNLOADS.map((d) => d.format).sort()).toEqual(['ans_professionnels', 'bpe_sante', 'population_ages']);
		for (const d of DOWNLOADS) expect(new URL(d.url).hostname).toMatch(/(^|\.)(insee\.fr|sante\.fr)$/);
	});
});

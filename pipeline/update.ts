/**
 * `npm run data:update -- [--from DIR] [--out DIR]`: downloads the official files of pipeline/downloads.ts from their
 * producers, checks each (HTTP 200, size, the archive's member, header and content read by the importer itself),
 * puts them in their folder of the source directory (pipeline/sources/official-files.ts), and rebuilds the artefacts.
 * Nothing is replaced unless every file passed its checks. Without a network it stops at the first address, in French.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { type BuildOptions, build, parseArgs } from './build';
import { loadCog } from './lib/cog';
import { DOWNLOADS, type Download } from './downloads';
import { OFFICIAL_FOLDERS, readOfficialFile } from './sources/official-files';

export class UpdateError extends Error {
	override name = 'UpdateError';
}

export interface UpdateOptions {
	from: string;
	out: string;
	downloads?: readonly Download[];
	/** The rebuild once the files are in place (`build` of pipeline/build.ts). */
	rebuild?: (options: BuildOptions) => Promise<unknown>;
	log?: (message: string) => void;
	/** A producer that does not answer within this delay counts as unreachable. */
	timeoutMs?: number;
}

const UNCHANGED = 'Rien n’a été modifié.';

function cause(error: unknown): string {
	const e = error as { cause?: { code?: string; message?: string }; message?: string; name?: string };
	if (e?.name === 'TimeoutError') return 'pas de réponse dans le délai';
	return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}

/** The bytes of one producer's file, or an UpdateError saying why not. */
async function download(d: Download, timeoutMs: number): Promise<{ name: string; bytes: Uint8Array }> {
	let response: Response;
	try {
		response = await fetch(d.url, { signal: AbortSignal.timeout(timeoutMs) });
	} catch (error) {
		throw new UpdateError(
			`Téléchargement impossible : pas de réseau ou producteur injoignable (${d.url} : ${cause(error)}). ${UNCHANGED} ` +
				`Sans réseau, déposez les fichiers à la main dans leur dossier (data/SOURCES.md) puis lancez npm run data.`
		);
	}
	if (response.status !== 200) throw new UpdateError(`${d.url} : réponse HTTP ${response.status} ; vérifiez l’adresse sur ${d.page} (pipeline/downloads.ts). ${UNCHANGED}`);
	const bytes = new Uint8Array(await response.arrayBuffer());
	if (bytes.byteLength < d.minBytes)
		throw new UpdateError(`${d.url} : ${bytes.byteLength} octets seulement (au moins ${d.minBytes} attendus) : page d’erreur ou transfert interrompu. ${UNCHANGED}`);
	const zipped = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
	if (!zipped) {
		const name = basename(new URL(d.url).pathname);
		if (!d.member.test(name)) throw new UpdateError(`${d.url} : ni une archive zip ni un fichier ${d.member.source}. ${UNCHANGED}`);
		return { name, bytes };
	}
	let members: Record<string, Uint8Array>;
	try {
		members = unzipSync(bytes, { filter: (f) => d.member.test(basename(f.name)) });
	} catch (error) {
		throw new UpdateError(`${d.url} : archive zip illisible (${cause(error)}). ${UNCHANGED}`);
	}
	const names = Object.keys(members);
	if (names.length !== 1) throw new UpdateError(`${d.url} : ${names.length} fichiers ${d.member.source} dans l’archive au lieu d’un. ${UNCHANGED}`);
	return { name: basename(names[0]), bytes: members[names[0]] };
}

/** Downloads, checks, places and rebuilds; returns the paths written. */
export async function update({ from, out, downloads = DOWNLOADS, rebuild = build, log = () => {}, timeoutMs = 30_000 }: UpdateOptions): Promise<string[]> {
	const cog = loadCog(from);
	const staging = mkdtempSync(join(from, '.data-update-'));
	try {
		const checked: { download: Download; name: string; path: string }[] = [];
		for (const d of downloads) {
			log(`Téléchargement de ${d.url}`);
			const { name, bytes } = await download(d, timeoutMs);
			const path = join(staging, name);
			writeFileSync(path, bytes);
			try {
				await readOfficialFile(path, d.format, cog, (m) => log(`  ${m}`));
			} catch (error) {
				throw new UpdateError(`Fichier téléchargé refusé (${d.url}) : ${(error as Error).message}. ${UNCHANGED}`);
			}
			checked.push({ download: d, name, path });
		}
		const written: string[] = [];
		for (const { download: d, name, path } of checked) {
			const folder = OFFICIAL_FOLDERS[d.format];
			const dir = join(from, folder.dir);
			mkdirSync(dir, { recursive: true });
			for (const old of readdirSync(dir).filter((f) => folder.file.test(f))) unlinkSync(join(dir, old));
			const target = join(dir, name);
			renameSync(path, target);
			log(`${target} mis à jour`);
			written.push(target);
		}
		await rebuild({ from, out, log });
		return written;
	} finally {
		rmSync(staging, { recursive: true, force: true });
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
	try {
		await update({ ...parseArgs(process.argv.slice(2), root), log: (m) => console.log(m) });
	} catch (error) {
		console.error(error instanceof Error ? `${error.name} : ${error.message}` : error);
		process.exit(1);
	}
}

import { createHash } from 'node:crypto';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { ArtefactEntry, PrerenderEntry, RegisterEntry } from '../../src/lib/data/engine/artefacts';
import {
	Bool,
	Data,
	DataType,
	Dictionary,
	Field,
	Float32,
	Float64,
	Int8,
	Int16,
	Int32,
	RecordBatch,
	Schema,
	Struct,
	Table,
	Utf8,
	makeData,
	tableToIPC,
	vectorFromArray
} from 'apache-arrow';

/** A column ready to be assembled: its Arrow field and its single data chunk. */
/** The prerendered first view's files (pipeline/prerender.ts): cleared with the artefacts they are drawn from. */
export const PRERENDER_PREFIX = 'first-view-';

export interface Column {
	field: Field;
	data: Data;
}

function column(name: string, values: readonly unknown[], type: DataType): Column {
	return { field: new Field(name, type, values.includes(null)), data: vectorFromArray(values, type).data[0] };
}

export const utf8 = (name: string, values: readonly (string | null)[]) => column(name, values, new Utf8());
/** Low-cardinality text (labels, categories): dictionary-encoded to keep the artefacts small. */
export const label = (name: string, values: readonly (string | null)[]) =>
	column(name, values, new Dictionary(new Utf8(), new Int16()));
/** Commune codes repeated over many rows (pairs of communes): a dictionary of up to 2^31 codes. */
export const code32 = (name: string, values: readonly string[]) => column(name, values, new Dictionary(new Utf8(), new Int32()));
export const f32 = (name: string, values: readonly number[]) => column(name, values, new Float32());
export const f64 = (name: string, values: readonly (number | null)[]) => column(name, values, new Float64());
export const i32 = (name: string, values: readonly (number | null)[]) => column(name, values, new Int32());
export const i16 = (name: string, values: readonly (number | null)[]) => column(name, values, new Int16());
export const i8 = (name: string, values: readonly (number | null)[]) => column(name, values, new Int8());
export const bool = (name: string, values: readonly (boolean | null)[]) => column(name, values, new Bool());

export function makeTable(columns: readonly Column[]): Table {
	const length = columns[0].data.length;
	for (const c of columns) {
		if (c.data.length !== length) throw new Error(`Colonne ${c.field.name} : ${c.data.length} lignes au lieu de ${length}`);
	}
	const fields = columns.map((c) => c.field);
	const struct = makeData({ type: new Struct(fields), length, nullCount: 0, children: columns.map((c) => c.data) });
	return new Table(new RecordBatch(new Schema(fields), struct));
}

/** An entry of the manifest, as the app reads and checks it. */
export type ManifestEntry = ArtefactEntry;

/** What the build says of a table: its name, French title and short provenance (producer + millésime). */
export type ArtefactMeta = Pick<ArtefactEntry, 'table' | 'title' | 'source' | 'about'>;

/**
 * Writes `<table>.arrows.gz` (Arrow IPC stream, gzipped) and returns its manifest entry.
 * apache-arrow cannot write compressed IPC buffers, and gzip divides the artefacts by 2.5;
 * any tool reads them after `gunzip`. Node's gzip header carries no timestamp: output is reproducible.
 */
export function writeArtefact(outDir: string, meta: ArtefactMeta, table: Table): ManifestEntry {
	return writeBytesArtefact(outDir, meta, table.numRows, tableToIPC(table, 'stream'), '.arrows.gz');
}

/** Writes `<table><extension>` (the raw bytes, gzipped) and returns its manifest entry; `rows` is what it counts. */
export function writeBytesArtefact(outDir: string, meta: ArtefactMeta, rows: number, raw: Uint8Array, extension: string): ManifestEntry {
	const bytes = gzipSync(raw, { level: 9 });
	const file = `${meta.table}${extension}`;
	writeFileSync(join(outDir, file), bytes);
	const digest = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
	return {
		table: meta.table,
		file,
		rows,
		bytes: bytes.byteLength,
		sha256: digest(bytes),
		ipc_bytes: raw.byteLength,
		ipc_sha256: digest(raw),
		title: meta.title,
		source: meta.source,
		...(meta.about ? { about: meta.about } : {})
	};
}

/** Removes artefacts (and prerendered views, pipeline/prerender.ts) of an earlier build, so a renamed or dropped table cannot linger. */
export function clearArtefacts(outDir: string): void {
	for (const file of readdirSync(outDir)) {
		if (/\.(arrows|mesh)(\.gz)?$/.test(file) || file.startsWith(PRERENDER_PREFIX) || file === 'manifest.json') rmSync(join(outDir, file));
	}
}

export function writeManifest(outDir: string, entries: readonly ManifestEntry[], register: RegisterEntry, prerender?: PrerenderEntry): void {
	const artefacts = [...entries].sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
	writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify({ schema: 1, artefacts, register, prerender }, null, '\t')}\n`);
}

/// <reference lib="webworker" />
/**
 * Makes the report file off the page's main thread: each figure drawn at 300 dpi on an OffscreenCanvas (with
 * the app's font), then the Word or PDF library (and its zipping, font subsetting and compression) loaded and
 * run here, only when a report is generated. The page hears of each figure drawn.
 */
import type { FlatPolygons } from '../../../data/geometry/polygons';
import { figureBlocks, type RenderedImage, type ReportDoc } from './model';
import type { PdfFonts } from './pdf';
import { communeShapes, renderChart, renderMap } from './render';

export interface WriterRequest {
	format: 'docx' | 'pdf';
	doc: ReportDoc;
	/** The communes the maps draw. */
	polygons: FlatPolygons;
	/** Source Sans 3, for the figures' text and the PDF. */
	fonts: PdfFonts;
}

export type WriterReply = { progress: number; label: string } | { bytes: Uint8Array; pages: number | null } | { error: string };

const post = (reply: WriterReply, transfer: Transferable[] = []) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply, transfer);

/** The page's font for the canvas: a worker has its own font set. */
async function addFonts(fonts: PdfFonts): Promise<void> {
	const set = (self as unknown as WorkerGlobalScope).fonts;
	for (const [bytes, weight] of [
		[fonts.regular, '400'],
		[fonts.bold, '700']
	] as const) {
		const face = new FontFace('Source Sans 3', bytes.slice().buffer, { weight });
		set.add(await face.load());
	}
}

self.onmessage = async (event: MessageEvent<WriterRequest>) => {
	const { format, doc, polygons, fonts } = event.data;
	try {
		await addFonts(fonts);
		const shapes = communeShapes(polygons);
		const type = format === 'docx' ? 'png' : 'jpeg';
		const images = new Map<string, RenderedImage>();
		for (const [i, b] of figureBlocks(doc).entries()) {
			post({ progress: i + 1, label: b.spec.kind === 'map' ? `Carte ${b.caption}` : `Graphique ${b.caption}` });
			images.set(b.id, b.spec.kind === 'map' ? await renderMap(b, b.spec, shapes, type) : await renderChart(b, b.spec, type));
		}
		post({ progress: images.size + 1, label: format === 'docx' ? 'Écriture du document Word' : 'Écriture du PDF' });
		let reply: WriterReply;
		if (format === 'docx') reply = { bytes: await (await import('./docx')).reportDocx(doc, images), pages: null };
		else {
			const r = await (await import('./pdf')).reportPdf(doc, images, fonts);
			reply = { bytes: r.bytes, pages: r.pages };
		}
		post(reply, 'bytes' in reply ? [reply.bytes.buffer] : []);
	} catch (e) {
		post({ error: e instanceof Error ? e.message : String(e) });
	}
};

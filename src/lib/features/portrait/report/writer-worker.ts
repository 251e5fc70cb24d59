/**
 * Writes the report file off the page's main thread: the Word or PDF library (and its zipping, font
 * subsetting and compression) is loaded and run here, only when a report is generated.
 */
import type { RenderedImage, ReportDoc } from './model';
import type { PdfFonts } from './pdf';

export interface WriterRequest {
	format: 'docx' | 'pdf';
	doc: ReportDoc;
	images: [string, RenderedImage][];
	fonts: PdfFonts | null;
}

export type WriterReply = { bytes: Uint8Array; pages: number | null } | { error: string };

self.onmessage = async (event: MessageEvent<WriterRequest>) => {
	const { format, doc, images, fonts } = event.data;
	try {
		const map = new Map(images);
		let reply: WriterReply;
		if (format === 'docx') reply = { bytes: await (await import('./docx')).reportDocx(doc, map), pages: null };
		else {
			if (!fonts) throw new Error('police absente');
			const r = await (await import('./pdf')).reportPdf(doc, map, fonts);
			reply = { bytes: r.bytes, pages: r.pages };
		}
		(self as unknown as Worker).postMessage(reply, 'bytes' in reply ? [reply.bytes.buffer] : []);
	} catch (e) {
		(self as unknown as Worker).postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies WriterReply);
	}
};

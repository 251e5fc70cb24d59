/// <reference lib="webworker" />
/** Reads an XLSX workbook off the page's main thread (workbook.ts): bytes in, CSV text or a French refusal out. */
import { convertWorkbook } from './workbook-convert';

self.onmessage = (event: MessageEvent<{ bytes: Uint8Array; label: string; sheet?: string }>) => {
	try {
		self.postMessage(convertWorkbook(event.data.bytes, event.data.label, event.data.sheet));
	} catch (error) {
		self.postMessage({ error: error instanceof Error ? error.message : String(error) });
	}
};

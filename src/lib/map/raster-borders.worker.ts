/// <reference lib="webworker" />
/** The borders' distance fields of the commune image, off the page's thread (raster-borders.ts). */
import { rasterBorders, type BordersRequest } from './raster-borders';

self.onmessage = (event: MessageEvent<BordersRequest>) => {
	const { frame, departements, regions } = event.data;
	const pixels = rasterBorders(frame, departements, regions);
	(self as unknown as DedicatedWorkerGlobalScope).postMessage(pixels, [pixels.buffer]);
};

/**
 * What the canvas goldens draw, bundled for a blank Chromium page (test/e2e/golden-canvas.test.ts): the
 * app's 2D drawing functions as they are, on the page's global.
 */
import { composeMapImage } from '../../src/lib/export/map-image';
import { tableImage } from '../../src/lib/export/table-image';
import { communeShapes, renderChart, renderMap } from '../../src/lib/features/portrait/report/render';

export const harness = { composeMapImage, tableImage, communeShapes, renderChart, renderMap };
export type Harness = typeof harness;

Object.assign(globalThis, { golden: harness });

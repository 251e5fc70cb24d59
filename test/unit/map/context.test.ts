import { describe, expect, it } from 'vitest';
import type { Layer } from '@deck.gl/core';
import { MapContext } from '../../../src/lib/map/context.svelte';

const layer = (id: string) => ({ id }) as unknown as Layer;
const ids = (context: MapContext) => context.layers.map((l) => l.id);

describe('MapContext layer stack', () => {
	it('draws the slots by their order, whatever the order in which children set them', () => {
		const context = new MapContext();
		context.setLayers('labels', 80, [layer('place-labels')]);
		context.setLayers('choropleth', 10, [layer('fill'), layer('outline')]);
		context.setLayers('hover', 70, [layer('hover')]);
		expect(ids(context)).toEqual(['fill', 'outline', 'hover', 'place-labels']);
	});

	it('replaces a slot in place and forgets a removed one', () => {
		const context = new MapContext();
		context.setLayers('choropleth', 10, [layer('fill')]);
		context.setLayers('hover', 70, [layer('hover')]);
		context.setLayers('choropleth', 10, [layer('fill-2')]);
		expect(ids(context)).toEqual(['fill-2', 'hover']);
		context.removeLayers('choropleth');
		expect(ids(context)).toEqual(['hover']);
	});

	it('relays deck.gl callbacks to the listeners until they unsubscribe', () => {
		const context = new MapContext();
		let frames = 0;
		const stop = context.onAfterRender(() => frames++);
		context.emitAfterRender();
		stop();
		context.emitAfterRender();
		expect(frames).toBe(1);
	});

	it('waits for every layer’s full detail before an export, and no more for a layer gone', async () => {
		const context = new MapContext();
		const loaded: string[] = [];
		let finish = () => {};
		context.onDetail(() => new Promise<void>((done) => (finish = () => {
			loaded.push('communes');
			done();
		})));
		const stop = context.onDetail(async () => void loaded.push('gone'));
		stop();
		let ready = false;
		const detailed = context.detailed().then(() => (ready = true));
		// Every queued task run: only the pending load holds it back.
		await new Promise((next) => setTimeout(next, 0));
		expect(ready).toBe(false);
		finish();
		await detailed;
		expect(loaded).toEqual(['communes']);
	});
});

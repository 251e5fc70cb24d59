import { getContext, setContext, untrack } from 'svelte';
import type { Map as MapLibre, MapEventType } from 'maplibre-gl';
import type { Layer, PickingInfo } from '@deck.gl/core';

/**
 * What a child of `BaseMap` reaches through the component context: the MapLibre map once its
 * style is loaded, the element it draws in, the camera, and the deck.gl layer stack, where each
 * child keeps its own slot. Slots are drawn by ascending `order`, whatever the order in which the
 * children mount or update, so the stack is the same on every page that composes them.
 */
export class MapContext {
	/** The MapLibre map, set once its style has loaded (sources and layers can be touched). */
	map = $state.raw<MapLibre | null>(null);
	/** The map's element: children place their own elements over it, in its parent. */
	container = $state.raw<HTMLElement | null>(null);
	zoom = $state(0);
	/** Bumped whenever the camera stops moving. */
	cameraVersion = $state(0);
	/**
	 * Set while the map is exported: layers that draw a lighter version of themselves at some zooms
	 * (Choropleth's simplified communes) draw their full one, and `detailed()` waits for it to be loaded.
	 */
	precise = $state(false);
	/**
	 * Set while the département and région borders outside the DROM are drawn in the commune image
	 * (Choropleth at country zoom): MapLibre's lines then stand aside (BoundaryLines).
	 */
	bordersInImage = $state(false);

	// Plain collections on purpose: a child writing its slot from its effect must not come to depend on
	// the other slots (a SvelteMap would track the reads `set` does); `layers` reads #slotsVersion instead.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- see above
	#slots = new Map<string, { order: number; layers: Layer[] }>();
	#slotsVersion = $state(0);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, not state
	#deckHover = new Set<(info: PickingInfo) => void>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, not state
	#afterRender = new Set<() => void>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, not state
	#detail = new Set<() => Promise<void>>();

	/** Every slot's layers, in drawing order (reactive). */
	get layers(): Layer[] {
		void this.#slotsVersion;
		return [...this.#slots.values()].sort((a, b) => a.order - b.order).flatMap((s) => s.layers);
	}

	setLayers(slot: string, order: number, layers: Layer[]): void {
		this.#slots.set(slot, { order, layers });
		untrack(() => this.#slotsVersion++);
	}

	removeLayers(slot: string): void {
		if (this.#slots.delete(slot)) untrack(() => this.#slotsVersion++);
	}

	/** deck.gl's pointer picking (only pickable layers answer). Returns the unsubscribe. */
	onDeckHover(listener: (info: PickingInfo) => void): () => void {
		this.#deckHover.add(listener);
		return () => this.#deckHover.delete(listener);
	}

	/** Called after each frame deck.gl draws. Returns the unsubscribe. */
	onAfterRender(listener: () => void): () => void {
		this.#afterRender.add(listener);
		return () => this.#afterRender.delete(listener);
	}

	/** Registers how a layer gets its full detail (e.g. loads a mesh); `detailed()` waits for it. Returns the unsubscribe. */
	onDetail(load: () => Promise<void>): () => void {
		this.#detail.add(load);
		return () => this.#detail.delete(load);
	}

	/** Resolves once every layer has what it needs to draw its full detail (see `precise`). */
	async detailed(): Promise<void> {
		await Promise.all([...this.#detail].map((load) => load()));
	}

	/** For BaseMap: relays deck.gl's callbacks to the children. */
	emitDeckHover(info: PickingInfo): void {
		for (const listener of this.#deckHover) listener(info);
	}

	emitAfterRender(): void {
		for (const listener of this.#afterRender) listener();
	}
}

const KEY = Symbol('cls-atlas map');

export function setMapContext(context: MapContext): MapContext {
	return setContext(KEY, context);
}

export function getMapContext(): MapContext {
	const context = getContext<MapContext | undefined>(KEY);
	if (!context) throw new Error('A map layer component must be placed inside <BaseMap>.');
	return context;
}

/**
 * For a child component, during its initialisation: keeps the slot `slot` of the layer stack equal
 * to what `build` returns (re-run when what it reads changes), and empties it when the child goes.
 */
export function deckLayers(slot: string, order: number, build: () => Layer[]): MapContext {
	const context = getMapContext();
	$effect(() => {
		const layers = context.map ? build() : [];
		context.setLayers(slot, order, layers);
	});
	$effect(() => () => context.removeLayers(slot));
	return context;
}

/** For a child component: listens to a MapLibre event while the map exists and the child lives. */
export function mapEvent<T extends keyof MapEventType>(type: T, listener: (event: MapEventType[T]) => void): MapContext {
	const context = getMapContext();
	$effect(() => {
		const map = context.map;
		if (!map) return;
		map.on(type, listener);
		return () => void map.off(type, listener);
	});
	return context;
}

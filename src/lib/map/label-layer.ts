import { Layer, project32, type LayerContext, type UpdateParameters } from '@deck.gl/core';
import { Model } from '@luma.gl/engine';
import type { Texture } from '@luma.gl/core';

/**
 * Place names drawn from one picture of them: the labels kept are written once (text and white halo,
 * Canvas 2D, at the screen's pixel ratio) side by side in a texture, and each is one rectangle of a
 * single mesh at its place, of fixed size on screen. deck.gl's text layer draws every letter as an
 * instance, twice (halo, then text): without a GPU each instance has a cost of its own, and the ~300
 * letters of France's labels took 30 ms a frame (measured at France's zoom), the labels' rectangles here
 * one draw of a few hundred triangles.
 */

export interface LabelStyle {
	/** CSS font, e.g. `600 12px "Source Sans 3", sans-serif`. */
	font: string;
	/** Line height in CSS pixels. */
	height: number;
	color: string;
	halo: string;
	/** Width of the halo around the letters, in CSS pixels. */
	haloWidth: number;
}

interface LabelProps {
	/** Names and their places (lon, lat pairs), in drawing order. */
	texts: string[];
	places: Float64Array;
	style: LabelStyle;
}

const vs = /* glsl */ `#version 300 es
#define SHADER_NAME label-atlas-vertex-shader
in vec3 positions;
in vec3 positions64Low;
in vec2 offsets;
in vec2 texCoords;
out vec2 vTexCoord;
void main(void) {
  geometry.worldPosition = positions;
  gl_Position = project_position_to_clipspace(positions, positions64Low, vec3(0.0), geometry.position);
  // The place on whole device pixels, so that the picture of the letters is drawn texel for pixel, sharp.
  vec2 screen = floor((gl_Position.xy / gl_Position.w * 0.5 + 0.5) * project.viewportSize + 0.5);
  gl_Position.xy = (screen / project.viewportSize * 2.0 - 1.0) * gl_Position.w;
  gl_Position.xy += project_pixel_size_to_clipspace(vec2(offsets.x, -offsets.y)) * gl_Position.w;
  vTexCoord = texCoords;
}
`;

const fs = /* glsl */ `#version 300 es
#define SHADER_NAME label-atlas-fragment-shader
precision highp float;
uniform sampler2D atlas;
in vec2 vTexCoord;
out vec4 fragColor;
void main(void) {
  fragColor = texture(atlas, vTexCoord);
  fragColor.a *= layer.opacity;
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`;

/** Where each label is in the atlas: its box, in CSS pixels. */
interface Atlas {
	canvas: OffscreenCanvas;
	/** x, y, width, height of each label, CSS pixels. */
	boxes: Float32Array;
	ratio: number;
}

/** The labels side by side, rows of at most `ROW` CSS pixels. */
const ROW = 1024;

function drawAtlas(texts: string[], style: LabelStyle, ratio: number): Atlas {
	const measure = new OffscreenCanvas(1, 1).getContext('2d')!;
	measure.font = style.font;
	const pad = Math.ceil(style.haloWidth) + 1;
	const boxes = new Float32Array(texts.length * 4);
	let [x, y] = [0, 0];
	texts.forEach((text, i) => {
		const width = Math.ceil(measure.measureText(text).width) + 2 * pad;
		if (x + width > ROW) [x, y] = [0, y + style.height + 2 * pad];
		boxes.set([x, y, width, style.height + 2 * pad], i * 4);
		x += width;
	});
	const canvas = new OffscreenCanvas(Math.max(1, Math.ceil(ROW * ratio)), Math.max(1, Math.ceil((y + style.height + 2 * pad) * ratio)));
	const ctx = canvas.getContext('2d')!;
	ctx.scale(ratio, ratio);
	ctx.font = style.font;
	ctx.textAlign = 'center';
	ctx.textBaseline = 'middle';
	ctx.lineJoin = 'round';
	ctx.lineWidth = 2 * style.haloWidth;
	ctx.strokeStyle = style.halo;
	ctx.fillStyle = style.color;
	texts.forEach((text, i) => {
		const [bx, by, bw, bh] = boxes.subarray(i * 4, i * 4 + 4);
		ctx.strokeText(text, bx + bw / 2, by + bh / 2);
		ctx.fillText(text, bx + bw / 2, by + bh / 2);
	});
	return { canvas, boxes, ratio };
}

/** Two triangles a label: its place (each corner), its corners' offsets from it (CSS pixels) and their texture coordinates. */
function labelMesh(places: Float64Array, atlas: Atlas) {
	const n = atlas.boxes.length / 4;
	const [width, height] = [atlas.canvas.width / atlas.ratio, atlas.canvas.height / atlas.ratio];
	const corners = new Float64Array(n * 12);
	const offsets = new Float32Array(n * 8);
	const texCoords = new Float32Array(n * 8);
	const indices = new Uint32Array(n * 6);
	for (let i = 0; i < n; i++) {
		const [x, y, w, h] = atlas.boxes.subarray(i * 4, i * 4 + 4);
		// Whole pixels each side of the place: the centre then falls on a pixel corner, as the atlas's does.
		const [left, top] = [-Math.round(w / 2), -Math.round(h / 2)];
		for (let c = 0; c < 4; c++) {
			const [right, bottom] = [c === 1 || c === 2, c >= 2];
			corners.set([places[i * 2], places[i * 2 + 1], 0], (i * 4 + c) * 3);
			offsets.set([left + (right ? w : 0), top + (bottom ? h : 0)], (i * 4 + c) * 2);
			texCoords.set([(x + (right ? w : 0)) / width, (y + (bottom ? h : 0)) / height], (i * 4 + c) * 2);
		}
		indices.set([0, 1, 2, 0, 2, 3].map((k) => i * 4 + k), i * 6);
	}
	return { corners, offsets, texCoords, indices, vertexCount: n * 6 };
}

export class LabelAtlasLayer extends Layer<LabelProps> {
	static layerName = 'LabelAtlasLayer';
	declare state: { model?: Model; atlas?: Texture; mesh?: ReturnType<typeof labelMesh> };

	getShaders() {
		return super.getShaders({ vs, fs, modules: [project32] });
	}

	initializeState(): void {
		const noAlloc = true;
		this.getAttributeManager()!.add({
			indices: { size: 1, isIndexed: true, update: (attribute) => (attribute.value = this.state.mesh!.indices), noAlloc },
			positions: { size: 3, type: 'float64', fp64: this.use64bitPositions(), update: (attribute) => (attribute.value = this.state.mesh!.corners), noAlloc },
			offsets: { size: 2, update: (attribute) => (attribute.value = this.state.mesh!.offsets), noAlloc },
			texCoords: { size: 2, update: (attribute) => (attribute.value = this.state.mesh!.texCoords), noAlloc }
		});
	}

	updateState({ props, oldProps, changeFlags }: UpdateParameters<this>): void {
		if (changeFlags.extensionsChanged || !this.state.model) {
			this.state.model?.destroy();
			this.setState({ model: new Model(this.context.device, { ...this.getShaders(), id: this.props.id, bufferLayout: this.getAttributeManager()!.getBufferLayouts(), topology: 'triangle-list', isInstanced: false }) });
			this.getAttributeManager()!.invalidateAll();
		}
		if (props.texts !== oldProps.texts || props.places !== oldProps.places || props.style !== oldProps.style) {
			const atlas = drawAtlas(props.texts, props.style, this.context.device.canvasContext?.cssToDeviceRatio() ?? globalThis.devicePixelRatio ?? 1);
			this.state.atlas?.destroy();
			const texture = this.context.device.createTexture({ width: atlas.canvas.width, height: atlas.canvas.height, format: 'rgba8unorm', mipLevels: 1, sampler: { minFilter: 'linear', magFilter: 'linear' } });
			texture.copyExternalImage({ image: atlas.canvas });
			const mesh = labelMesh(props.places, atlas);
			this.state.model!.setVertexCount(mesh.vertexCount);
			this.setState({ atlas: texture, mesh });
			this.getAttributeManager()!.invalidateAll();
		}
	}

	finalizeState(context: LayerContext): void {
		super.finalizeState(context);
		this.state.atlas?.destroy();
		this.state.model?.destroy();
	}

	draw(): void {
		const { model, atlas, mesh } = this.state;
		if (!model || !atlas || !mesh?.vertexCount) return;
		model.setBindings({ atlas });
		model.draw(this.context.renderPass);
	}
}

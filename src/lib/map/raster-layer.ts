import { BitmapLayer } from '@deck.gl/layers';
import type { UpdateParameters } from '@deck.gl/core';
import type { Texture } from '@luma.gl/core';
import type { PlacedRaster } from '../data/queries/load-polygons';
import { COMMUNE_RASTER_ZOOM } from '../data/geometry/raster';
import { DEPARTEMENT_LINE, REGION_LINE } from './style';
import { BORDER_REACH } from './raster-borders';

/**
 * The communes at country zoom as one textured rectangle: the commune image (geometry/raster.ts, one
 * commune index a pixel) and a small texture of one colour a commune. A frame then costs one
 * rectangle instead of 170,000 triangles, and a re-colouring one upload of 35,000 colours instead
 * of a colour for each of the mesh's vertices. Each screen pixel takes the commune under its centre,
 * as WebGL fills the mesh without multisampling (how the map draws without a GPU).
 */

/** Width of the colour texture: commune i is at texel i + 1, row after row (texel 0: no commune, transparent). */
const COLOR_ROW = 256;

const rgb = (hex: string) => [1, 3, 5].map((i) => (parseInt(hex.slice(i, i + 2), 16) / 255).toFixed(4)).join(', ');
const stops = (width: readonly number[]) => width.map((v) => v.toFixed(4)).join(', ');

// One texture read for the index, one for its colour, with float coordinates and nearest sampling:
// measured on software WebGL, integer reads (texelFetch with % and /) took four times longer, and
// blending the four pixels around each screen pixel, three times longer (32 against 8 ms a frame).
// The borders are distance fields (raster-borders.ts), read filtered: a border covers the pixels
// within half the style's width at this zoom, antialiased over one screen pixel (fwidth).
const fs = /* glsl */ `#version 300 es
#define SHADER_NAME commune-raster-fragment-shader
precision highp float;
uniform sampler2D bitmapTexture;
uniform sampler2D colorTexture;
uniform sampler2D borderTexture;
in vec2 vTexCoord;
in vec2 vTexPos;
// CSS pixels an image pixel covers at this zoom, and half the widths of the département and région borders.
in vec3 vBorder;
out vec4 fragColor;

float cover(float distance, float halfWidth) {
  return clamp((halfWidth - distance) / max(fwidth(distance), 1e-4) + 0.5, 0.0, 1.0);
}

void main(void) {
  // Index = low byte + 256 × high byte; the colour texture is 256 wide, colour i + 1 for commune i, 0 for none.
  vec2 index = floor(texture(bitmapTexture, vTexCoord).rg * 255.0 + 0.5);
  vec4 color = texture(colorTexture, (index + 0.5) / vec2(textureSize(colorTexture, 0)));
  vec2 distance = texture(borderTexture, vTexCoord).rg * (${BORDER_REACH.toFixed(1)} * vBorder.x);
  vec4 c = vec4(color.rgb * color.a, color.a);
  c = mix(c, vec4(${rgb(DEPARTEMENT_LINE.color)}, 1.0), cover(distance.x, vBorder.y));
  c = mix(c, vec4(${rgb(REGION_LINE.color)}, 1.0), cover(distance.y, vBorder.z));
  fragColor = c.a > 0.0 ? vec4(c.rgb / c.a, c.a * layer.opacity) : vec4(0.0);
  geometry.uv = vTexCoord;
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`;

/** The zoom's part, once a vertex rather than once a pixel (logarithms are slow on the CPU): from the projection's scale, 2^zoom. */
const vsDecl = /* glsl */ `
out vec3 vBorder;
float borderWidthAt(vec4 stops, float zoom) {
  return mix(stops.y, stops.w, clamp((zoom - stops.x) / (stops.z - stops.x), 0.0, 1.0));
}
`;
const vsMainEnd = /* glsl */ `
  float zoom = log2(project.scale);
  vBorder = vec3(
    exp2(zoom - ${COMMUNE_RASTER_ZOOM.toFixed(1)}),
    borderWidthAt(vec4(${stops(DEPARTEMENT_LINE.width)}), zoom) * 0.5,
    borderWidthAt(vec4(${stops(REGION_LINE.width)}), zoom) * 0.5
  );
`;

interface RasterProps {
	raster: PlacedRaster;
	/** RGBA of each commune, in the order of the image's indices. */
	colors: Uint8Array;
	/** Changes when `colors` does: the colour texture is then written again. */
	colorVersion: number;
	/** The borders' distance fields on the image's pixels (raster-borders.ts), or null: none drawn. */
	borders: Uint8Array | null;
	/** The MapLibre layer it is drawn under (read by the interleaved overlay). */
	beforeId?: string;
}

export class CommuneRasterLayer extends BitmapLayer<RasterProps> {
	static layerName = 'CommuneRasterLayer';
	declare state: BitmapLayer['state'] & { ids?: Texture; colorTexture?: Texture; borderTexture?: Texture };

	getShaders() {
		// The zoom comes from the projection's uniforms, which only the vertex shader has.
		return { ...super.getShaders(), fs, inject: { 'vs:#decl': vsDecl, 'vs:#main-end': vsMainEnd } };
	}

	updateState(params: UpdateParameters<this>): void {
		super.updateState(params);
		const { props, oldProps } = params;
		const device = this.context.device;
		if (props.raster !== oldProps.raster) {
			this.state.ids?.destroy();
			const { width, height, ids: pixels } = props.raster;
			const ids = device.createTexture({ width, height, format: 'rg8unorm', mipLevels: 1, sampler: { minFilter: 'nearest', magFilter: 'nearest' } });
			ids.writeData(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength));
			this.setState({ ids });
		}
		if (props.borders !== oldProps.borders || props.raster !== oldProps.raster) {
			this.state.borderTexture?.destroy();
			// No borders: every pixel beyond reach (255).
			const [width, height] = props.borders ? [props.raster.width, props.raster.height] : [1, 1];
			const borderTexture = device.createTexture({ width, height, format: 'rg8unorm', mipLevels: 1, sampler: { minFilter: 'linear', magFilter: 'linear' } });
			borderTexture.writeData(props.borders ?? new Uint8Array([255, 255]));
			this.setState({ borderTexture });
		}
		if (props.colors !== oldProps.colors || props.colorVersion !== oldProps.colorVersion) {
			const height = Math.ceil((props.colors.length / 4 + 1) / COLOR_ROW);
			let { colorTexture } = this.state;
			if (colorTexture?.height !== height) {
				colorTexture?.destroy();
				colorTexture = device.createTexture({ width: COLOR_ROW, height, format: 'rgba8unorm', mipLevels: 1, sampler: { minFilter: 'nearest', magFilter: 'nearest' } });
				this.setState({ colorTexture });
			}
			const padded = new Uint8Array(COLOR_ROW * height * 4);
			padded.set(props.colors, 4);
			colorTexture.writeData(padded);
		}
	}

	finalizeState(context: Parameters<BitmapLayer['finalizeState']>[0]): void {
		super.finalizeState(context);
		this.state.ids?.destroy();
		this.state.colorTexture?.destroy();
		this.state.borderTexture?.destroy();
	}

	draw(): void {
		const { model, coordinateConversion, bounds, ids, colorTexture, borderTexture } = this.state;
		if (!model || !ids || !colorTexture || !borderTexture) return;
		model.shaderInputs.setProps({
			bitmap: { bitmapTexture: ids, bounds, coordinateConversion, desaturate: 0, tintColor: [1, 1, 1], transparentColor: [0, 0, 0, 0] }
		});
		model.setBindings({ colorTexture, borderTexture });
		model.draw(this.context.renderPass);
	}
}

/** The colours of every commune as the raster layer takes them (one RGBA each). */
export function rasterColors(count: number, colorOf: (feature: number) => readonly number[]): Uint8Array {
	const out = new Uint8Array(count * 4);
	for (let f = 0; f < count; f++) out.set(colorOf(f), f * 4);
	return out;
}

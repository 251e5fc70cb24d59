/**
 * Whether this browser draws WebGL on the CPU: no GPU, a blocked driver, a virtual desktop (what
 * many administrations' workstations have). Told by the renderer's name, asked once per page.
 */
let answer: boolean | undefined;

/** Software renderers of Chrome (SwiftShader), Firefox and Linux (llvmpipe, lavapipe…) and Windows. */
const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render driver/i;

export function isSoftwareRenderer(name: string): boolean {
	return SOFTWARE.test(name);
}

export function drawsWithoutGpu(): boolean {
	if (answer === undefined) {
		const gl = document.createElement('canvas').getContext('webgl2');
		const info = gl?.getExtension('WEBGL_debug_renderer_info');
		answer = gl ? isSoftwareRenderer(String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER))) : false;
		gl?.getExtension('WEBGL_lose_context')?.loseContext();
	}
	return answer;
}

import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer } from '../../../src/lib/map/renderer';

describe('a WebGL renderer drawn on the CPU, told by its name', () => {
	it('recognises the software renderers of Chrome, Linux and Windows', () => {
		expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
		expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
		expect(isSoftwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(true);
	});

	it('keeps a GPU for a GPU', () => {
		expect(isSoftwareRenderer('ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)')).toBe(false);
		expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
		expect(isSoftwareRenderer('Apple M2')).toBe(false);
	});
});

// The atlas runs entirely in the browser (DuckDB-WASM, WebGL): pages are prerendered shells.
export const prerender = true;
export const ssr = false;

// The explorer's prerendered view (in its HTML, just above this script) is shown only when the page
// opens on that very view: no query or the default view's (as the app writes it), and no map position
// in the hash or the one the map fits on opening (a reload keeps it): same zoom and centre, computed
// here as MapLibre fits the bounds into the map's box. Any other permalink shows « Chargement de la
// carte… » until its own map. Written inline in the page (first-view-html.ts), so that the picture waits
// for no request; the page's policy allows it by its hash (svelte.config.js), not by 'unsafe-inline'.
(() => {
	const script = document.currentScript;
	const view = document.querySelector('.fv-view');
	if (!script || !view) return;
	const mercatorX = (lng) => (lng + 180) / 360;
	const mercatorY = (lat) => (1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2;

	/** Whether the hash `zoom/lat/lng` is the camera the map fits on opening (within a few pixels). */
	function openingCamera(hash) {
		const [zoom, lat, lng] = hash.split('/').map(Number);
		if (![zoom, lat, lng].every(Number.isFinite)) return false;
		const [west, south, east, north] = JSON.parse(script.dataset.bounds);
		const narrow = window.matchMedia(script.dataset.narrowMedia).matches;
		const [top, right, bottom, left] = JSON.parse(narrow ? script.dataset.paddingNarrow : script.dataset.padding);
		const box = view.getBoundingClientRect();
		const scale = Math.min((box.width - left - right) / (mercatorX(east) - mercatorX(west)), (box.height - top - bottom) / (mercatorY(south) - mercatorY(north)));
		const centreX = (mercatorX(west) + mercatorX(east)) / 2 - (left - right) / 2 / scale;
		const centreY = (mercatorY(north) + mercatorY(south)) / 2 - (top - bottom) / 2 / scale;
		const offset = Math.hypot(mercatorX(lng) - centreX, mercatorY(lat) - centreY) * scale;
		return Math.abs(zoom - Math.log2(scale / 512)) < 0.02 && offset < 3;
	}

	const query = new URLSearchParams(location.search).toString();
	const hash = location.hash.slice(1);
	const matches = (query === '' || query === script.dataset.query) && (hash === '' || openingCamera(hash));
	document.documentElement.classList.add(matches ? 'first-view-match' : 'first-view-other');
})();

// The explorer's prerendered view (its HTML) is shown only when the URL asks for that very view: no
// query, or the default view's (written by the app), and no map position in the hash. Run in the head,
// before the first paint; any other permalink shows « Chargement de la carte… » until the live map.
(() => {
	const query = new URLSearchParams(location.search).toString();
	const matches = location.hash.length <= 1 && (query === '' || query === document.currentScript?.dataset.query);
	document.documentElement.classList.add(matches ? 'first-view-match' : 'first-view-other');
})();

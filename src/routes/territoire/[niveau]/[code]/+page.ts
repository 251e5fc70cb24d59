import type { EntryGenerator, PageLoad } from './$types';

// A few portraits are prerendered; every other territory is served by the SPA fallback (200.html).
export const entries: EntryGenerator = () => [
	{ niveau: 'commune', code: '46102' },
	{ niveau: 'epci', code: '200066371' },
	{ niveau: 'cls', code: 'cauvaldor' }
];

// SvelteKit has already decoded the parameter: decoding it again broke on « % » (`/territoire/commune/%25`).
export const load: PageLoad = ({ params }) => ({ niveau: params.niveau, code: params.code });

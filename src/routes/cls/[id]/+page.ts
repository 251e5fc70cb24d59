import type { EntryGenerator, PageLoad } from './$types';
import { SHIPPED_CLS } from '$lib/register/register';

// Shipped CLS are prerendered; a CLS created in the browser is served by the SPA fallback (200.html).
export const entries: EntryGenerator = () => SHIPPED_CLS.map((c) => ({ id: c.id }));

export const load: PageLoad = ({ params }) => ({ id: params.id });

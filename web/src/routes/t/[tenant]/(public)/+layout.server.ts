// Signed-out tenant pages (login, reset, invitation) show the vendor's portal name.
import { api } from '$lib/server/api';
import { unwrap } from '$lib/server/problems';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const { tenantSlug } = await event.parent();
	const tenant = unwrap(event, await api(event).getTenant(tenantSlug));
	return { tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name } };
};

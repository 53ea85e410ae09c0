// Signed-out tenant pages (login, reset, invitation) show the vendor's
// portal name, logo and colours.
import { api } from '$lib/server/api';
import { loadBranding, orDefaultBranding } from '$lib/server/branding';
import { unwrap } from '$lib/server/problems';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const { tenantSlug } = await event.parent();
	const [tenantResult, branding] = await Promise.all([api(event).getTenant(tenantSlug), loadBranding(event)]);
	const tenant = unwrap(event, tenantResult);
	return {
		tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
		branding: orDefaultBranding(branding, tenant.name)
	};
};

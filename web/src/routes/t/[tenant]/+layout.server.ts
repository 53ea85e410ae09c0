// Every tenant page: the tenant's slug and link base, from hooks.server.ts.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { SLUG_PATTERN } from '$lib/tenant-route';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const slug = locals.tenantSlug;
	// A slug the API could never have issued: no portal lives here, no need to ask.
	if (!slug || !SLUG_PATTERN.test(slug)) {
		error(404, { message: m.error_tenant_not_found(), code: 'tenant_not_found' });
	}
	return { tenantSlug: slug, tenantBase: locals.tenantBase };
};

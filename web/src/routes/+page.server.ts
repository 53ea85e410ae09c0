import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { api } from '$lib/server/api';
import { failWithErrors, failWithProblem, formText } from '$lib/server/problems';
import { SLUG_PATTERN } from '$lib/tenant-route';
import type { Actions } from './$types';

export const actions: Actions = {
	// "Sign in": find the vendor's portal by its address and go to its login page.
	signin: async (event) => {
		const slug = formText(await event.request.formData(), 'slug').toLowerCase();
		if (!slug) return failWithErrors({ slug: m.field_required() }, { slug });
		if (!SLUG_PATTERN.test(slug)) return failWithErrors({ slug: m.field_slug_invalid() }, { slug });

		const tenant = await api(event).getTenant(slug);
		if (!tenant.ok && tenant.status === 404) {
			return failWithErrors({ slug: m.error_tenant_not_found_title() }, { slug });
		}
		if (!tenant.ok && tenant.problem.code === 'api_unreachable') {
			return failWithProblem(tenant, ['slug'], { slug });
		}
		redirect(303, `/t/${slug}/login`);
	}
};

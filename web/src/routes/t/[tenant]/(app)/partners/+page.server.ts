import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { hasPermission } from '$lib/roles';
import { api } from '$lib/server/api';
import { failWithErrors, failWithProblem, formText, unwrap } from '$lib/server/problems';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'partners.manage')) {
		error(403, { message: m.error_forbidden(), code: 'forbidden' });
	}
	return { partnerOrgs: unwrap(event, await api(event).listPartnerOrgs()).items };
};

export const actions: Actions = {
	default: async (event) => {
		const values = { name: formText(await event.request.formData(), 'name') };
		if (!values.name) return failWithErrors({ name: m.field_required() }, values);
		const result = await api(event).createPartnerOrg(values.name);
		if (!result.ok) return failWithProblem(result, ['name'], values);
		return { created: result.data.name };
	}
};

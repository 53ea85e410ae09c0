// One partner's onboarding checklist, for vendor staff, who may tick custom
// steps off on the partner's behalf.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { hasPermission } from '$lib/roles';
import { api } from '$lib/server/api';
import { unwrap } from '$lib/server/problems';
import { tickStep } from '../../step-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'onboarding.read')) error(403, { message: m.error_forbidden(), code: 'forbidden' });
	const id = event.params.id;
	const client = api(event);
	const [org, progress] = await Promise.all([
		client.call('get', '/api/t/{tenant}/partner-orgs/{id}', { params: { id } }),
		client.call('get', '/api/t/{tenant}/onboarding/progress', { query: { partnerOrgId: id } })
	]);
	return {
		partner: { id, name: unwrap(event, org).name },
		progress: unwrap(event, progress)
	};
};

export const actions: Actions = {
	complete: (event) => tickStep(event, true),
	uncomplete: (event) => tickStep(event, false)
};

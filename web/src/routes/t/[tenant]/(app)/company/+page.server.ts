// A partner organization's own profile: partner admins edit it (not its
// owner or status, which the vendor manages); partner users read it.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { hasPermission } from '$lib/roles';
import { api } from '$lib/server/api';
import { unwrap } from '$lib/server/problems';
import { saveProfile } from '../partners/profile.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	// Vendor staff have no company profile here: theirs is the portal itself.
	if (!me.partnerOrg) error(404, { message: m.error_page_not_found(), code: 'not_found' });
	const id = me.partnerOrg.id;
	const org = unwrap(event, await api(event).call('get', '/api/t/{tenant}/partner-orgs/{id}', { params: { id } }));
	const canEdit = hasPermission(me, 'profile.manage_own');
	return { org, canEdit, editing: canEdit && event.url.searchParams.has('edit') };
};

export const actions: Actions = {
	profile: async (event) => {
		const me = unwrap(event, await api(event).getMe());
		if (!me.partnerOrg || !hasPermission(me, 'profile.manage_own')) {
			error(403, { message: m.error_forbidden(), code: 'forbidden' });
		}
		return saveProfile(event, me.partnerOrg.id, { withOwner: false });
	}
};

// A partner's own standing in the program: its tier, what it brings, how far
// the next tier is, and how its tier has moved.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { hasPermission } from '$lib/roles';
import { api } from '$lib/server/api';
import { unwrap } from '$lib/server/problems';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'tiers.own')) error(403, { message: m.error_forbidden(), code: 'forbidden' });
	return {
		standing: unwrap(event, await api(event).call('get', '/api/t/{tenant}/me/tier')),
		now: Date.now()
	};
};

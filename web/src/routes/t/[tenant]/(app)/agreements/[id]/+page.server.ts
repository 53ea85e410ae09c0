import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { hasPermission } from '$lib/roles';
import { api } from '$lib/server/api';
import { unwrap } from '$lib/server/problems';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'agreements.read')) error(403, { message: m.error_forbidden(), code: 'forbidden' });
	const agreement = unwrap(
		event,
		await api(event).call('get', '/api/t/{tenant}/agreements/{id}', { params: { id: event.params.id } })
	);
	return { agreement };
};

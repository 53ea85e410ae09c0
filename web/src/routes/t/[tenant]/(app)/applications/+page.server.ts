// The review queue: applications by status, open ones first.
import { error } from '@sveltejs/kit';
import { APPLICATION_STATUSES, isApplicationStatus } from '$lib/components/recruitment/labels';
import { m } from '$lib/paraglide/messages';
import { hasPermission } from '$lib/roles';
import { api } from '$lib/server/api';
import { unwrap } from '$lib/server/problems';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'applications.review')) error(403, { message: m.error_forbidden(), code: 'forbidden' });

	// Pending is what a reviewer came for, so it is the default view.
	const requested = event.url.searchParams.get('status') ?? 'pending';
	const status = requested === 'all' || isApplicationStatus(requested) ? requested : 'pending';
	const cursor = event.url.searchParams.get('cursor') ?? '';

	const page = unwrap(
		event,
		await api(event).call('get', '/api/t/{tenant}/applications', {
			query: { status: status === 'all' ? undefined : status, limit: PAGE_SIZE, cursor: cursor || undefined }
		})
	);
	// "All" keeps the API's newest-first order within each status, open ones first.
	const rank = (s: string) => APPLICATION_STATUSES.indexOf(s as (typeof APPLICATION_STATUSES)[number]);
	const items = status === 'all' ? [...page.items].sort((a, b) => rank(a.status) - rank(b.status)) : page.items;

	return { status, cursor, items, nextCursor: page.nextCursor };
};

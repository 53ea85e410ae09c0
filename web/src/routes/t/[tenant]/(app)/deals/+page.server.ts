// Deal registrations: a partner's own (a partner admin: the organization's),
// or, for vendor staff, every partner's, opening on the review queue. View,
// search and order come from the URL; pages follow the API's keyset cursor.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { hasPermission, isVendorRole } from '$lib/roles';
import { api } from '$lib/server/api';
import { unwrap } from '$lib/server/problems';
import { apiQuery, filterParams, parseFilters } from './filters';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 25;

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'deals.read')) error(403, { message: m.error_forbidden(), code: 'forbidden' });

	const vendor = isVendorRole(me.role);
	const filters = parseFilters(event.url.searchParams, vendor);
	const cursor = event.url.searchParams.get('cursor') ?? '';
	const client = api(event);
	const listPage = (after: string) =>
		client.call('get', '/api/t/{tenant}/deals', {
			query: { ...apiQuery(filters), limit: PAGE_SIZE, cursor: after || undefined }
		});

	const first = await listPage(cursor);
	// A cursor from another order (an edited or old link): start again at the first page.
	const stale = !first.ok && first.problem.code === 'invalid_cursor';
	const page = unwrap(event, stale ? await listPage('') : first);

	return {
		filters,
		vendor,
		/** Identifies the filtered, sorted list, so "Load more" knows when it continues the same one. */
		listKey: filterParams(filters, vendor).toString(),
		cursor: stale ? '' : cursor,
		page,
		canRegister: hasPermission(me, 'deals.register'),
		canExport: hasPermission(me, 'deals.review'),
		/** The clock the countdowns are computed against, the same on server and browser. */
		now: Date.now()
	};
};

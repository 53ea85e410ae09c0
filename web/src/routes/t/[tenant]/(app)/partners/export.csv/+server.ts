// The partner list as a CSV download, with the list's current filters and
// order: the API's export, passed through the typed client as an attachment.
import { api } from '$lib/server/api';
import { unwrap } from '$lib/server/problems';
import { apiQuery, parseFilters } from '../filters';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const query = apiQuery(parseFilters(event.url.searchParams));
	const csv = unwrap(event, await api(event).call('get', '/api/t/{tenant}/partner-orgs/export.csv', { query }));
	const day = new Date().toISOString().slice(0, 10);
	const filename = `partners-${event.locals.tenantSlug ?? 'portal'}-${day}.csv`;
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'no-store'
		}
	});
};

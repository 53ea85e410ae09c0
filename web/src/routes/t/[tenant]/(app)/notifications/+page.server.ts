// The notification centre: the signed-in person's notifications, newest
// first, all or only the unread ones, in the API's keyset pages. Opening one
// is a form action (it marks it read, then goes to the deal), so it works
// without JavaScript and a hover preload never marks anything.
import { fail, redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { failureStatus, formText, problemMessage, throwProblem, unwrap } from '$lib/server/problems';
import { tenantHref } from '$lib/tenant-route';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 25;
/** The API's ids: at most 64 characters of this alphabet (a notification's is run:deal:member). */
const DEAL_ID = /^[A-Za-z0-9_-]{1,64}$/;
const NOTIFICATION_ID = /^[A-Za-z0-9:_-]{1,200}$/;

export const load: PageServerLoad = async (event) => {
	const unread = event.url.searchParams.get('unread') === 'true';
	const cursor = event.url.searchParams.get('cursor') ?? '';
	const client = api(event);
	const listPage = (after: string) =>
		client.call('get', '/api/t/{tenant}/notifications', {
			query: { unread: unread ? 'true' : undefined, limit: PAGE_SIZE, cursor: after || undefined }
		});
	const first = await listPage(cursor);
	// An edited or stale link's cursor: start again at the newest.
	const stale = !first.ok && first.problem.code === 'invalid_cursor';
	const page = unwrap(event, stale ? await listPage('') : first);
	return { unread, cursor: stale ? '' : cursor, page };
};

export const actions: Actions = {
	/** Marks one read and opens its deal. */
	open: async (event) => {
		const data = await event.request.formData();
		const id = formText(data, 'id');
		const deal = formText(data, 'deal');
		if (!DEAL_ID.test(deal) || !NOTIFICATION_ID.test(id)) redirect(303, tenantHref(event.locals.tenantBase, '/notifications'));
		const result = await api(event).call('post', '/api/t/{tenant}/notifications/read', { body: { ids: [id] } });
		// A signed-out session goes to the login page; any other failure still opens the deal, which is what was asked.
		if (!result.ok && result.status === 401) throwProblem(event, result);
		redirect(303, tenantHref(event.locals.tenantBase, `/deals/${deal}`));
	},
	/** Marks every unread one read and shows the view again from the newest. */
	readAll: async (event) => {
		const unread = formText(await event.request.formData(), 'unread') === 'true';
		const result = await api(event).call('post', '/api/t/{tenant}/notifications/read', { body: { all: true } });
		if (!result.ok) {
			if (result.status === 401) throwProblem(event, result);
			return fail(failureStatus(result.status), { message: problemMessage(result.problem, result.retryAfterSeconds) });
		}
		const list = tenantHref(event.locals.tenantBase, '/notifications');
		redirect(303, unread ? `${list}?unread=true` : list);
	}
};

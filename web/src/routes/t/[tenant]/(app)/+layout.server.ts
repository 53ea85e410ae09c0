// Signed-in tenant pages: who is looking. No session, or an expired one, goes
// to the login page (see throwProblem); unknown or suspended tenants get their page.
import { api } from '$lib/server/api';
import { unwrap } from '$lib/server/problems';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	await event.parent();
	const me = unwrap(event, await api(event).getMe());
	return { me };
};

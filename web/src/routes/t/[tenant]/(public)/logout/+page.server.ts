import { redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { clearSessionCookie } from '$lib/server/session';
import { tenantHref } from '$lib/tenant-route';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		if (event.locals.sessionToken) {
			// Sign out here even when the API cannot be told: the cookie goes either way.
			const result = await api(event).logout();
			if (!result.ok && result.status !== 401) {
				console.warn('logout: API answered', result.status, result.problem.code);
			}
		}
		clearSessionCookie(event);
		redirect(303, `${tenantHref(event.locals.tenantBase, '/login')}?signed-out`);
	}
};

import { api } from '$lib/server/api';
import { unwrap } from '$lib/server/problems';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	dashboard: unwrap(event, await api(event).getDashboard())
});

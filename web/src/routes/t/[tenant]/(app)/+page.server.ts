// The dashboard: everyone's cards; for vendor staff the program overview
// (work waiting, partners by tier and stage); for partners their tier and
// onboarding progress. The reads go out together.
import { api } from '$lib/server/api';
import { unwrap } from '$lib/server/problems';
import { hasPermission } from '$lib/roles';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	const client = api(event);
	const vendor = hasPermission(me, 'dashboard.vendor');
	const [dashboard, overview, tier, onboarding] = await Promise.all([
		client.getDashboard(),
		vendor ? client.call('get', '/api/t/{tenant}/dashboard/program') : null,
		!vendor && hasPermission(me, 'tiers.own') ? client.call('get', '/api/t/{tenant}/me/tier') : null,
		!vendor && hasPermission(me, 'onboarding.own') ? client.call('get', '/api/t/{tenant}/onboarding/progress', { query: {} }) : null
	]);
	return {
		dashboard: unwrap(event, dashboard),
		overview: overview ? unwrap(event, overview) : null,
		// Secondary panels: a failed read leaves the panel out rather than the page.
		tier: tier?.ok ? tier.data : null,
		onboarding: onboarding?.ok ? onboarding.data : null
	};
};

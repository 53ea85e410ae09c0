// Signed-in tenant pages: who is looking, and the vendor's branding for the
// shell. No session, or an expired one, goes to the login page (see
// throwProblem); unknown or suspended tenants get their page. Partner roles
// are held at the agreement page while their organization has not signed the
// current partner agreement (see agreementGate).
import { redirect } from '@sveltejs/kit';
import { agreementGate } from '$lib/server/agreement-gate';
import { api } from '$lib/server/api';
import { loadBranding, orDefaultBranding } from '$lib/server/branding';
import { unwrap } from '$lib/server/problems';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	await event.parent();
	const [meResult, branding] = await Promise.all([api(event).getMe(), loadBranding(event)]);
	const me = unwrap(event, meResult);
	const gate = await agreementGate(event, me);
	if (gate?.redirectTo) redirect(303, gate.redirectTo);
	return { me, gate, branding: orDefaultBranding(branding, me.tenant.name) };
};

// Signed-in tenant pages: who is looking, and the vendor's branding for the
// shell. No session, or an expired one, goes to the login page (see
// throwProblem); unknown or suspended tenants get their page. Partner roles
// are held at the agreement page while their organization has not signed the
// current partner agreement (see agreementGate). `me` carries the unread
// notification count the header's bell shows.
import { redirect } from '@sveltejs/kit';
import { agreementGate } from '$lib/server/agreement-gate';
import { api } from '$lib/server/api';
import { unwrap } from '$lib/server/problems';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	await event.parent();
	// Read so SvelteKit runs this load again on every navigation: the bell's
	// count (part of `me`, no extra round trip) stays current for everyone,
	// not only for partners, whose agreement gate already reads the URL.
	void event.url.pathname;
	// `me` brings the shell's branding along (read with the session): one API call per navigation.
	const me = unwrap(event, await api(event).getMe());
	const gate = await agreementGate(event, me);
	if (gate?.redirectTo) redirect(303, gate.redirectTo);
	return { me, gate, branding: me.branding };
};

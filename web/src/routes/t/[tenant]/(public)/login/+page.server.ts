import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { api } from '$lib/server/api';
import { failWithErrors, failWithProblem, formSecret, formText, looksLikeEmail } from '$lib/server/problems';
import { setSessionCookie } from '$lib/server/session';
import { safeNext } from '$lib/tenant-route';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['email', 'password'] as const;

export const load: PageServerLoad = ({ url }) => ({
	next: url.searchParams.get('next') ?? '',
	signedOut: url.searchParams.has('signed-out')
});

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const values = { email: formText(data, 'email') };
		const password = formSecret(data, 'password');
		const next = formText(data, 'next');

		if (!looksLikeEmail(values.email) || !password) {
			return failWithErrors(
				{
					email: looksLikeEmail(values.email) ? undefined : m.field_invalid_email(),
					password: password ? undefined : m.field_required()
				},
				values
			);
		}

		const result = await api(event).login({ email: values.email, password });
		if (!result.ok) return failWithProblem(result, FIELDS, values);

		setSessionCookie(event, result.data.session, event.locals.tenantBase);
		redirect(303, safeNext(event.locals.tenantBase, next));
	}
};

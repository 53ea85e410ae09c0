import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { api } from '$lib/server/api';
import { MIN_PASSWORD_LENGTH, failWithErrors, failWithProblem, formSecret, formText } from '$lib/server/problems';
import { setSessionCookie } from '$lib/server/session';
import { tenantHref } from '$lib/tenant-route';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['password', 'confirm'] as const;
type ResetField = (typeof FIELDS)[number];

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const token = formText(data, 'token');
		const password = formSecret(data, 'password');
		const confirm = formSecret(data, 'confirm');

		if (!token) return failWithErrors<ResetField>({ password: m.error_invalid_token() }, {});
		if (password.length < MIN_PASSWORD_LENGTH) {
			return failWithErrors<ResetField>({ password: m.field_password_too_short() }, {});
		}
		if (password !== confirm) return failWithErrors<ResetField>({ confirm: m.field_password_mismatch() }, {});

		const result = await api(event).confirmPasswordReset({ token, password });
		if (!result.ok) return failWithProblem(result, FIELDS, {});

		setSessionCookie(event, result.data.session, event.locals.tenantBase);
		redirect(303, tenantHref(event.locals.tenantBase));
	}
};

import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { api } from '$lib/server/api';
import {
	MIN_PASSWORD_LENGTH,
	failWithErrors,
	failWithProblem,
	formSecret,
	formText,
	throwProblem
} from '$lib/server/problems';
import { setSessionCookie } from '$lib/server/session';
import { tenantHref } from '$lib/tenant-route';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const token = event.url.searchParams.get('token') ?? '';
	if (!token) return { token, invitation: null };
	const result = await api(event).lookupInvitation(token);
	if (!result.ok) {
		// A used, revoked or expired link is an expected state, not an error page.
		const deadLink =
			result.problem.code === 'invalid_token' ||
			([400, 404, 410].includes(result.status) && result.problem.code !== 'tenant_not_found');
		if (deadLink) return { token, invitation: null };
		throwProblem(event, result);
	}
	return { token, invitation: result.data };
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const token = formText(data, 'token');
		const existingAccount = formText(data, 'existingAccount') === 'true';
		const values = { name: formText(data, 'name') };
		const password = formSecret(data, 'password');
		const confirm = formSecret(data, 'confirm');

		const errors: Partial<Record<'name' | 'password' | 'confirm', string>> = {};
		if (!values.name) errors.name = m.field_required();
		if (existingAccount) {
			if (!password) errors.password = m.field_required();
		} else {
			if (password.length < MIN_PASSWORD_LENGTH) errors.password = m.field_password_too_short();
			else if (password !== confirm) errors.confirm = m.field_password_mismatch();
		}
		if (Object.keys(errors).length > 0) return failWithErrors(errors, values);

		const result = await api(event).acceptInvitation({ token, name: values.name, password });
		if (!result.ok) return failWithProblem(result, ['name', 'password', 'confirm'], values);

		setSessionCookie(event, result.data.session, event.locals.tenantBase);
		redirect(303, tenantHref(event.locals.tenantBase));
	}
};

import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { api } from '$lib/server/api';
import {
	MIN_PASSWORD_LENGTH,
	failWithErrors,
	failWithProblem,
	formSecret,
	formText,
	looksLikeEmail
} from '$lib/server/problems';
import { setSessionCookie } from '$lib/server/session';
import { SLUG_PATTERN, suggestSlug } from '$lib/tenant-route';
import type { Actions } from './$types';

const FIELDS = ['company', 'slug', 'name', 'email', 'password'] as const;
type SignupField = (typeof FIELDS)[number];

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const values = {
			company: formText(data, 'company'),
			slug: formText(data, 'slug').toLowerCase(),
			name: formText(data, 'name'),
			email: formText(data, 'email')
		};
		const password = formSecret(data, 'password');

		// Quick checks that save a round trip; the API validates everything again.
		const errors: Partial<Record<SignupField, string>> = {};
		if (!values.company) errors.company = m.field_required();
		if (!values.slug) {
			// Typed before the page's script ran (or without it): offer the suggestion to confirm.
			errors.slug = m.field_required();
			values.slug = suggestSlug(values.company);
		}
		else if (!SLUG_PATTERN.test(values.slug)) errors.slug = m.field_slug_invalid();
		if (!values.name) errors.name = m.field_required();
		if (!looksLikeEmail(values.email)) errors.email = m.field_invalid_email();
		if (password.length < MIN_PASSWORD_LENGTH) errors.password = m.field_password_too_short();
		if (Object.keys(errors).length > 0) return failWithErrors(errors, values);

		const result = await api(event).signup({ ...values, password });
		if (!result.ok) return failWithProblem(result, FIELDS, values);

		const slug = result.data.tenant.slug;
		setSessionCookie(event, result.data.session, `/t/${slug}`);
		redirect(303, `/t/${slug}`);
	}
};

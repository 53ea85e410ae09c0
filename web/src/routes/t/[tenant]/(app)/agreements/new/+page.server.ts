// Publishing a new agreement version (vendor admins). The body is written in
// simple formatting (turned into HTML here) or pasted as HTML; either way the
// API sanitizes it to its allowlist before storing it.
import { error, redirect } from '@sveltejs/kit';
import type { Agreement } from '$lib/api-schema.gen';
import { m } from '$lib/paraglide/messages';
import { hasPermission } from '$lib/roles';
import { api } from '$lib/server/api';
import { failWithErrors, failWithProblem, formSecret, formText, unwrap } from '$lib/server/problems';
import { tenantHref } from '$lib/tenant-route';
import { simpleFormatToHtml } from '../simple-format';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['title', 'body', 'graceDays', 'format'] as const;
type PublishField = (typeof FIELDS)[number];
const MAX_BODY = 200_000;

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'agreements.manage')) error(403, { message: m.error_forbidden(), code: 'forbidden' });
	const current = unwrap(event, await api(event).call('get', '/api/t/{tenant}/agreements/current'))
		.agreement as Agreement | null;
	return { current: current ? { title: current.title, version: current.version, graceDays: current.graceDays } : null };
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const values: Record<PublishField, string> = {
			title: formText(data, 'title'),
			// Kept as typed: leading spaces and blank lines carry meaning in simple formatting.
			body: formSecret(data, 'body'),
			graceDays: formText(data, 'graceDays'),
			format: formText(data, 'format') === 'html' ? 'html' : 'simple'
		};
		const graceDays = Number(values.graceDays);

		const errors: Partial<Record<PublishField, string>> = {};
		if (!values.title) errors.title = m.agreements_title_required();
		if (!values.body.trim()) errors.body = m.agreements_body_required();
		else if (values.body.length > MAX_BODY) errors.body = m.agreements_body_too_long();
		if (values.graceDays === '' || !Number.isInteger(graceDays) || graceDays < 0 || graceDays > 90) {
			errors.graceDays = m.agreements_grace_invalid();
		}
		if (Object.keys(errors).length > 0) return failWithErrors(errors, values);

		const body = values.format === 'html' ? values.body : simpleFormatToHtml(values.body);
		const result = await api(event).call('post', '/api/t/{tenant}/agreements', {
			body: { title: values.title, body, graceDays }
		});
		if (!result.ok) {
			const failure = failWithProblem(result, FIELDS, values);
			if (result.problem.errors?.some((e) => e.field.endsWith('body') && e.code === 'empty')) {
				failure.data.errors.body = m.agreements_body_empty_after_sanitize();
			}
			return failure;
		}
		redirect(303, `${tenantHref(event.locals.tenantBase, '/agreements')}?published=${result.data.version}`);
	}
};

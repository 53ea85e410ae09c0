// One application and its review: approve, decline (with a reason) or ask
// for more information (with a message). The API sends the emails and, on
// approval, creates the partner organization and invites its contact.
import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { hasPermission } from '$lib/roles';
import { api } from '$lib/server/api';
import { failWithProblem, formText, unwrap, type FormState } from '$lib/server/problems';
import type { Actions, PageServerLoad } from './$types';

const DECISIONS = ['approve', 'decline', 'request_info'] as const;
type Decision = (typeof DECISIONS)[number];
type ReviewField = 'decision' | 'reason' | 'message';
const FIELDS: readonly ReviewField[] = ['reason', 'message'];

function reviewFailure(status: number, state: FormState<ReviewField>) {
	return fail(status, state);
}

function isDecision(value: string): value is Decision {
	return (DECISIONS as readonly string[]).includes(value);
}

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'applications.review')) error(403, { message: m.error_forbidden(), code: 'forbidden' });
	const application = unwrap(
		event,
		await api(event).call('get', '/api/t/{tenant}/applications/{id}', { params: { id: event.params.id } })
	);
	return { application };
};

export const actions: Actions = {
	review: async (event) => {
		const data = await event.request.formData();
		const decision = formText(data, 'decision');
		const values: Record<ReviewField, string> = {
			decision,
			reason: formText(data, 'reason'),
			message: formText(data, 'message')
		};
		if (!isDecision(decision)) return reviewFailure(400, { values, errors: {}, message: m.error_unexpected() });

		if (decision === 'decline' && !values.reason) {
			return reviewFailure(400, { values, errors: { reason: m.applications_reason_required() }, message: null });
		}
		if (decision === 'request_info' && !values.message) {
			return reviewFailure(400, { values, errors: { message: m.applications_message_required() }, message: null });
		}

		const result = await api(event).call('post', '/api/t/{tenant}/applications/{id}/review', {
			params: { id: event.params.id },
			body: {
				decision,
				...(decision === 'decline' ? { reason: values.reason } : {}),
				...(decision === 'request_info' ? { message: values.message } : {})
			}
		});
		if (!result.ok) {
			if (result.problem.code === 'already_decided') {
				return reviewFailure(412, { values, errors: {}, message: m.applications_already_decided() });
			}
			return failWithProblem(result, FIELDS, values);
		}
		const { application, invitation, invitationError } = result.data;
		return {
			decided: decision,
			partnerOrgId: application.partnerOrgId,
			// The generated type cannot say "nullable object"; the API sends null when no one was invited.
			invitedEmail: invitation ? (invitation as { email: string }).email : null,
			invitationError: invitationError?.detail ?? null
		};
	}
};

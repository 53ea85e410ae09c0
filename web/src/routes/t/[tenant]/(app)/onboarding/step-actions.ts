// Ticking a custom onboarding step off or back on: shared by the partner's
// own checklist and the vendor's view of one partner's checklist.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { api } from '$lib/server/api';
import { failureStatus, formText, problemMessage } from '$lib/server/problems';

export async function tickStep(event: RequestEvent, done: boolean) {
	const data = await event.request.formData();
	const stepId = formText(data, 'stepId');
	const partnerOrgId = formText(data, 'partnerOrgId');
	const op = done ? ('complete' as const) : ('uncomplete' as const);
	if (!stepId) return fail(400, { op, stepId, message: m.error_unexpected() });

	const body = partnerOrgId ? { partnerOrgId } : {};
	const result = done
		? await api(event).call('post', '/api/t/{tenant}/onboarding/steps/{id}/complete', { params: { id: stepId }, body })
		: await api(event).call('post', '/api/t/{tenant}/onboarding/steps/{id}/uncomplete', { params: { id: stepId }, body });
	if (!result.ok) {
		const message =
			result.problem.code === 'automatic_step'
				? m.onboarding_automatic_step_error()
				: problemMessage(result.problem, result.retryAfterSeconds);
		return fail(failureStatus(result.status), { op, stepId, message });
	}
	return { op, stepId, allDone: result.data.allDone };
}

// One deal registration: its details, timeline, conflicts, comments and
// extension requests, and the steps the viewer may take now. Vendor staff
// approve, reject or ask for information; partners answer and resubmit, ask
// for more protection time; anyone who sees the deal records it won or lost.
// Each action names itself in its failure, so the page reopens that form.
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { VENDOR_ROLES, type ApiResult } from '$lib/api-types';
import { m } from '$lib/paraglide/messages';
import { hasPermission, isVendorRole } from '$lib/roles';
import { api, type ApiClient } from '$lib/server/api';
import { failureStatus, formText, problemToForm, unwrap, type ApiFailure } from '$lib/server/problems';
import { ownerOptions } from '../../partners/data.server';
import { dealFieldMessage } from '../form.server';
import { refusalMessage, type DealAction } from '../labels';
import type { Actions, PageServerLoad } from './$types';

/** The API's ids are at most 64 characters: anything longer cannot exist. */
const MAX_ID_LENGTH = 64;


interface ActionFailure {
	action: DealAction;
	/** The extension request a decision was about: its form reopens. */
	target?: string;
	values: Record<string, string>;
	errors: Record<string, string>;
	message: string | null;
}

function notFound(): never {
	error(404, { message: m.deals_not_found(), code: 'not_found' });
}

function idOf(event: RequestEvent): string {
	const id = event.params.id ?? '';
	if (!id || id.length > MAX_ID_LENGTH) notFound();
	return id;
}

function actionFailure(status: number, failure: ActionFailure) {
	return fail(status, { failed: failure });
}

/** The portal's own check: these fields must not be empty. */
function missing(action: DealAction, values: Record<string, string>, required: string[], target?: string) {
	const errors: Record<string, string> = {};
	for (const field of required) if (!values[field]) errors[field] = m.field_required();
	return Object.keys(errors).length > 0 ? actionFailure(400, { action, target, values, errors, message: null }) : null;
}

/** An API refusal in the page's words: the known codes translated, field errors next to their fields. */
function apiFailure(action: DealAction, result: ApiFailure, values: Record<string, string>, target?: string) {
	if (result.status === 404 && action !== 'extensionDecision') notFound();
	const { problem } = result;
	const { errors, message } = problemToForm(result, { fields: Object.keys(values), word: dealFieldMessage });
	return actionFailure(failureStatus(result.status), { action, target, values, errors, message: refusalMessage(problem.code) ?? message });
}

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'deals.read')) error(403, { message: m.error_forbidden(), code: 'forbidden' });
	const client = api(event);
	const canReview = hasPermission(me, 'deals.review');
	// The form's definition names the program's custom fields (the deal carries their keys only); read alongside,
	// with the vendor staff a reviewer may hand the review to (the first hundred: a vendor's staff, not its partners).
	const [result, formResult, staffResult] = await Promise.all([
		client.call('get', '/api/t/{tenant}/deals/{id}', { params: { id: idOf(event) } }),
		client.call('get', '/api/t/{tenant}/deals/form'),
		canReview ? client.listUsers({ role: [...VENDOR_ROLES], limit: 100 }) : null
	]);
	// Unknown here, out of reach, or another portal's: the same "not found".
	if (!result.ok && result.status === 404) notFound();
	const detail = unwrap(event, result);
	const customFieldLabels: Record<string, string> = formResult.ok
		? Object.fromEntries(formResult.data.customFields.map((field) => [field.key, field.label]))
		: {};
	return {
		customFieldLabels,
		deal: detail.deal,
		timeline: detail.timeline,
		comments: detail.comments ?? [],
		extensions: detail.extensions ?? [],
		vendor: isVendorRole(me.role),
		canReview,
		/** Who can take over the review: active vendor admins and channel managers, by name. */
		reviewers: staffResult?.ok ? ownerOptions(staffResult.data.items) : [],
		canRegister: hasPermission(me, 'deals.register'),
		/** The clock the countdowns are computed against, the same on server and browser. */
		now: Date.now()
	};
};

type Transition = (client: ApiClient, id: string, values: Record<string, string>) => Promise<ApiResult<unknown>>;

/** A state change: read the fields, check the required ones, call the API, say what happened. */
function transition(action: DealAction, fields: string[], required: string[], run: Transition) {
	return async (event: RequestEvent) => {
		const id = idOf(event);
		const data = await event.request.formData();
		const values = Object.fromEntries(fields.map((field) => [field, formText(data, field)]));
		const refused = missing(action, values, required);
		if (refused) return refused;
		const result = await run(api(event), id, values);
		if (!result.ok) return apiFailure(action, result, values);
		return { done: action };
	};
}

const optional = (value: string) => (value === '' ? undefined : value);

export const actions: Actions = {
	approve: transition('approve', ['note'], [], (client, id, v) =>
		client.call('post', '/api/t/{tenant}/deals/{id}/approve', { params: { id }, body: { note: optional(v.note!) } })
	),
	reject: transition('reject', ['reason'], ['reason'], (client, id, v) =>
		client.call('post', '/api/t/{tenant}/deals/{id}/reject', { params: { id }, body: { reason: v.reason! } })
	),
	requestInfo: transition('requestInfo', ['message'], ['message'], (client, id, v) =>
		client.call('post', '/api/t/{tenant}/deals/{id}/request-info', { params: { id }, body: { message: v.message! } })
	),
	resubmit: transition('resubmit', ['message', 'notes'], ['message'], (client, id, v) =>
		client.call('post', '/api/t/{tenant}/deals/{id}/resubmit', {
			params: { id },
			body: { message: v.message!, notes: optional(v.notes!) }
		})
	),
	lost: transition('lost', ['reason'], ['reason'], (client, id, v) =>
		client.call('post', '/api/t/{tenant}/deals/{id}/lost', { params: { id }, body: { reason: v.reason! } })
	),
	comment: transition('comment', ['body'], ['body'], (client, id, v) =>
		client.call('post', '/api/t/{tenant}/deals/{id}/comments', { params: { id }, body: { body: v.body! } })
	),
	reassign: async (event) => {
		const id = idOf(event);
		const data = await event.request.formData();
		const values = { reviewerId: formText(data, 'reviewerId') };
		const refused = missing('reassign', values, ['reviewerId']);
		if (refused) return refused;
		// The API changes nothing when the review stays with the same person; say so instead of "done".
		if (values.reviewerId === formText(data, 'currentReviewerId')) {
			return actionFailure(400, { action: 'reassign', values, errors: { reviewerId: m.deals_reassign_same() }, message: null });
		}
		const result = await api(event).call('post', '/api/t/{tenant}/deals/{id}/reassign', { params: { id }, body: values });
		if (!result.ok) return apiFailure('reassign', result, values);
		return { done: 'reassign' as const };
	},
	extension: transition('extension', ['justification'], ['justification'], (client, id, v) =>
		client.call('post', '/api/t/{tenant}/deals/{id}/extensions', { params: { id }, body: { justification: v.justification! } })
	),

	won: async (event) => {
		const id = idOf(event);
		const data = await event.request.formData();
		const values = { amount: formText(data, 'amount'), currency: formText(data, 'currency').toUpperCase(), closedOn: formText(data, 'closedOn') };
		const refused = missing('won', values, ['amount', 'currency', 'closedOn']);
		if (refused) return refused;
		const amount = Number(values.amount.replace(/\s/g, ''));
		if (!Number.isFinite(amount) || amount <= 0) {
			return actionFailure(400, { action: 'won', values, errors: { amount: m.deals_error_amount() }, message: null });
		}
		const result = await api(event).call('post', '/api/t/{tenant}/deals/{id}/won', {
			params: { id },
			body: { amount, currency: values.currency, closedOn: values.closedOn }
		});
		if (!result.ok) return apiFailure('won', result, values);
		return { done: 'won' as const };
	},

	extensionDecision: async (event) => {
		const id = idOf(event);
		const data = await event.request.formData();
		const requestId = formText(data, 'requestId');
		const decision = formText(data, 'decision') === 'deny' ? 'deny' : 'approve';
		const values = { reason: formText(data, 'reason') };
		if (!requestId || requestId.length > MAX_ID_LENGTH) {
			return actionFailure(400, { action: 'extensionDecision', values, errors: {}, message: m.error_unexpected() });
		}
		if (decision === 'deny') {
			const refused = missing('extensionDecision', values, ['reason'], requestId);
			if (refused) return refused;
		}
		const result = await api(event).call('post', '/api/t/{tenant}/deals/{id}/extensions/{requestId}/decision', {
			params: { id, requestId },
			body: { decision, reason: optional(values.reason) }
		});
		if (!result.ok) return apiFailure('extensionDecision', result, values, requestId);
		return { done: 'extensionDecision' as const };
	}
};

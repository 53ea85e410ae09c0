import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { api } from '$lib/server/api';
import { failureStatus, formText, unwrap } from '$lib/server/problems';
import { failureMessage } from '../program-problems.server';
import type { Actions, PageServerLoad } from './$types';

const STATUSES = ['proposed', 'applied', 'dismissed'] as const;
type Status = (typeof STATUSES)[number];
const PAGE_SIZE = 25;
/** The review queue is shown whole up to this many; more is rare and says so. */
const QUEUE_SIZE = 100;

export const load: PageServerLoad = async (event) => {
	const param = event.url.searchParams.get('status') ?? '';
	const status: Status | '' = STATUSES.find((s) => s === param) ?? '';
	const cursor = event.url.searchParams.get('cursor') || undefined;
	const client = api(event);
	const list = (s: Status, limit: number, at?: string) =>
		client.call('get', '/api/t/{tenant}/tier-changes', { query: { status: s, limit, cursor: at } });

	// Default view: the proposals waiting for a decision, then what was applied.
	const [queue, history, policy] = await Promise.all([
		status === '' ? list('proposed', QUEUE_SIZE) : status === 'proposed' ? list('proposed', PAGE_SIZE, cursor) : null,
		status === '' ? list('applied', PAGE_SIZE, cursor) : status !== 'proposed' ? list(status, PAGE_SIZE, cursor) : null,
		client.call('get', '/api/t/{tenant}/program-rules/{kind}', { params: { kind: 'tier_policy' } })
	]);
	const rules = unwrap(event, policy).rules;
	return {
		status,
		cursor: cursor ?? '',
		queue: queue ? unwrap(event, queue) : null,
		history: history ? unwrap(event, history) : null,
		policy: { mode: 'mode' in rules ? rules.mode : undefined, demotionGraceDays: 'demotionGraceDays' in rules ? rules.demotionGraceDays : undefined }
	};
};

export const actions: Actions = {
	evaluate: async (event) => {
		const result = await api(event).call('post', '/api/t/{tenant}/tiers/evaluate', { body: {} });
		if (!result.ok) return fail(failureStatus(result.status), { evaluateError: failureMessage(result) });
		return { evaluation: result.data };
	},

	decide: async (event) => {
		const data = await event.request.formData();
		const id = formText(data, 'id');
		const decision = formText(data, 'decision');
		if (!id || (decision !== 'apply' && decision !== 'dismiss')) {
			return fail(400, { decideError: { id, message: m.error_unexpected() } });
		}
		const result = await api(event).call('post', '/api/t/{tenant}/tier-changes/{id}/decision', {
			params: { id },
			body: { decision }
		});
		if (!result.ok) return fail(failureStatus(result.status), { decideError: { id, message: failureMessage(result) } });
		return {
			decided: {
				decision,
				partner: result.data.partnerOrg.name,
				tier: result.data.toTier?.name ?? null
			}
		};
	}
};

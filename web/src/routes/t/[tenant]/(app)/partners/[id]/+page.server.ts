// One partner organization for vendor staff: profile (view and edit),
// lifecycle moves, tier standing, its people and its recent activity.
import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { hasPermission } from '$lib/roles';
import { api } from '$lib/server/api';
import { failureStatus, formText, problemToForm, unwrap } from '$lib/server/problems';
import { loadPeople, loadTiers, ownerOptions } from '../data.server';
import { PARTNER_STATUSES } from '../filters';
import { DESTRUCTIVE_STATUSES, statusLabel } from '../labels';
import { saveProfile } from '../profile.server';
import type { Actions, PageServerLoad } from './$types';

/** The API's ids are at most 64 characters: anything longer cannot exist. */
const MAX_ID_LENGTH = 64;

interface StatusChangeState {
	/** The status the failed form asked for: its confirmation stays open. */
	target: string;
	values: { reason: string };
	errors: { reason?: string };
	message: string | null;
}

const statusFailure = (status: number, statusChange: StatusChangeState) => fail(status, { statusChange });

function notFound(): never {
	error(404, { message: m.partners_not_found(), code: 'not_found' });
}

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'partners.read')) error(403, { message: m.error_forbidden(), code: 'forbidden' });
	const id = event.params.id;
	if (id.length > MAX_ID_LENGTH) notFound();

	const client = api(event);
	const [orgResult, tierResult, activityResult, tiers, people] = await Promise.all([
		client.call('get', '/api/t/{tenant}/partner-orgs/{id}', { params: { id } }),
		hasPermission(me, 'program.read') ? client.call('get', '/api/t/{tenant}/partners/{id}/tier', { params: { id } }) : null,
		client.call('get', '/api/t/{tenant}/partner-orgs/{id}/activity', { params: { id } }),
		loadTiers(event),
		// Members and possible owners come from the people list (100 a page).
		loadPeople(event, 10)
	]);
	// Unknown here, or another portal's: the same "not found".
	if (!orgResult.ok && orgResult.status === 404) notFound();
	const org = unwrap(event, orgResult);

	const canManage = hasPermission(me, 'partners.manage');
	const tier = org.tierId ? tiers.find((t) => t.id === org.tierId) : undefined;
	const owner = org.ownerId ? people.find((person) => person.id === org.ownerId) : undefined;
	return {
		org,
		tier: tier ? { id: tier.id, name: tier.name, color: tier.color } : null,
		tierStatus: tierResult?.ok ? tierResult.data : null,
		hasTiers: tiers.length > 0,
		activity: activityResult.ok ? activityResult.data.items : [],
		members: people.filter((person) => person.partnerOrg?.id === org.id),
		owners: ownerOptions(people),
		ownerName: org.ownerId ? (owner?.name ?? m.partners_owner_unknown()) : null,
		canManage,
		canInvite: hasPermission(me, 'users.invite'),
		canRecordMetrics: hasPermission(me, 'tiers.evaluate'),
		editing: canManage && event.url.searchParams.has('edit'),
		now: Date.now()
	};
};

interface MetricState {
	/** The custom metric the failed form was for: its field shows the error. */
	metric: string;
	value: string;
	error: string;
}

const CUSTOM_METRIC = /^custom:[a-z][a-z0-9_]{0,39}$/;

export const actions: Actions = {
	/** Vendor staff record a custom metric (e.g. certified engineers) that tier criteria measure. */
	metric: async (event) => {
		if (event.params.id.length > MAX_ID_LENGTH) notFound();
		const data = await event.request.formData();
		const metric = formText(data, 'metric');
		const value = formText(data, 'value');
		if (!CUSTOM_METRIC.test(metric)) return fail(400, { metricChange: { metric, value, error: m.error_unexpected() } satisfies MetricState });
		const number = Number(value);
		if (value === '' || !Number.isFinite(number)) {
			return fail(400, { metricChange: { metric, value, error: m.partners_metric_value_invalid() } satisfies MetricState });
		}
		const result = await api(event).call('put', '/api/t/{tenant}/partners/{id}/metrics/{metric}', {
			params: { id: event.params.id, metric },
			body: { value: number }
		});
		if (result.ok) return { metricSaved: metric };
		if (result.status === 404) notFound();
		const placed = problemToForm(result, { fields: ['value'], word: () => m.partners_metric_value_invalid() });
		return fail(failureStatus(result.status), {
			metricChange: { metric, value, error: placed.errors.value ?? placed.message ?? m.error_unexpected() } satisfies MetricState
		});
	},

	profile: async (event) => {
		if (event.params.id.length > MAX_ID_LENGTH) notFound();
		return saveProfile(event, event.params.id, { withOwner: true });
	},

	status: async (event) => {
		const data = await event.request.formData();
		const target = formText(data, 'status');
		const values = { reason: formText(data, 'reason') };
		const status = PARTNER_STATUSES.find((s) => s === target);
		if (!status) return statusFailure(400, { target, values, errors: {}, message: m.error_unexpected() });
		if (DESTRUCTIVE_STATUSES.includes(status) && !values.reason) {
			return statusFailure(400, { target, values, errors: { reason: m.partners_reason_required() }, message: null });
		}

		const result = await api(event).call('post', '/api/t/{tenant}/partner-orgs/{id}/status', {
			params: { id: event.params.id },
			body: { status, ...(values.reason ? { reason: values.reason } : {}) }
		});
		if (result.ok) return { statusChanged: statusLabel(result.data.status) };

		const placed = problemToForm(result, { fields: ['reason'], word: () => m.partners_reason_required() });
		const message =
			result.problem.code === 'illegal_transition'
				? m.partners_error_illegal_transition({ to: statusLabel(status) })
				: result.problem.code === 'status_changed'
					? m.partners_error_status_changed()
					: placed.message;
		return statusFailure(failureStatus(result.status), { target, values, errors: placed.errors, message });
	}
};

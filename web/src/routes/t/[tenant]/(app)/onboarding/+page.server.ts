// Onboarding. Partners work through their checklist; vendor admins shape the
// checklist (add, edit, reorder, archive steps); vendor staff see who is stuck.
import { error, fail } from '@sveltejs/kit';
import type { CreateOnboardingStepInput, UpdateOnboardingStepInput } from '$lib/api-schema.gen';
import { isStepKind, type StepKind } from '$lib/components/recruitment/labels';
import { m } from '$lib/paraglide/messages';
import { hasPermission } from '$lib/roles';
import { api } from '$lib/server/api';
import { failWithProblem, failureStatus, formText, problemMessage, unwrap, type FormState } from '$lib/server/problems';
import { tickStep } from './step-actions';
import type { Actions, PageServerLoad } from './$types';

const STEP_FIELDS = ['kind', 'title', 'description', 'linkUrl', 'minMembers'] as const;
type StepField = (typeof STEP_FIELDS)[number];
const DEFAULT_STUCK_DAYS = 14;

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	const client = api(event);

	if (hasPermission(me, 'onboarding.own')) {
		const progress = unwrap(event, await client.call('get', '/api/t/{tenant}/onboarding/progress'));
		return {
			view: 'partner' as const,
			progress,
			canTick: me.role === 'partner_admin',
			canInvite: hasPermission(me, 'users.invite'),
			steps: [],
			stuck: [],
			days: DEFAULT_STUCK_DAYS,
			canManage: false
		};
	}
	if (!hasPermission(me, 'onboarding.read')) error(403, { message: m.error_forbidden(), code: 'forbidden' });

	const requestedDays = Number(event.url.searchParams.get('days') ?? DEFAULT_STUCK_DAYS);
	const days = Number.isInteger(requestedDays) && requestedDays >= 0 && requestedDays <= 3650 ? requestedDays : DEFAULT_STUCK_DAYS;
	const [steps, stuck] = await Promise.all([
		client.call('get', '/api/t/{tenant}/onboarding/steps'),
		client.call('get', '/api/t/{tenant}/onboarding/stuck', { query: { olderThanDays: days } })
	]);
	return {
		view: 'vendor' as const,
		progress: null,
		canTick: false,
		canInvite: false,
		steps: unwrap(event, steps).items,
		stuck: unwrap(event, stuck).items,
		days,
		canManage: hasPermission(me, 'onboarding.manage')
	};
};

/** The step fields of a create or edit form, checked as far as the portal can. */
function readStepForm(data: FormData, kind: StepKind) {
	const values: Record<StepField, string> = {
		kind,
		title: formText(data, 'title'),
		description: formText(data, 'description'),
		linkUrl: formText(data, 'linkUrl'),
		minMembers: formText(data, 'minMembers') || '1'
	};
	const minMembers = Number(values.minMembers);
	const errors: Partial<Record<StepField, string>> = {};
	if (!values.title) errors.title = m.onboarding_title_required();
	if (values.description.length > 1000) errors.description = m.field_too_long();
	if (kind === 'custom' && values.linkUrl && !/^https:\/\/\S+$/i.test(values.linkUrl)) {
		errors.linkUrl = m.onboarding_link_invalid();
	}
	if (kind === 'invite_team' && (!Number.isInteger(minMembers) || minMembers < 1 || minMembers > 50)) {
		errors.minMembers = m.onboarding_min_members_invalid();
	}
	return { values, errors, minMembers };
}

/** A failed create or edit: the form's state, and which form it was (`stepId` for an edit). */
function stepFailure(status: number, op: 'create' | 'update', stepId: string | null, state: FormState<StepField>) {
	return fail(status, { ...state, op, stepId });
}

export const actions: Actions = {
	complete: (event) => tickStep(event, true),
	uncomplete: (event) => tickStep(event, false),

	create: async (event) => {
		const data = await event.request.formData();
		const kindValue = formText(data, 'kind');
		if (!isStepKind(kindValue)) {
			return stepFailure(400, 'create', null, { values: { kind: kindValue }, errors: { kind: m.onboarding_kind_required() }, message: null });
		}
		const { values, errors, minMembers } = readStepForm(data, kindValue);
		if (Object.keys(errors).length > 0) return stepFailure(400, 'create', null, { values, errors, message: null });

		const common = { title: values.title, description: values.description || null };
		const body: CreateOnboardingStepInput =
			kindValue === 'custom'
				? { kind: 'custom', ...common, linkUrl: values.linkUrl || null }
				: kindValue === 'invite_team'
					? { kind: 'invite_team', ...common, config: { minMembers } }
					: { kind: kindValue, ...common };
		const result = await api(event).call('post', '/api/t/{tenant}/onboarding/steps', { body });
		if (!result.ok) {
			const failure = failWithProblem(result, STEP_FIELDS, values);
			if (result.problem.code === 'duplicate_step') failure.data.errors.kind = m.onboarding_duplicate_kind();
			return stepFailure(failure.status, 'create', null, failure.data);
		}
		return { op: 'create' as const, stepId: result.data.id, created: result.data.title };
	},

	update: async (event) => {
		const data = await event.request.formData();
		const stepId = formText(data, 'stepId');
		const kindValue = formText(data, 'kind');
		if (!stepId || !isStepKind(kindValue)) return stepFailure(400, 'update', stepId, { values: {}, errors: {}, message: m.error_unexpected() });
		const { values, errors, minMembers } = readStepForm(data, kindValue);
		if (Object.keys(errors).length > 0) return stepFailure(400, 'update', stepId, { values, errors, message: null });

		const body: UpdateOnboardingStepInput = { title: values.title, description: values.description || null };
		if (kindValue === 'custom') body.linkUrl = values.linkUrl || null;
		if (kindValue === 'invite_team') body.config = { minMembers };
		const result = await api(event).call('patch', '/api/t/{tenant}/onboarding/steps/{id}', { params: { id: stepId }, body });
		if (!result.ok) {
			const failure = failWithProblem(result, STEP_FIELDS, values);
			return stepFailure(failure.status, 'update', stepId, failure.data);
		}
		return { op: 'update' as const, stepId, updated: result.data.title };
	},

	move: async (event) => {
		const data = await event.request.formData();
		const stepId = formText(data, 'stepId');
		const direction = formText(data, 'direction') === 'up' ? -1 : 1;
		const client = api(event);
		// The order is read fresh, so a move always applies to the checklist as it is now.
		const steps = await client.call('get', '/api/t/{tenant}/onboarding/steps');
		if (!steps.ok) return fail(failureStatus(steps.status), { op: 'move' as const, stepId, message: problemMessage(steps.problem) });
		const ids = steps.data.items.map((s) => s.id);
		const from = ids.indexOf(stepId);
		const to = from + direction;
		if (from === -1 || to < 0 || to >= ids.length) return { op: 'move' as const, stepId, moved: false };
		[ids[from], ids[to]] = [ids[to]!, ids[from]!];
		const result = await client.call('put', '/api/t/{tenant}/onboarding/steps/order', { body: { ids } });
		if (!result.ok) return fail(failureStatus(result.status), { op: 'move' as const, stepId, message: problemMessage(result.problem) });
		return { op: 'move' as const, stepId, moved: true };
	},

	archive: async (event) => {
		const data = await event.request.formData();
		const stepId = formText(data, 'stepId');
		if (!stepId) return fail(400, { op: 'archive' as const, stepId, message: m.error_unexpected() });
		const result = await api(event).call('delete', '/api/t/{tenant}/onboarding/steps/{id}', { params: { id: stepId } });
		if (!result.ok) return fail(failureStatus(result.status), { op: 'archive' as const, stepId, message: problemMessage(result.problem) });
		return { op: 'archive' as const, stepId, archived: formText(data, 'title') };
	}
};

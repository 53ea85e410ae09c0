import { error, fail } from '@sveltejs/kit';
import { ALL_ROLES, type Role } from '$lib/api-types';
import { m } from '$lib/paraglide/messages';
import { hasPermission, isPartnerRole, isVendorRole } from '$lib/roles';
import { api } from '$lib/server/api';
import {
	type ApiFailure,
	failWithErrors,
	failWithProblem,
	failureStatus,
	formText,
	problemMessage,
	unwrap
} from '$lib/server/problems';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 25;
const INVITE_FIELDS = ['email', 'name', 'role', 'partnerOrgId'] as const;

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	const canList = hasPermission(me, 'users.list');
	const canInvite = hasPermission(me, 'users.invite');
	if (!canList && !canInvite) error(403, { message: m.error_forbidden(), code: 'forbidden' });

	const q = event.url.searchParams.get('q')?.trim() ?? '';
	const cursor = event.url.searchParams.get('cursor') ?? '';
	const client = api(event);
	const pickOrg = canInvite && isVendorRole(me.role);

	const [users, invitations, partnerOrgs] = await Promise.all([
		canList ? client.listUsers({ limit: PAGE_SIZE, cursor, q }) : null,
		canInvite ? client.listInvitations() : null,
		pickOrg ? client.listPartnerOrgs() : null
	]);

	return {
		q,
		cursor,
		users: users ? unwrap(event, users) : null,
		pendingInvitations: invitations
			? unwrap(event, invitations).items.filter((invitation) => invitation.status === 'pending')
			: [],
		partnerOrgs: partnerOrgs ? unwrap(event, partnerOrgs).items : [],
		canInvite,
		canManage: hasPermission(me, 'users.manage'),
		pickOrg
	};
};

type MemberAction = 'role' | 'remove' | 'restore';

/**
 * What a refused member change says, next to that person's row. The API's
 * codes pick the sentence; `side` (which kind of admin must remain) comes
 * from the row, only to word the last-admin rule.
 */
function memberFailure(action: MemberAction, id: string, side: string, failure: ApiFailure) {
	const { problem } = failure;
	const roleError = problem.errors?.find((fieldError) => fieldError.field.split(/[./]/).pop() === 'role');
	let message: string;
	if (problem.code === 'last_admin') {
		message = side === 'vendor' ? m.users_error_last_vendor_admin() : m.users_error_last_partner_admin();
	} else if (problem.code === 'cannot_change_self') {
		message = m.users_error_self();
	} else if (problem.code === 'member_changed') {
		message = m.users_error_member_changed();
	} else if (failure.status === 404) {
		message = m.users_error_member_gone();
	} else if (roleError) {
		message = m.users_error_role_not_allowed();
	} else {
		message = problemMessage(problem, failure.retryAfterSeconds);
	}
	return fail(failureStatus(failure.status), { member: { id, action, message } });
}

async function memberInput(request: Request) {
	const data = await request.formData();
	return { id: formText(data, 'id'), side: formText(data, 'side'), role: formText(data, 'role') };
}

export const actions: Actions = {
	invite: async (event) => {
		const data = await event.request.formData();
		const values = {
			email: formText(data, 'email'),
			name: formText(data, 'name'),
			role: formText(data, 'role'),
			partnerOrgId: formText(data, 'partnerOrgId')
		};
		const role = values.role as Role;

		// The API checks the email and the name and names the field; the role
		// is a choice the form always sends, so an empty one is not worth a call.
		if (!values.role) return failWithErrors({ role: m.field_required() }, values);

		// Vendor staff choose the partner organization; partner admins invite
		// into their own, which the API takes from their session.
		const withOrg = isPartnerRole(role) && values.partnerOrgId;
		const result = await api(event).createInvitation({
			email: values.email,
			name: values.name,
			role,
			...(withOrg ? { partnerOrgId: values.partnerOrgId } : {})
		});
		if (!result.ok) return failWithProblem(result, INVITE_FIELDS, values);
		return { invited: values.email };
	},

	revoke: async (event) => {
		const id = formText(await event.request.formData(), 'id');
		if (!id) return fail(400, { revokeError: m.error_unexpected() });
		const result = await api(event).revokeInvitation(id);
		if (!result.ok) {
			return fail(failureStatus(result.status), {
				revokeError: problemMessage(result.problem, result.retryAfterSeconds)
			});
		}
		return { revoked: true };
	},

	role: async (event) => {
		const { id, side, role } = await memberInput(event.request);
		if (!id) return fail(400, { member: { id, action: 'role', message: m.error_unexpected() } });
		if (!(ALL_ROLES as readonly string[]).includes(role)) {
			return fail(400, { member: { id, action: 'role', message: m.users_error_role_not_allowed() } });
		}
		const result = await api(event).call('patch', '/api/t/{tenant}/users/{id}', {
			params: { id },
			body: { role: role as Role }
		});
		if (!result.ok) return memberFailure('role', id, side, result);
		return { memberDone: { id, action: 'role' as MemberAction, name: result.data.name, role: result.data.role } };
	},

	remove: async (event) => {
		const { id, side } = await memberInput(event.request);
		if (!id) return fail(400, { member: { id, action: 'remove', message: m.error_unexpected() } });
		const result = await api(event).call('post', '/api/t/{tenant}/users/{id}/remove', { params: { id } });
		if (!result.ok) return memberFailure('remove', id, side, result);
		return { memberDone: { id, action: 'remove' as MemberAction, name: result.data.name, role: result.data.role } };
	},

	restore: async (event) => {
		const { id, side } = await memberInput(event.request);
		if (!id) return fail(400, { member: { id, action: 'restore', message: m.error_unexpected() } });
		const result = await api(event).call('post', '/api/t/{tenant}/users/{id}/restore', { params: { id } });
		if (!result.ok) return memberFailure('restore', id, side, result);
		return { memberDone: { id, action: 'restore' as MemberAction, name: result.data.name, role: result.data.role } };
	}
};

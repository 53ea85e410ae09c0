import { error, fail } from '@sveltejs/kit';
import type { Role } from '$lib/api-types';
import { m } from '$lib/paraglide/messages';
import { hasPermission, isPartnerRole, isVendorRole } from '$lib/roles';
import { api } from '$lib/server/api';
import {
	failWithErrors,
	failWithProblem,
	failureStatus,
	formText,
	looksLikeEmail,
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
		pickOrg
	};
};

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

		const errors: Partial<Record<(typeof INVITE_FIELDS)[number], string>> = {};
		if (!looksLikeEmail(values.email)) errors.email = m.field_invalid_email();
		if (!values.name) errors.name = m.field_required();
		if (!values.role) errors.role = m.field_required();
		if (Object.keys(errors).length > 0) return failWithErrors(errors, values);

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
	}
};

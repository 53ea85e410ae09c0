import type { Me, Role } from '$lib/api-types';
import { ALL_ROLES, PARTNER_ROLES } from '$lib/api-types';
import { m } from '$lib/paraglide/messages';

export function isVendorRole(role: string): boolean {
	return role === 'vendor_admin' || role === 'channel_manager';
}

export function isPartnerRole(role: string): boolean {
	return role === 'partner_admin' || role === 'partner_user';
}

export function hasPermission(me: Pick<Me, 'permissions'>, permission: string): boolean {
	return me.permissions.includes(permission);
}

/**
 * Roles the viewer may offer in the invite form. The API has the final word;
 * this only keeps the form from offering what it would refuse.
 */
export function invitableRoles(me: Pick<Me, 'role' | 'permissions'>): Role[] {
	if (!hasPermission(me, 'users.invite')) return [];
	if (me.role === 'vendor_admin') return [...ALL_ROLES];
	return [...PARTNER_ROLES];
}

export function roleLabel(role: Role | string): string {
	switch (role) {
		case 'vendor_admin':
			return m.role_vendor_admin();
		case 'channel_manager':
			return m.role_channel_manager();
		case 'partner_admin':
			return m.role_partner_admin();
		case 'partner_user':
			return m.role_partner_user();
		default:
			return role;
	}
}

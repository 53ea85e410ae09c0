// Request and response shapes of the partner-portal API Worker, as the portal
// uses them. Kept by hand in step with the API contract; the portal imports
// types only, never server code, from the API.

export type Role = 'vendor_admin' | 'channel_manager' | 'partner_admin' | 'partner_user';

export const VENDOR_ROLES = ['vendor_admin', 'channel_manager'] as const satisfies readonly Role[];
export const PARTNER_ROLES = ['partner_admin', 'partner_user'] as const satisfies readonly Role[];
export const ALL_ROLES = [...VENDOR_ROLES, ...PARTNER_ROLES] as const;

export type Permission =
	| 'users.invite'
	| 'users.list'
	| 'partners.manage'
	| 'dashboard.vendor'
	| 'dashboard.partner';

/** RFC 9457 problem details, as the API sends them (application/problem+json). */
export interface Problem {
	type: string;
	title: string;
	status: number;
	code: string;
	detail?: string;
	requestId?: string;
	errors?: ProblemFieldError[];
}

export interface ProblemFieldError {
	field: string;
	message: string;
	code?: string;
}

export type ApiResult<T> =
	| { ok: true; status: number; data: T }
	| { ok: false; status: number; problem: Problem; retryAfterSeconds: number | null };

export interface Session {
	token: string;
	/** Epoch milliseconds. */
	expiresAt: number;
}

export interface TenantRef {
	id: string;
	slug: string;
	name: string;
}

export interface PartnerOrgRef {
	id: string;
	name: string;
}

export interface Me {
	id: string;
	email: string;
	name: string;
	role: Role;
	partnerOrg: PartnerOrgRef | null;
	tenant: TenantRef;
	permissions: string[];
}

export interface SessionGrant {
	session: Session;
	user: Me;
}

export interface Health {
	status: 'ok';
	control: { reachable: boolean; latencyMs: number };
}

export interface SignupInput {
	company: string;
	slug: string;
	name: string;
	email: string;
	password: string;
}

export interface SignupResult extends SessionGrant {
	tenant: TenantRef;
}

export type TenantStatus = 'active' | 'suspended' | (string & {});

export interface TenantInfo extends TenantRef {
	status: TenantStatus;
}

export interface MailboxMessage {
	id: string;
	to: string;
	subject: string;
	text: string;
	html: string;
	createdAt: string | number;
	tenantSlug: string | null;
}

export interface Mailbox {
	messages: MailboxMessage[];
}

export interface LoginInput {
	email: string;
	password: string;
}

export interface PasswordResetConfirmInput {
	token: string;
	password: string;
}

export interface DashboardCard {
	key: string;
	value: number;
}

export interface Dashboard {
	role: Role;
	cards: DashboardCard[];
}

export type UserStatus = 'active' | 'disabled' | (string & {});

export interface UserRow {
	id: string;
	email: string;
	name: string;
	role: Role;
	partnerOrg: PartnerOrgRef | null;
	status: UserStatus;
	createdAt: string | number;
}

export interface Page<T> {
	items: T[];
	nextCursor: string | null;
}

export interface UserListQuery {
	limit?: number;
	cursor?: string | null;
	q?: string | null;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface Invitation {
	id: string;
	email: string;
	name: string;
	role: Role;
	partnerOrg: PartnerOrgRef | null;
	status: InvitationStatus;
	expiresAt: string | number;
	createdAt: string | number;
}

export interface InvitationInput {
	email: string;
	name: string;
	role: Role;
	partnerOrgId?: string;
}

export interface InvitationLookup {
	email: string;
	name: string;
	role: Role;
	tenant: { name: string };
	expiresAt: string | number;
	existingAccount: boolean;
}

export interface InvitationAcceptInput {
	token: string;
	name: string;
	password: string;
}

export interface PartnerOrg {
	id: string;
	name: string;
	userCount: number;
	createdAt: string | number;
}

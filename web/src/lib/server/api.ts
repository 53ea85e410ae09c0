// The one typed client for the API Worker. Every call goes through the `API`
// service binding (never the public internet, never a database) and comes back
// as a result: `{ ok: true, data }` or `{ ok: false, status, problem }`, so
// loads and actions decide what a failure means instead of catching throws.
import type { RequestEvent } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import type {
	ApiResult,
	Dashboard,
	Health,
	Invitation,
	InvitationAcceptInput,
	InvitationInput,
	InvitationLookup,
	LoginInput,
	Mailbox,
	Me,
	Page,
	PartnerOrg,
	PartnerOrgRef,
	PasswordResetConfirmInput,
	Problem,
	SessionGrant,
	SignupInput,
	SignupResult,
	TenantInfo,
	UserListQuery,
	UserRow
} from '$lib/api-types';

// The host is never resolved: a service binding delivers the request straight
// to the API Worker. It only has to be a valid absolute URL.
const API_ORIGIN = 'https://api.internal';
const TIMEOUT_MS = 15_000;

type Method = 'GET' | 'POST' | 'DELETE';

interface CallOptions {
	body?: unknown;
	query?: Record<string, string | number | null | undefined>;
}

export type ApiClient = ReturnType<typeof api>;

export function api(event: RequestEvent) {
	const call = <T>(method: Method, path: string, options: CallOptions = {}) =>
		send<T>(event, method, path, options);

	// Tenant routes live under /api/t/{slug}; the slug comes from the URL via
	// hooks.server.ts, so a page can only ever talk about its own tenant.
	const tenantPath = (path: string) => {
		const slug = event.locals.tenantSlug;
		if (!slug) throw new Error('api(): tenant route called outside a tenant URL');
		return `/api/t/${encodeURIComponent(slug)}${path}`;
	};

	return {
		health: () => call<Health>('GET', '/api/health'),
		signup: (input: SignupInput) => call<SignupResult>('POST', '/api/signup', { body: input }),
		getTenant: (slug: string) =>
			call<TenantInfo>('GET', `/api/tenants/${encodeURIComponent(slug)}`),
		getMailbox: () => call<Mailbox>('GET', '/api/dev/mailbox'),

		login: (input: LoginInput) =>
			call<SessionGrant>('POST', tenantPath('/auth/login'), { body: input }),
		logout: () => call<void>('POST', tenantPath('/auth/logout')),
		requestPasswordReset: (email: string) =>
			call<{ status: 'sent' }>('POST', tenantPath('/auth/password-reset'), { body: { email } }),
		confirmPasswordReset: (input: PasswordResetConfirmInput) =>
			call<SessionGrant>('POST', tenantPath('/auth/password-reset/confirm'), { body: input }),

		getMe: () => call<Me>('GET', tenantPath('/me')),
		getDashboard: () => call<Dashboard>('GET', tenantPath('/dashboard')),
		listUsers: (query: UserListQuery = {}) =>
			call<Page<UserRow>>('GET', tenantPath('/users'), {
				query: { limit: query.limit, cursor: query.cursor, q: query.q }
			}),

		listInvitations: () => call<{ items: Invitation[] }>('GET', tenantPath('/invitations')),
		createInvitation: (input: InvitationInput) =>
			call<{ invitation: Invitation }>('POST', tenantPath('/invitations'), { body: input }),
		revokeInvitation: (id: string) =>
			call<void>('DELETE', tenantPath(`/invitations/${encodeURIComponent(id)}`)),
		lookupInvitation: (token: string) =>
			call<InvitationLookup>('GET', tenantPath('/invitations/lookup'), { query: { token } }),
		acceptInvitation: (input: InvitationAcceptInput) =>
			call<SessionGrant>('POST', tenantPath('/invitations/accept'), { body: input }),

		listPartnerOrgs: () => call<{ items: PartnerOrg[] }>('GET', tenantPath('/partner-orgs')),
		createPartnerOrg: (name: string) =>
			call<PartnerOrgRef>('POST', tenantPath('/partner-orgs'), { body: { name } })
	};
}

async function send<T>(
	event: RequestEvent,
	method: Method,
	path: string,
	{ body, query }: CallOptions
): Promise<ApiResult<T>> {
	const binding = event.platform?.env?.API;
	if (!binding) {
		return unreachable('The API service binding is not configured for this Worker.');
	}

	const url = new URL(path, API_ORIGIN);
	for (const [key, value] of Object.entries(query ?? {})) {
		if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
	}

	const headers = new Headers({
		accept: 'application/json, application/problem+json',
		'accept-language': getLocale()
	});
	if (event.locals.sessionToken) headers.set('authorization', `Bearer ${event.locals.sessionToken}`);
	const userAgent = event.request.headers.get('user-agent');
	if (userAgent) headers.set('user-agent', userAgent);
	const clientAddress = clientAddressOf(event);
	if (clientAddress) headers.set('x-forwarded-for', clientAddress);
	if (body !== undefined) headers.set('content-type', 'application/json');

	let response: Response;
	try {
		response = await binding.fetch(
			new Request(url, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
				signal: AbortSignal.timeout(TIMEOUT_MS)
			})
		);
	} catch (cause) {
		console.error(`api ${method} ${path} failed`, cause);
		return unreachable('The API did not answer.');
	}

	if (response.ok) {
		const data = response.status === 204 ? undefined : await readJson(response);
		return { ok: true, status: response.status, data: data as T };
	}
	return {
		ok: false,
		status: response.status,
		problem: toProblem(response, await readJson(response)),
		retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after'))
	};
}

function clientAddressOf(event: RequestEvent): string | null {
	try {
		return event.getClientAddress();
	} catch {
		// vite dev/preview and some test harnesses cannot tell the client address.
		return null;
	}
}

async function readJson(response: Response): Promise<unknown> {
	const type = response.headers.get('content-type') ?? '';
	if (!type.includes('json')) {
		await response.body?.cancel();
		return undefined;
	}
	try {
		return await response.json();
	} catch {
		return undefined;
	}
}

function toProblem(response: Response, body: unknown): Problem {
	const fallback: Problem = {
		type: 'about:blank',
		title: response.statusText || 'Error',
		status: response.status,
		code: `http_${response.status}`
	};
	if (!body || typeof body !== 'object') {
		// No problem body: not the API talking but something in front of it
		// (wrangler dev without the API Worker, a gateway timeout).
		if ([502, 503, 504].includes(response.status)) return { ...fallback, code: 'api_unreachable' };
		return fallback;
	}
	const raw = body as Partial<Problem>;
	return {
		type: typeof raw.type === 'string' ? raw.type : fallback.type,
		title: typeof raw.title === 'string' ? raw.title : fallback.title,
		status: typeof raw.status === 'number' ? raw.status : response.status,
		code: typeof raw.code === 'string' ? raw.code : fallback.code,
		detail: typeof raw.detail === 'string' ? raw.detail : undefined,
		requestId: typeof raw.requestId === 'string' ? raw.requestId : undefined,
		errors: Array.isArray(raw.errors)
			? raw.errors.filter(
					(e): e is NonNullable<Problem['errors']>[number] =>
						!!e && typeof e.field === 'string' && typeof e.message === 'string'
				)
			: undefined
	};
}

function parseRetryAfter(value: string | null): number | null {
	if (!value) return null;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
	const date = Date.parse(value);
	return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function unreachable(detail: string): ApiResult<never> {
	return {
		ok: false,
		status: 503,
		problem: {
			type: 'about:blank',
			title: 'Service Unavailable',
			status: 503,
			code: 'api_unreachable',
			detail
		},
		retryAfterSeconds: null
	};
}

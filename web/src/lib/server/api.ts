// The one typed client for the API Worker. Every call goes through the `API`
// service binding (never the public internet, never a database) and comes back
// as a result: `{ ok: true, data }` or `{ ok: false, status, problem }`, so
// loads and actions decide what a failure means instead of catching throws.
import type { RequestEvent } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import type {
	AcceptInvitationInput,
	ApiMethod,
	ApiPath,
	ApiResult,
	InviteUserInput,
	LoginInput,
	Operation,
	PasswordResetConfirm,
	Problem,
	SignupVendorInput,
	SuccessBody,
	UserListQuery
} from '$lib/api-types';

// The host is never resolved: a service binding delivers the request straight
// to the API Worker. It only has to be a valid absolute URL.
const API_ORIGIN = 'https://api.internal';
const TIMEOUT_MS = 15_000;

type QueryValue = string | number | boolean | null | undefined;

interface SendOptions {
	body?: unknown;
	query?: Record<string, QueryValue>;
	/** Extra request headers, such as `Idempotency-Key`; the client's own headers take precedence. */
	headers?: Record<string, string>;
}

/**
 * What a call to one route takes besides its path and method, typed by the
 * route's contract: its path parameters (the tenant's is filled in from the
 * URL), its query and its JSON body. Whatever the route does not take is
 * `never`, so passing it is a type error.
 */
type CallOptions<O> = ParamsOption<O> & QueryOption<O> & BodyOption<O> & HeadersOption;
type ParamsOption<O> = O extends { params: infer P }
	? [Exclude<keyof P, 'tenant'>] extends [never]
		? { params?: never }
		: { params: Omit<P, 'tenant'> }
	: { params?: never };
type QueryOption<O> = O extends { query: infer Q }
	? object extends Q
		? { query?: Q }
		: { query: Q }
	: { query?: never };
type BodyOption<O> = 'body' extends keyof O
	? undefined extends O['body' & keyof O]
		? { body?: O['body' & keyof O] }
		: { body: O['body' & keyof O] }
	: { body?: never };
/** Request headers are not in the generated contract, so any route may take them. */
type HeadersOption = { headers?: Record<string, string> };
/** The options argument, left out when the route needs none. */
type CallArgs<O> = object extends CallOptions<O> ? [options?: CallOptions<O>] : [options: CallOptions<O>];

export type ApiClient = ReturnType<typeof api>;

export function api(event: RequestEvent) {
	// Paths are the API's own route templates, so a path or method the API
	// does not serve, or a body or query of the wrong shape, is a type error.
	function call<P extends ApiPath, M extends ApiMethod<P>>(
		method: M,
		path: P,
		...[options]: CallArgs<Operation<P, M>>
	): Promise<ApiResult<SuccessBody<Operation<P, M>>>> {
		const { params, query, body, headers } = (options ?? {}) as SendOptions & { params?: Record<string, string> };
		return send(event, method.toUpperCase(), expandPath(event, path, params ?? {}), { query, body, headers });
	}

	/**
	 * A download (a CSV export): on success the API's response itself, its
	 * body unread, for the caller to stream on; failures as from `call`.
	 */
	function download<P extends ApiPath, M extends ApiMethod<P>>(
		method: M,
		path: P,
		...[options]: CallArgs<Operation<P, M>>
	): Promise<ApiResult<Response>> {
		const { params, query, body, headers } = (options ?? {}) as SendOptions & { params?: Record<string, string> };
		return stream(event, method.toUpperCase(), expandPath(event, path, params ?? {}), { query, body, headers });
	}

	return {
		/** Any API route, typed from the OpenAPI document: `call('get', '/api/t/{tenant}/tiers')`. */
		call,
		download,
		health: () => call('get', '/api/health'),
		signup: (input: SignupVendorInput) => call('post', '/api/signup', { body: input }),
		getTenant: (slug: string) => call('get', '/api/tenants/{slug}', { params: { slug } }),
		getMailbox: () => call('get', '/api/dev/mailbox'),

		login: (input: LoginInput) => call('post', '/api/t/{tenant}/auth/login', { body: input }),
		logout: () => call('post', '/api/t/{tenant}/auth/logout'),
		requestPasswordReset: (email: string) =>
			call('post', '/api/t/{tenant}/auth/password-reset', { body: { email } }),
		confirmPasswordReset: (input: PasswordResetConfirm) =>
			call('post', '/api/t/{tenant}/auth/password-reset/confirm', { body: input }),

		getMe: () => call('get', '/api/t/{tenant}/me'),
		getDashboard: () => call('get', '/api/t/{tenant}/dashboard'),
		listUsers: (query: UserListQuery = {}) => call('get', '/api/t/{tenant}/users', { query }),

		listInvitations: () => call('get', '/api/t/{tenant}/invitations'),
		createInvitation: (input: InviteUserInput) =>
			call('post', '/api/t/{tenant}/invitations', { body: input }),
		revokeInvitation: (id: string) =>
			call('delete', '/api/t/{tenant}/invitations/{id}', { params: { id } }),
		lookupInvitation: (token: string) =>
			call('get', '/api/t/{tenant}/invitations/lookup', { query: { token } }),
		acceptInvitation: (input: AcceptInvitationInput) =>
			call('post', '/api/t/{tenant}/invitations/accept', { body: input }),

		listPartnerOrgs: () => call('get', '/api/t/{tenant}/partner-orgs'),
		createPartnerOrg: (name: string) => call('post', '/api/t/{tenant}/partner-orgs', { body: { name } })
	};
}

/**
 * Fills a route template's `{name}` segments. Tenant routes take the slug
 * from the URL via hooks.server.ts, so a page can only ever talk about its
 * own tenant.
 */
function expandPath(event: RequestEvent, template: string, params: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		if (name === 'tenant') {
			const slug = event.locals.tenantSlug;
			if (!slug) throw new Error('api(): tenant route called outside a tenant URL');
			return encodeURIComponent(slug);
		}
		const value = params[name];
		if (!value) throw new Error(`api(): no value for {${name}} in ${template}`);
		return encodeURIComponent(value);
	});
}

async function send<T>(event: RequestEvent, method: string, path: string, options: SendOptions): Promise<ApiResult<T>> {
	const response = await request(event, method, path, options, AbortSignal.timeout(TIMEOUT_MS));
	if (!(response instanceof Response)) return response;
	if (response.ok) {
		const data = response.status === 204 ? undefined : await readSuccess(response);
		return { ok: true, status: response.status, data: data as T };
	}
	return failureOf(response);
}

async function stream(event: RequestEvent, method: string, path: string, options: SendOptions): Promise<ApiResult<Response>> {
	// The timeout covers the wait for the answer's head only: a long download keeps streaming.
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(new DOMException('The API did not answer in time.', 'TimeoutError')), TIMEOUT_MS);
	let response: Response | ApiResult<never>;
	try {
		response = await request(event, method, path, options, controller.signal);
	} finally {
		clearTimeout(timer);
	}
	if (!(response instanceof Response)) return response;
	return response.ok ? { ok: true, status: response.status, data: response } : failureOf(response);
}

/** The API's response, or the failure when it could not be asked. */
async function request(
	event: RequestEvent,
	method: string,
	path: string,
	{ body, query, headers: extraHeaders }: SendOptions,
	signal: AbortSignal
): Promise<Response | ApiResult<never>> {
	const binding = event.platform?.env?.API;
	if (!binding) {
		return unreachable('The API service binding is not configured for this Worker.');
	}

	const url = new URL(path, API_ORIGIN);
	for (const [key, value] of Object.entries(query ?? {})) {
		if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
	}

	const headers = new Headers(extraHeaders);
	headers.set('accept', 'application/json, application/problem+json');
	headers.set('accept-language', getLocale());
	if (event.locals.sessionToken) headers.set('authorization', `Bearer ${event.locals.sessionToken}`);
	const userAgent = event.request.headers.get('user-agent');
	if (userAgent) headers.set('user-agent', userAgent);
	const clientAddress = clientAddressOf(event);
	if (clientAddress) headers.set('x-forwarded-for', clientAddress);
	if (body !== undefined) headers.set('content-type', 'application/json');

	try {
		return await binding.fetch(
			new Request(url, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
				signal
			})
		);
	} catch (cause) {
		console.error(`api ${method} ${path} failed`, cause);
		return unreachable('The API did not answer.');
	}
}

async function failureOf(response: Response): Promise<ApiResult<never>> {
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

/** A success body: JSON, or the text of a CSV download (`GET .../export.csv`). */
async function readSuccess(response: Response): Promise<unknown> {
	const type = response.headers.get('content-type') ?? '';
	if (type.startsWith('text/csv')) return await response.text();
	return readJson(response);
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

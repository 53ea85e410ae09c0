// Request pipeline: security headers around everything, then the request's
// locale (Paraglide), then tenant and session into `locals`.
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { env } from '$env/dynamic/public';
import { m } from '$lib/paraglide/messages';
import { getTextDirection } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { SESSION_COOKIE } from '$lib/server/session';
import { resolveTenantRoute } from '$lib/tenant-route';

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	// CSP (with frame-ancestors 'none') comes from kit.csp in svelte.config.js.
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	response.headers.set('x-frame-options', 'DENY');
	// Pages carry per-person, per-tenant data: never let a shared cache keep them.
	if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
	return response;
};

const locale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%lang%', locale).replace('%dir%', getTextDirection(locale))
		});
	});

const tenancy: Handle = ({ event, resolve }) => {
	const route = resolveTenantRoute(event.url, env.PORTAL_BASE_DOMAIN);
	event.locals.tenantSlug = route?.slug ?? null;
	event.locals.tenantBase = route?.base ?? '';
	event.locals.sessionToken = route ? (event.cookies.get(SESSION_COOKIE) ?? null) : null;
	return resolve(event);
};

export const handle = sequence(securityHeaders, locale, tenancy);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message: m.error_page_not_found(), code: 'not_found' };
	console.error(`unexpected error on ${event.request.method} ${event.url.pathname}`, error);
	return { message: status >= 500 ? m.error_unexpected() : message, code: 'internal' };
};

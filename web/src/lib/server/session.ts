// The session cookie. Scoped to the tenant's path (/t/acme) so one browser can
// be signed in to several vendors' portals at once, each with its own token.
import type { RequestEvent } from '@sveltejs/kit';
import type { Session } from '$lib/api-types';

export const SESSION_COOKIE = 'pp_session';

export function setSessionCookie(event: RequestEvent, session: Session, tenantBase: string): void {
	event.cookies.set(SESSION_COOKIE, session.token, {
		path: tenantBase || '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		expires: new Date(session.expiresAt)
	});
	event.locals.sessionToken = session.token;
}

export function clearSessionCookie(event: RequestEvent): void {
	event.cookies.delete(SESSION_COOKIE, {
		path: event.locals.tenantBase || '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:'
	});
	event.locals.sessionToken = null;
}

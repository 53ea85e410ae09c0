// Where a request's tenant comes from. Tenants are path-routed
// (/t/acme/login) everywhere, and also host-routed (acme.<base domain>/login)
// when PORTAL_BASE_DOMAIN is set. Shared by the universal `reroute` hook and
// by hooks.server.ts so both sides agree on every URL.

/** Portal slug rule, the same as the API's. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,30}[a-z0-9])$/;
/** The same rule for an <input pattern>; browsers compile it with the `v` flag, where `-` must be escaped in a class. */
export const SLUG_INPUT_PATTERN = '[a-z0-9](?:[a-z0-9\\-]{1,30}[a-z0-9])';

const RESERVED_SUBDOMAINS = new Set(['www', 'api', 'app']);

/** Paths on a tenant host that are not tenant pages (build assets, locale switch). */
const HOST_ROUTING_BYPASS = ['/_app/', '/locale'];

export interface TenantRoute {
	slug: string;
	/** Path prefix of the tenant's pages as the browser sees them: "/t/acme", or "" on a tenant host. */
	base: string;
}

export function tenantFromHost(hostname: string, baseDomain: string | undefined): string | null {
	if (!baseDomain) return null;
	const host = hostname.toLowerCase();
	const suffix = '.' + baseDomain.toLowerCase();
	if (!host.endsWith(suffix)) return null;
	const label = host.slice(0, -suffix.length);
	return SLUG_PATTERN.test(label) && !RESERVED_SUBDOMAINS.has(label) ? label : null;
}

export function bypassesHostRouting(pathname: string): boolean {
	return HOST_ROUTING_BYPASS.some((prefix) => pathname === prefix || pathname.startsWith(prefix));
}

/** The route path a tenant-host URL maps to, or undefined to leave it alone. */
export function rerouteTenantHost(url: URL, baseDomain: string | undefined): string | undefined {
	const slug = tenantFromHost(url.hostname, baseDomain);
	if (!slug || bypassesHostRouting(url.pathname)) return undefined;
	return `/t/${slug}${url.pathname === '/' ? '' : url.pathname}`;
}

export function resolveTenantRoute(url: URL, baseDomain: string | undefined): TenantRoute | null {
	const hostSlug = tenantFromHost(url.hostname, baseDomain);
	if (hostSlug) return { slug: hostSlug, base: '' };
	const match = /^\/t\/([^/]+)/.exec(url.pathname);
	if (!match?.[1]) return null;
	let slug: string;
	try {
		slug = decodeURIComponent(match[1]).toLowerCase();
	} catch {
		return null;
	}
	return { slug, base: `/t/${match[1]}` };
}

/** A link to a tenant page: tenantHref("/t/acme", "/users") -> "/t/acme/users". */
export function tenantHref(base: string, path: `/${string}` = '/'): string {
	if (path === '/') return base || '/';
	return base + path;
}

/** A safe post-login destination inside this tenant, or the tenant's dashboard. */
export function safeNext(base: string, next: string | null | undefined): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
		return tenantHref(base);
	}
	if (base && next !== base && !next.startsWith(base + '/') && !next.startsWith(base + '?')) {
		return tenantHref(base);
	}
	return next;
}

export function suggestSlug(company: string): string {
	return company
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 32)
		.replace(/-+$/g, '');
}

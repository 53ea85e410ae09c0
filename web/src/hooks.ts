// Universal hooks: host-routed tenants (acme.<PORTAL_BASE_DOMAIN>/login) are
// served by the same routes as path-routed ones (/t/acme/login).
import type { Reroute } from '@sveltejs/kit';
import { env } from '$env/dynamic/public';
import { rerouteTenantHost } from '$lib/tenant-route';

export const reroute: Reroute = ({ url }) => rerouteTenantHost(url, env.PORTAL_BASE_DOMAIN);

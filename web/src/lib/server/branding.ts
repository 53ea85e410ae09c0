// The vendor's branding for its portal's pages (portal name, logo, colours),
// read from the API. Fails open: an unreadable branding shows the tenant's
// own name and the default colours rather than an error page.
import type { RequestEvent } from '@sveltejs/kit';
import { brandColors } from '$lib/components/recruitment/brand';
import { api } from './api';

export interface ShellBranding {
	portalName: string;
	logoUrl: string | null;
	primaryColor: string;
	textColor: string;
}

/** The branding, or null when the API could not give it (see `orDefaultBranding`). */
export async function loadBranding(event: RequestEvent): Promise<ShellBranding | null> {
	const result = await api(event).call('get', '/api/t/{tenant}/branding');
	if (!result.ok) return null;
	const { portalName, logoUrl, primaryColor, textColor } = result.data;
	return { portalName, logoUrl, primaryColor, textColor };
}

/** The tenant's own name on the default colours, for a branding that could not be read. */
export function orDefaultBranding(branding: ShellBranding | null, tenantName: string): ShellBranding {
	if (branding) return branding;
	const colors = brandColors(null);
	return { portalName: tenantName, logoUrl: null, primaryColor: colors.primary, textColor: colors.text };
}

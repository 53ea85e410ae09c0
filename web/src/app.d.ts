// See https://svelte.dev/docs/kit/types#app.d.ts

/**
 * The part of a Workers service binding (`Fetcher`) the portal uses. Declared
 * here rather than pulled from @cloudflare/workers-types, whose global
 * Request/Response declarations clash with the DOM types the browser code needs.
 */
interface ServiceFetcher {
	fetch(request: Request): Promise<Response>;
}

declare global {
	namespace App {
		interface Error {
			message: string;
			/** The API problem code, e.g. `tenant_not_found`. */
			code?: string;
			requestId?: string;
		}
		interface Locals {
			/** Tenant slug from /t/{slug}/... or <slug>.<PORTAL_BASE_DOMAIN>; null on public pages. */
			tenantSlug: string | null;
			/** Browser-visible path prefix of the tenant's pages: "/t/acme", or "" on a tenant host. */
			tenantBase: string;
			/** The tenant session token from the `pp_session` cookie. */
			sessionToken: string | null;
		}
		interface Platform {
			env: {
				/** Service binding to the API Worker (partner-portal-api). */
				API: ServiceFetcher;
				/** Static assets of this Worker. */
				ASSETS: ServiceFetcher;
				PORTAL_BASE_DOMAIN?: string;
			};
		}
		// interface PageData {}
		// interface PageState {}
	}
}

export {};

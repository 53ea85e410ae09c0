// The deal list's view (a status tab), search and order as they live in the
// page URL. Vendor staff open on their review queue (waiting for review, the
// most urgent deadline first); partners on all their deals, newest first.
// Shared by the list page, its tab, sort and "Load more" links, and the CSV
// export.
import type { ApiPaths } from '$lib/api-schema.gen';
import type { DealStatus } from '$lib/api-types';

type ListQuery = NonNullable<ApiPaths['/api/t/{tenant}/deals']['get']['query']>;
export type DealSort = NonNullable<ListQuery['sort']>;

export const DEAL_SORTS = ['newest', 'review_due', 'expires'] as const satisfies readonly DealSort[];

/** "Expiring soon": approved registrations whose protection ends within this many days. */
export const EXPIRING_WITHIN_DAYS = 14;

export type DealView = 'all' | 'expiring' | DealStatus;

const VENDOR_VIEWS = ['submitted', 'needs_info', 'approved', 'expiring', 'rejected', 'expired', 'won', 'lost', 'all'] as const satisfies readonly DealView[];
// Partners keep drafts, so they get a tab for them; vendor staff never see drafts.
const PARTNER_VIEWS = ['all', 'draft', 'submitted', 'needs_info', 'approved', 'expiring', 'rejected', 'expired', 'won', 'lost'] as const satisfies readonly DealView[];

export function viewsFor(vendor: boolean): readonly DealView[] {
	return vendor ? VENDOR_VIEWS : PARTNER_VIEWS;
}

export interface DealFilters {
	view: DealView;
	q: string;
	sort: DealSort;
}

/** The order a view opens in: the review queue by deadline, expiring deals by expiry. */
export function defaultSort(view: DealView): DealSort {
	if (view === 'submitted') return 'review_due';
	if (view === 'expiring') return 'expires';
	return 'newest';
}

export function defaultView(vendor: boolean): DealView {
	return vendor ? 'submitted' : 'all';
}

const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T =>
	value !== null && (list as readonly string[]).includes(value);

/** Reads the filters from a URL; anything the API would refuse falls back to the default. */
export function parseFilters(params: URLSearchParams, vendor: boolean): DealFilters {
	const status = params.get('status');
	const view = isOneOf(viewsFor(vendor), status) ? status : defaultView(vendor);
	const sort = params.get('sort');
	return {
		view,
		q: (params.get('q') ?? '').trim().slice(0, 100),
		sort: isOneOf(DEAL_SORTS, sort) ? sort : defaultSort(view)
	};
}

/** The API's query for these filters (the list's and the export's are the same). */
export function apiQuery(filters: DealFilters) {
	return {
		status: filters.view === 'all' || filters.view === 'expiring' ? undefined : filters.view,
		expiringWithinDays: filters.view === 'expiring' ? EXPIRING_WITHIN_DAYS : undefined,
		q: filters.q || undefined,
		sort: filters.sort
	} satisfies ListQuery;
}

/** The page URL's query: the default view and its default order are left out, so links stay short. */
export function filterParams(filters: DealFilters, vendor: boolean, extra: Record<string, string> = {}): URLSearchParams {
	const params = new URLSearchParams();
	if (filters.view !== defaultView(vendor)) params.set('status', filters.view);
	if (filters.q) params.set('q', filters.q);
	if (filters.sort !== defaultSort(filters.view)) params.set('sort', filters.sort);
	for (const [key, value] of Object.entries(extra)) params.set(key, value);
	return params;
}

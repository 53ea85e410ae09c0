// The partner list's filters and order as they live in the page URL, so a
// filtered, sorted list is a link anyone on the team can open. Shared by the
// list page, its "Load more" and sort links, and the CSV export endpoint.
import type { ApiPaths } from '$lib/api-schema.gen';

type ListQuery = NonNullable<ApiPaths['/api/t/{tenant}/partner-orgs']['get']['query']>;
export type PartnerStatus = NonNullable<ListQuery['status']>[number];
export type PartnerType = NonNullable<ListQuery['type']>;
export type PartnerSort = NonNullable<ListQuery['sort']>;
export type SortDir = NonNullable<ListQuery['dir']>;

export const PARTNER_STATUSES = ['applicant', 'onboarding', 'active', 'suspended', 'offboarded'] as const satisfies readonly PartnerStatus[];
export const PARTNER_TYPES = ['reseller', 'referral', 'msp', 'systems_integrator', 'technology'] as const satisfies readonly PartnerType[];
export const PARTNER_SORTS = ['name', 'created', 'status', 'tier'] as const satisfies readonly PartnerSort[];

/** The direction a column sorts in when first chosen: newest and highest tier first. */
export const DEFAULT_DIR: Record<PartnerSort, SortDir> = { name: 'asc', created: 'desc', status: 'asc', tier: 'desc' };

export interface PartnerFilters {
	q: string;
	status: PartnerStatus[];
	/** A tier id, "none", or "" for any tier. */
	tier: string;
	type: PartnerType | '';
	region: string;
	owner: string;
	sort: PartnerSort;
	dir: SortDir;
}

const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T =>
	value !== null && (list as readonly string[]).includes(value);

/** Reads the filters from a URL; anything the API would refuse is dropped rather than failing the page. */
export function parseFilters(params: URLSearchParams): PartnerFilters {
	const text = (name: string, max: number) => (params.get(name) ?? '').trim().slice(0, max);
	const statuses = params
		.getAll('status')
		.flatMap((value) => value.split(','))
		.map((value) => value.trim());
	const sort = params.get('sort');
	const dir = params.get('dir');
	const type = params.get('type');
	const chosenSort = isOneOf(PARTNER_SORTS, sort) ? sort : 'name';
	return {
		q: text('q', 100),
		status: PARTNER_STATUSES.filter((status) => statuses.includes(status)),
		tier: text('tier', 64),
		type: isOneOf(PARTNER_TYPES, type) ? type : '',
		region: text('region', 60),
		owner: text('owner', 64),
		sort: chosenSort,
		dir: dir === 'asc' || dir === 'desc' ? dir : DEFAULT_DIR[chosenSort]
	};
}

/** The API's query for these filters (the list's and the export's are the same). */
export function apiQuery(filters: PartnerFilters) {
	return {
		q: filters.q || undefined,
		status: filters.status.length > 0 ? filters.status : undefined,
		tier: filters.tier || undefined,
		type: filters.type || undefined,
		region: filters.region || undefined,
		owner: filters.owner || undefined,
		sort: filters.sort,
		dir: filters.dir
	} satisfies ListQuery;
}

/** The page URL's query for these filters: empty filters and the default order are left out. */
export function filterParams(filters: PartnerFilters, extra: Record<string, string> = {}): URLSearchParams {
	const params = new URLSearchParams();
	if (filters.q) params.set('q', filters.q);
	for (const status of filters.status) params.append('status', status);
	if (filters.tier) params.set('tier', filters.tier);
	if (filters.type) params.set('type', filters.type);
	if (filters.region) params.set('region', filters.region);
	if (filters.owner) params.set('owner', filters.owner);
	if (filters.sort !== 'name' || filters.dir !== DEFAULT_DIR.name) {
		params.set('sort', filters.sort);
		params.set('dir', filters.dir);
	}
	for (const [key, value] of Object.entries(extra)) params.set(key, value);
	return params;
}

/** How many filters narrow the list (the search and the order do not count). */
export function activeFilterCount(filters: PartnerFilters): number {
	return (
		(filters.status.length > 0 ? 1 : 0) +
		(filters.tier ? 1 : 0) +
		(filters.type ? 1 : 0) +
		(filters.region ? 1 : 0) +
		(filters.owner ? 1 : 0)
	);
}

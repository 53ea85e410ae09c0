// The deal list as a CSV download for vendor staff, with the list's current
// view, search and order: up to ten pages of the API's list (1,000 deals),
// written here because the API has no deal export of its own.
import type { Deal } from '$lib/api-types';
import { m } from '$lib/paraglide/messages';
import { api } from '$lib/server/api';
import { throwProblem } from '$lib/server/problems';
import { apiQuery, parseFilters } from '../filters';
import { currencyDigits, dealStatusLabel } from '../labels';
import type { RequestHandler } from './$types';

const PAGE_SIZE = 100;
const MAX_PAGES = 10;

const iso = (at: number | null) => (at === null ? '' : new Date(at).toISOString());

/** One CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
function cell(value: string | number | null): string {
	let text = value === null ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(deal: Deal): (string | number | null)[] {
	const digits = currencyDigits(deal.currency);
	return [
		deal.id,
		deal.customerName,
		deal.customerDomain,
		deal.partnerOrg.name,
		dealStatusLabel(deal.status),
		(deal.valueMinor / 10 ** digits).toFixed(digits),
		deal.currency,
		deal.products.join('; '),
		iso(deal.submittedAt),
		iso(deal.reviewDueAt),
		iso(deal.expiresAt),
		deal.conflict?.matches.length ?? 0
	];
}

export const GET: RequestHandler = async (event) => {
	const { locals } = event;
	// The link is the vendor console's (its URL speaks the vendor's defaults). No
	// role check of its own: the API scopes the list, so anyone else would only
	// download the deals they can already see.
	const query = apiQuery(parseFilters(event.url.searchParams, true));
	const client = api(event);
	const deals: Deal[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const result = await client.call('get', '/api/t/{tenant}/deals', { query: { ...query, limit: PAGE_SIZE, cursor } });
		if (!result.ok) throwProblem(event, result);
		deals.push(...result.data.items);
		if (!result.data.nextCursor) break;
		cursor = result.data.nextCursor;
	}

	const header = [
		m.deals_csv_id(),
		m.deals_col_customer(),
		m.deals_field_domain(),
		m.deals_col_partner(),
		m.deals_col_status(),
		m.deals_col_value(),
		m.deals_field_currency(),
		m.deals_field_products(),
		m.deals_csv_submitted(),
		m.deals_csv_review_due(),
		m.deals_csv_protected_until(),
		m.deals_col_conflicts()
	];
	const csv = [header, ...deals.map(row)].map((fields) => fields.map(cell).join(',')).join('\r\n') + '\r\n';
	const day = new Date().toISOString().slice(0, 10);
	return new Response(`\uFEFF${csv}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="deals-${locals.tenantSlug ?? 'portal'}-${day}.csv"`,
			'cache-control': 'no-store'
		}
	});
};

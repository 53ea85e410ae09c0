// The deal list as a CSV download, with the list's current view, search and
// order: the API's export (every matching deal, streamed), passed through
// record by record with its machine header and status keys in the viewer's
// language, so the download never has to fit in memory.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { mapCsvRecords } from '$lib/csv';
import { api } from '$lib/server/api';
import { throwProblem } from '$lib/server/problems';
import { apiQuery, parseFilters } from '../filters';
import { DEAL_STATUSES, dealStatusLabel } from '../labels';
import type { RequestHandler } from './$types';

/** The API's column keys in words; a column the portal does not know yet keeps its key. */
function columnLabels(): Record<string, string> {
	return {
		id: m.deals_csv_id(),
		customer_name: m.deals_col_customer(),
		customer_domain: m.deals_field_domain(),
		partner: m.deals_col_partner(),
		status: m.deals_col_status(),
		value: m.deals_col_value(),
		currency: m.deals_field_currency(),
		products: m.deals_field_products(),
		submitted_at: m.deals_csv_submitted(),
		review_due_at: m.deals_csv_review_due(),
		expires_at: m.deals_csv_protected_until(),
		conflicts: m.deals_col_conflicts()
	};
}

export const GET: RequestHandler = async (event) => {
	// The link is the vendor console's (its URL speaks the vendor's defaults). No
	// role check of its own: the API scopes the export, so anyone else would only
	// download the deals they can already see.
	const query = apiQuery(parseFilters(event.url.searchParams, true));
	const result = await api(event).download('get', '/api/t/{tenant}/deals/export.csv', { query });
	if (!result.ok) throwProblem(event, result);
	const body = result.data.body;
	if (!body) error(502, { message: m.error_unexpected(), code: 'api_unreachable' });

	// Words are looked up now, while the request's language is known: the stream runs on after this returns.
	const columns = columnLabels();
	const statusLabels = new Map<string, string>(DEAL_STATUSES.map((status) => [status, dealStatusLabel(status)]));
	let statusAt = -1;
	const relabel = mapCsvRecords(
		(fields, index) => {
			if (index === 0) {
				statusAt = fields.indexOf('status');
				return fields.map((key) => columns[key] ?? key);
			}
			const status = fields[statusAt];
			return status === undefined ? fields : fields.with(statusAt, statusLabels.get(status) ?? status);
		},
		{ prefix: '\uFEFF' }
	);

	const day = new Date().toISOString().slice(0, 10);
	return new Response(body.pipeThrough(new TextDecoderStream()).pipeThrough(relabel).pipeThrough(new TextEncoderStream()), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="deals-${event.locals.tenantSlug ?? 'portal'}-${day}.csv"`,
			'cache-control': 'no-store'
		}
	});
};

// Deal registrations: a partner's own (a partner admin: the organization's),
// or, for vendor staff, every partner's, opening on the review queue. View,
// search and order come from the URL; pages follow the API's keyset cursor.
import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { hasPermission, isVendorRole } from '$lib/roles';
import { api } from '$lib/server/api';
import { failureStatus, formText, problemToForm, unwrap } from '$lib/server/problems';
import { apiQuery, filterParams, parseFilters } from './filters';
import { dealFieldMessage } from './form.server';
import { refusalMessage, type BulkDecision } from './labels';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 25;
/** The most registrations one bulk review takes (the API's limit). */
const BULK_MAX = 100;

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'deals.read')) error(403, { message: m.error_forbidden(), code: 'forbidden' });

	const vendor = isVendorRole(me.role);
	const filters = parseFilters(event.url.searchParams, vendor);
	const cursor = event.url.searchParams.get('cursor') ?? '';
	const client = api(event);
	const listPage = (after: string) =>
		client.call('get', '/api/t/{tenant}/deals', {
			query: { ...apiQuery(filters), limit: PAGE_SIZE, cursor: after || undefined }
		});

	const first = await listPage(cursor);
	// A cursor from another order (an edited or old link): start again at the first page.
	const stale = !first.ok && first.problem.code === 'invalid_cursor';
	const page = unwrap(event, stale ? await listPage('') : first);

	return {
		filters,
		vendor,
		/** Identifies the filtered, sorted list, so "Load more" knows when it continues the same one. */
		listKey: filterParams(filters, vendor).toString(),
		cursor: stale ? '' : cursor,
		page,
		canRegister: hasPermission(me, 'deals.register'),
		canExport: hasPermission(me, 'deals.review'),
		canReview: hasPermission(me, 'deals.review'),
		/** The clock the countdowns are computed against, the same on server and browser. */
		now: Date.now()
	};
};

/** What the bulk bar's form sends back on a refusal: the choice, kept, and what to say next to it. */
export interface BulkFailure {
	decision: BulkDecision;
	ids: string[];
	values: { reason: string };
	errors: { reason?: string };
	message: string | null;
}

/** The rows the page showed, as `[id, customer]` pairs: what "select all" means, and names for the summary. */
function shownRows(value: string): [string, string][] {
	try {
		const rows: unknown = JSON.parse(value);
		if (!Array.isArray(rows)) return [];
		return rows.filter(
			(row): row is [string, string] => Array.isArray(row) && typeof row[0] === 'string' && typeof row[1] === 'string'
		);
	} catch {
		return [];
	}
}

export const actions: Actions = {
	/**
	 * Approve or reject the ticked registrations in one call; the answer says
	 * which moved and, for the rest, why not. The customer names come from the
	 * page (the API answers with ids).
	 */
	bulkReview: async (event) => {
		const data = await event.request.formData();
		const decision: BulkDecision = formText(data, 'decision') === 'reject' ? 'reject' : 'approve';
		const shown = shownRows(formText(data, 'shown'));
		const ticked = data.getAll('ids').filter((id): id is string => typeof id === 'string' && id !== '');
		const ids = data.get('selectAll') ? shown.map(([id]) => id) : ticked;
		const values = { reason: formText(data, 'reason') };
		const refuse = (status: number, failure: Omit<BulkFailure, 'decision' | 'ids' | 'values'>) =>
			fail(status, { bulkFailed: { decision, ids, values, ...failure } satisfies BulkFailure });
		if (ids.length === 0) return refuse(400, { errors: {}, message: m.deals_bulk_none_selected() });
		if (ids.length > BULK_MAX) return refuse(400, { errors: {}, message: m.deals_bulk_too_many({ max: String(BULK_MAX) }) });
		if (decision === 'reject' && !values.reason) return refuse(400, { errors: { reason: m.field_required() }, message: null });

		const result = await api(event).call('post', '/api/t/{tenant}/deals/bulk-review', {
			body: { ids, decision, reason: decision === 'reject' ? values.reason : undefined }
		});
		if (!result.ok) {
			const { errors, message } = problemToForm(result, { fields: ['reason'], word: dealFieldMessage });
			return refuse(failureStatus(result.status), { errors, message });
		}
		const names = new Map(shown);
		return {
			bulkDone: {
				decision,
				done: result.data.done.length,
				failed: result.data.failed.map((failure) => ({
					id: failure.id,
					customer: names.get(failure.id) ?? m.deals_bulk_unknown_deal(),
					reason: refusalMessage(failure.code) ?? (failure.code === 'not_found' ? m.deals_not_found() : failure.detail)
				}))
			}
		};
	}
};

// What the deal pages show for the API's codes and numbers, in the page's
// language: statuses, money, review deadlines and protection windows as
// countdowns, timeline entries, and conflicts in words. A partner's conflict
// sentence never names the other partner (the API does not tell partners).
import type { Deal, DealConflictMatch, DealStatus, DealTimelineEntry } from '$lib/api-types';
import { formatDate, formatNumber } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { listOf, plural } from '../partners/labels';
import { CURRENCY_CODES, currencyDigits } from '../../../../../../../shared-code/currencies';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEAL_STATUSES = [
	'draft',
	'submitted',
	'needs_info',
	'approved',
	'rejected',
	'expired',
	'won',
	'lost'
] as const satisfies readonly DealStatus[];

export function dealStatusLabel(status: string): string {
	switch (status) {
		case 'draft':
			return m.deals_status_draft();
		case 'submitted':
			return m.deals_status_submitted();
		case 'needs_info':
			return m.deals_status_needs_info();
		case 'approved':
			return m.deals_status_approved();
		case 'rejected':
			return m.deals_status_rejected();
		case 'expired':
			return m.deals_status_expired();
		case 'won':
			return m.deals_status_won();
		case 'lost':
			return m.deals_status_lost();
		default:
			return status;
	}
}

// Digits of each currency (values travel in minor units) come from the one
// table the API validates with, so the two cannot drift apart.
export { currencyDigits };

/** The currencies the API accepts, until the registration form's own list (`GET /deals/form`) says otherwise. */
export const FALLBACK_CURRENCIES = CURRENCY_CODES;

/** 2500050 USD -> "$25,000.50" in the page's language. */
export function formatMoney(minor: number, currency: string): string {
	const digits = currencyDigits(currency);
	const major = minor / 10 ** digits;
	try {
		return new Intl.NumberFormat(getLocale(), {
			style: 'currency',
			currency,
			// Whole amounts without ",00"; any cents shown in full.
			minimumFractionDigits: minor % 10 ** digits === 0 ? 0 : digits,
			maximumFractionDigits: digits
		}).format(major);
	} catch {
		return `${formatNumber(major)} ${currency}`;
	}
}

/** A positive span as a short, translated duration: "45 min", "5 hr", "3 days". */
export function formatSpan(ms: number): string {
	const abs = Math.abs(ms);
	const [value, unit, display]: [number, string, 'short' | 'long'] =
		abs < HOUR
			? [Math.max(1, Math.round(abs / MINUTE)), 'minute', 'short']
			: abs < 48 * HOUR
				? [Math.round(abs / HOUR), 'hour', 'short']
				: [Math.round(abs / DAY), 'day', 'long'];
	return new Intl.NumberFormat(getLocale(), { style: 'unit', unit, unitDisplay: display }).format(value);
}

export interface Countdown {
	text: string;
	overdue: boolean;
}

/** The vendor's review deadline as "Due in 5 hr" / "Overdue by 2 hr". */
export function reviewCountdown(dueAt: number, now: number): Countdown {
	const left = dueAt - now;
	return left >= 0
		? { text: m.deals_due_in({ duration: formatSpan(left) }), overdue: false }
		: { text: m.deals_overdue_by({ duration: formatSpan(left) }), overdue: true };
}

/** "Protected for 23 more days" while an approved registration's window runs. */
export function protectionCountdown(expiresAt: number, now: number): string {
	const left = expiresAt - now;
	if (left <= DAY) return m.deals_protection_ends_soon({ duration: formatSpan(Math.max(left, MINUTE)) });
	const days = Math.floor(left / DAY);
	const count = formatNumber(days);
	return plural(days, () => m.deals_protected_days_one({ count }), () => m.deals_protected_days_other({ count }));
}

/** Whether the deal waits on the vendor's review (the SLA clock runs). */
export function awaitsReview(deal: Pick<Deal, 'status' | 'reviewDueAt'>): deal is Pick<Deal, 'status'> & { reviewDueAt: number } {
	return deal.status === 'submitted' && deal.reviewDueAt !== null;
}

export function conflictCount(count: number): string {
	const n = formatNumber(count);
	return plural(count, () => m.deals_conflict_count_one({ count: n }), () => m.deals_conflict_count_other({ count: n }));
}

/** A match is "protected" when the other registration is approved: it holds the customer now. */
export function isProtectedMatch(match: Pick<DealConflictMatch, 'status'>): boolean {
	return match.status === 'approved';
}

/**
 * Why this registration conflicts, for the partner, in one sentence. The
 * domain is the stronger signal, so it is the one named when both matched.
 */
export function conflictSentence(match: DealConflictMatch): string {
	const byDomain = match.reasons.includes('domain');
	if (match.sameOrganization) {
		const status = dealStatusLabel(match.status);
		return byDomain ? m.deals_conflict_own_domain({ status }) : m.deals_conflict_own_name({ status });
	}
	if (isProtectedMatch(match) && match.protectedUntil) {
		const date = formatDate(match.protectedUntil);
		return byDomain ? m.deals_conflict_domain_protected({ date }) : m.deals_conflict_name_protected({ date });
	}
	return byDomain ? m.deals_conflict_domain_pending() : m.deals_conflict_name_pending();
}

export function conflictReasonLabel(reason: string): string {
	switch (reason) {
		case 'domain':
			return m.deals_reason_domain();
		case 'name':
			return m.deals_reason_name();
		case 'products':
			return m.deals_reason_products();
		default:
			return reason;
	}
}

export function conflictReasons(match: Pick<DealConflictMatch, 'reasons'>): string {
	return listOf(match.reasons.map(conflictReasonLabel));
}

const text = (data: DealTimelineEntry['data'], key: string): string => {
	const value = data?.[key];
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
};

const num = (data: DealTimelineEntry['data'], key: string): number | null => {
	const value = data?.[key];
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

/**
 * One timeline entry in words: what happened and who did it. `people` names
 * the vendor staff a review was handed to (vendor pages know them; partners
 * read "a colleague").
 */
export function timelineText(entry: DealTimelineEntry, people: ReadonlyMap<string, string> = new Map()): string {
	const actor =
		entry.actor.name ?? (entry.actor.kind === 'system' ? m.deals_actor_system() : m.deals_actor_someone());
	switch (entry.kind) {
		case 'submitted':
			return m.deals_event_submitted({ actor });
		case 'draft_saved':
			return m.deals_event_draft_saved({ actor });
		case 'info_requested':
			return m.deals_event_info_requested({ actor });
		case 'resubmitted':
			return m.deals_event_resubmitted({ actor });
		case 'approved':
			return entry.data?.automatic === true ? m.deals_event_approved_automatic() : m.deals_event_approved({ actor });
		case 'rejected':
			return m.deals_event_rejected({ actor });
		case 'won':
			return m.deals_event_won({ actor });
		case 'lost':
			return m.deals_event_lost({ actor });
		case 'expiry_reminder':
			return m.deals_event_expiry_reminder();
		case 'expired':
			return m.deals_event_expired();
		case 'review_sla_breached':
			return m.deals_event_review_sla_breached();
		case 'approved_on_sla_breach':
			return m.deals_event_approved_on_sla_breach();
		case 'extension_requested':
			return m.deals_event_extension_requested({ actor });
		case 'extension_granted':
			return m.deals_event_extension_granted({ actor });
		case 'extension_denied':
			return m.deals_event_extension_denied({ actor });
		case 'reassigned': {
			const reviewer = people.get(text(entry.data, 'to'));
			return reviewer ? m.deals_event_reassigned({ actor, reviewer }) : m.deals_event_reassigned_colleague({ actor });
		}
		default:
			return m.deals_event_other({ actor, kind: entry.kind.replace(/_/g, ' ') });
	}
}

/** What the entry carries besides the fact: the words someone wrote, or the figures it set. */
export function timelineDetail(entry: DealTimelineEntry): { quote: string; note: string } {
	const data = entry.data;
	const quote = text(data, 'message') || text(data, 'reason') || text(data, 'note') || text(data, 'justification');
	let note = '';
	const expiresAt = num(data, 'expiresAt');
	if (expiresAt !== null) note = m.deals_protected_until({ date: formatDate(expiresAt) });
	const amount = num(data, 'amountMinor');
	const closedAt = num(data, 'closedAt');
	const currency = text(data, 'currency');
	if (entry.kind === 'won' && amount !== null && currency) {
		note = m.deals_won_summary({ amount: formatMoney(amount, currency), date: formatCalendarDate(closedAt) });
	}
	const changed = Array.isArray(data?.changed) ? data.changed.filter((f): f is string => typeof f === 'string') : [];
	if (changed.length > 0) {
		const names = changed.map((field) => FIELD_NAMES[field]?.() ?? field);
		note = m.deals_changed_fields({ fields: new Intl.ListFormat(getLocale(), { type: 'conjunction' }).format(names) });
	}
	return { quote, note };
}

/** The registration's fields by their API names, as the form labels them (a resubmission lists what it changed). */
const FIELD_NAMES: Record<string, () => string> = {
	customerName: m.deals_field_customer_name,
	customerDomain: m.deals_field_domain,
	contactName: m.deals_field_contact_name,
	contactEmail: m.deals_field_contact_email,
	country: m.deals_field_country,
	value: m.deals_field_value,
	currency: m.deals_field_currency,
	expectedCloseDate: m.deals_field_close_date,
	products: m.deals_field_products,
	notes: m.deals_field_notes,
	customFields: m.deals_section_program
};

/** Products typed one per line or separated by commas; blanks and repeats dropped. */
export function splitProducts(value: string): string[] {
	const seen = new Set<string>();
	const products: string[] = [];
	for (const part of value.split(/[,\n;]/)) {
		const product = part.trim();
		if (product && !seen.has(product.toLowerCase())) {
			seen.add(product.toLowerCase());
			products.push(product);
		}
	}
	return products;
}

/**
 * A calendar day the API keeps as UTC midnight (a close date, a won date) or
 * as `YYYY-MM-DD`: shown as that same day in every time zone.
 */
export function formatCalendarDate(value: number | string | null | undefined): string {
	if (value === null || value === undefined || value === '') return '';
	const at = typeof value === 'string' ? Date.parse(`${value}T00:00:00Z`) : value;
	if (Number.isNaN(at)) return String(value);
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}

/** 0.87 -> "87 %" in the page's language. */
export function formatShare(value: number): string {
	return new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** The steps a deal's page offers; each is a form action of the same name. */
export type DealAction =
	| 'approve'
	| 'reject'
	| 'requestInfo'
	| 'resubmit'
	| 'won'
	| 'lost'
	| 'comment'
	| 'extension'
	| 'extensionDecision'
	| 'reassign';

/** What the page says once a step has been taken. */
export function doneMessage(action: DealAction): string {
	switch (action) {
		case 'approve':
			return m.deals_done_approve();
		case 'reject':
			return m.deals_done_reject();
		case 'requestInfo':
			return m.deals_done_request_info();
		case 'resubmit':
			return m.deals_done_resubmit();
		case 'won':
			return m.deals_done_won();
		case 'lost':
			return m.deals_done_lost();
		case 'comment':
			return m.deals_done_comment();
		case 'extension':
			return m.deals_done_extension();
		case 'extensionDecision':
			return m.deals_done_extension_decision();
		case 'reassign':
			return m.deals_done_reassign();
	}
}

/** Why the API refused a step on a deal, for the refusals it names with a code; null for any other. */
export function refusalMessage(code: string): string | null {
	switch (code) {
		case 'illegal_transition':
			return m.deals_error_illegal_transition();
		case 'conflict_protected':
			// The deal page's conflict comparison shows until when the other registration is protected.
			return m.deals_error_conflict_protected();
		case 'extension_limit':
			return m.deals_error_extension_limit();
		case 'extension_pending':
			return m.deals_error_extension_pending();
		case 'already_decided':
			return m.deals_error_extension_decided();
		case 'extension_changed':
			return m.deals_error_changed();
		default:
			return null;
	}
}

export type BulkDecision = 'approve' | 'reject';

/** "3 registrations approved." */
export function bulkDoneText(decision: BulkDecision, count: number): string {
	const n = formatNumber(count);
	return decision === 'approve'
		? plural(count, () => m.deals_bulk_approved_one({ count: n }), () => m.deals_bulk_approved_other({ count: n }))
		: plural(count, () => m.deals_bulk_rejected_one({ count: n }), () => m.deals_bulk_rejected_other({ count: n }));
}

/** "1 could not be approved:", before the list of which and why. */
export function bulkFailedText(decision: BulkDecision, count: number): string {
	const n = formatNumber(count);
	return decision === 'approve'
		? plural(count, () => m.deals_bulk_not_approved_one({ count: n }), () => m.deals_bulk_not_approved_other({ count: n }))
		: plural(count, () => m.deals_bulk_not_rejected_one({ count: n }), () => m.deals_bulk_not_rejected_other({ count: n }));
}

export function selectedCount(count: number): string {
	const n = formatNumber(count);
	return plural(count, () => m.deals_bulk_selected_one({ count: n }), () => m.deals_bulk_selected_other({ count: n }));
}

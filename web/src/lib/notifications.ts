// A notification's sentence in the reader's language, from its kind and the
// facts the API stored with it (never stored text), and the bell's wording.
import type { Notification } from '$lib/api-types';
import { formatDate, formatNumber } from '$lib/format';
import { m } from '$lib/paraglide/messages';

/** Above this the badge says "99+". */
const BADGE_MAX = 99;

export function notificationSentence(n: Notification): string {
	const customer = n.data.customerName ?? '—';
	const partner = n.data.partnerName ?? m.notifications_someone();
	const actor = n.data.actorName ?? m.notifications_someone();
	const date = formatDate(n.data.date);
	switch (n.kind) {
		case 'deal.approved':
			return date ? m.notification_deal_approved_until({ customer, date }) : m.notification_deal_approved({ customer });
		case 'deal.rejected':
			return m.notification_deal_rejected({ customer });
		case 'deal.info_requested':
			return m.notification_deal_info_requested({ customer });
		case 'deal.extension_granted':
			return m.notification_deal_extension_granted({ customer, date });
		case 'deal.extension_denied':
			return m.notification_deal_extension_denied({ customer });
		case 'deal.expiring':
			return m.notification_deal_expiring({ customer, date });
		case 'deal.expired':
			return m.notification_deal_expired({ customer });
		case 'deal.submitted':
			return m.notification_deal_submitted({ customer, partner });
		case 'deal.resubmitted':
			return m.notification_deal_resubmitted({ customer, partner });
		case 'deal.extension_requested':
			return m.notification_deal_extension_requested({ customer, partner });
		case 'deal.review_overdue':
			return m.notification_deal_review_overdue({ customer, partner });
		case 'deal.review_assigned':
			return m.notification_deal_review_assigned({ customer, partner, actor });
		case 'deal.commented':
			return m.notification_deal_commented({ customer, actor });
		case 'deal.won':
			return m.notification_deal_won({ customer });
		case 'deal.lost':
			return m.notification_deal_lost({ customer });
		default:
			return m.notification_deal_other({ customer });
	}
}

/** The badge's text: the count, or "99+". */
export function unreadBadge(count: number): string {
	return count > BADGE_MAX ? `${formatNumber(BADGE_MAX)}+` : formatNumber(count);
}

/** The bell's accessible name: "Notifications, 3 unread". */
export function bellLabel(count: number): string {
	if (count <= 0) return m.notifications_bell();
	if (count > BADGE_MAX) return m.notifications_bell_many();
	return m.notifications_bell_unread({ count: formatNumber(count) });
}

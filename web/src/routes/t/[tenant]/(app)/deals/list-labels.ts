// Words for the deal list's views and orders, shared by the list page and its sections.
import { m } from '$lib/paraglide/messages';
import type { DealSort, DealView } from './filters';
import { dealStatusLabel } from './labels';

export function viewLabel(view: DealView): string {
	if (view === 'all') return m.deals_view_all();
	if (view === 'expiring') return m.deals_view_expiring();
	return dealStatusLabel(view);
}

export function sortLabel(sort: DealSort): string {
	switch (sort) {
		case 'newest':
			return m.deals_sort_newest();
		case 'review_due':
			return m.deals_sort_review_due();
		case 'expires':
			return m.deals_sort_expires();
	}
}

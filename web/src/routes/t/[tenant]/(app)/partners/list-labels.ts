// Words for the partner list's orders: its column headers and its sort choice.
import { m } from '$lib/paraglide/messages';
import type { PartnerSort } from './filters';

export function sortName(sort: PartnerSort): string {
	switch (sort) {
		case 'name':
			return m.partners_col_name();
		case 'created':
			return m.partners_col_created();
		case 'status':
			return m.partners_col_status();
		case 'tier':
			return m.partners_col_tier();
	}
}

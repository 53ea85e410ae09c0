// What the partner pages show for the API's codes and numbers, in the page's
// language: statuses, types, sizes, countries, metrics, activity entries,
// relative times and counts. Used by the partner pages and the company page.
import type { PartnerActivity, PartnerOrgDetail } from '$lib/api-schema.gen';
import { formatNumber } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { roleLabel } from '$lib/roles';
import { COUNTRY_CODES } from './countries';
import type { PartnerStatus, PartnerType } from './filters';

export type CompanySize = NonNullable<PartnerOrgDetail['size']>;
export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1001+'] as const satisfies readonly CompanySize[];

/**
 * The moves the API allows from each status (its PARTNER_TRANSITIONS), to
 * offer only those; the API still decides and answers 412 otherwise.
 */
export const NEXT_STATUSES: Record<PartnerStatus, readonly PartnerStatus[]> = {
	applicant: ['onboarding'],
	onboarding: ['active', 'offboarded'],
	active: ['suspended', 'offboarded'],
	suspended: ['active', 'offboarded'],
	offboarded: []
};

/** Moves that sign the organization's people out: they need a reason and a confirmation. */
export const DESTRUCTIVE_STATUSES: readonly PartnerStatus[] = ['suspended', 'offboarded'];

export function statusLabel(status: string): string {
	switch (status) {
		case 'applicant':
			return m.partners_status_applicant();
		case 'onboarding':
			return m.partners_status_onboarding();
		case 'active':
			return m.partners_status_active();
		case 'suspended':
			return m.partners_status_suspended();
		case 'offboarded':
			return m.partners_status_offboarded();
		default:
			return status;
	}
}

/** The button that moves a partner to `to` (from `from`). */
export function transitionLabel(from: PartnerStatus, to: PartnerStatus): string {
	switch (to) {
		case 'onboarding':
			return m.partners_move_onboarding();
		case 'active':
			return from === 'suspended' ? m.partners_move_reactivate() : m.partners_move_active();
		case 'suspended':
			return m.partners_move_suspend();
		case 'offboarded':
			return m.partners_move_offboard();
		default:
			return statusLabel(to);
	}
}

export function typeLabel(type: PartnerType | string | null | undefined): string {
	switch (type) {
		case 'reseller':
			return m.partners_type_reseller();
		case 'referral':
			return m.partners_type_referral();
		case 'msp':
			return m.partners_type_msp();
		case 'systems_integrator':
			return m.partners_type_systems_integrator();
		case 'technology':
			return m.partners_type_technology();
		default:
			return type ?? '';
	}
}

export function sizeLabel(size: string | null | undefined): string {
	if (!size) return '';
	if (size === '1001+') return m.partners_size_over({ count: formatNumber(1000) });
	const [from, to] = size.split('-').map(Number);
	if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to)) return size;
	return m.partners_size_range({ from: formatNumber(from), to: formatNumber(to) });
}

let regionNames: { locale: string; names: Intl.DisplayNames | null } | null = null;

/** "DE" -> "Germany" (or "Allemagne"...), in the page's language. */
export function countryName(code: string | null | undefined): string {
	if (!code) return '';
	const locale = getLocale();
	if (regionNames?.locale !== locale) {
		let names: Intl.DisplayNames | null = null;
		try {
			names = new Intl.DisplayNames([locale], { type: 'region' });
		} catch {
			names = null;
		}
		regionNames = { locale, names };
	}
	try {
		return regionNames.names?.of(code) ?? code;
	} catch {
		return code;
	}
}

/** Every ISO 3166-1 country, by name in the page's language. */
export function countryOptions(): { code: string; name: string }[] {
	const locale = getLocale();
	return COUNTRY_CODES.map((code) => ({ code, name: countryName(code) })).sort((a, b) =>
		a.name.localeCompare(b.name, locale)
	);
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** Picks the singular or plural message for a count, by the language's plural rules. */
export function plural(count: number, one: () => string, other: () => string): string {
	const locale = getLocale();
	let rules = pluralRules.get(locale);
	if (!rules) {
		rules = new Intl.PluralRules(locale);
		pluralRules.set(locale, rules);
	}
	return rules.select(count) === 'one' ? one() : other();
}

export function partnerCount(count: number): string {
	const n = formatNumber(count);
	return plural(count, () => m.partners_count_one({ count: n }), () => m.partners_count_other({ count: n }));
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
	['second', 60],
	['minute', 60],
	['hour', 24],
	['day', 7],
	['week', 4.345],
	['month', 12],
	['year', Number.POSITIVE_INFINITY]
];

/** "3 minutes ago", "yesterday", in the page's language. */
export function relativeTime(at: number, now = Date.now()): string {
	let value = (at - now) / 1000;
	const format = new Intl.RelativeTimeFormat(getLocale(), { numeric: 'auto' });
	for (const [unit, size] of RELATIVE_STEPS) {
		if (Math.abs(value) < size) return format.format(Math.round(value), unit);
		value /= size;
	}
	return format.format(Math.round(value), 'year');
}

export function metricLabel(metric: string): string {
	switch (metric) {
		case 'won_revenue_12m':
			return m.partners_metric_won_revenue_12m();
		case 'won_deals_12m':
			return m.partners_metric_won_deals_12m();
		case 'registered_deals_12m':
			return m.partners_metric_registered_deals_12m();
		case 'active_certifications':
			return m.partners_metric_active_certifications();
		default:
			return metric.startsWith('custom:') ? metric.slice('custom:'.length).replace(/[_-]+/g, ' ') : metric;
	}
}

/** Money metrics are in minor units (cents); counts are whole numbers. */
export function metricValue(metric: string, value: number): string {
	if (metric === 'won_revenue_12m') {
		return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 0 }).format(value / 100);
	}
	return formatNumber(value);
}

/** The profile's fields by the API's names (also the names in `profile.missing` and activity entries). */
export function profileFieldLabel(field: string): string {
	switch (field) {
		case 'name':
			return m.partners_name_label();
		case 'legalName':
		case 'legal_name':
			return m.partners_field_legal_name();
		case 'websiteDomain':
		case 'website_domain':
			return m.partners_field_website();
		case 'country':
			return m.partners_field_country();
		case 'region':
			return m.partners_field_region();
		case 'partnerType':
		case 'partner_type':
			return m.partners_field_type();
		case 'industries':
			return m.partners_field_industries();
		case 'products':
			return m.partners_field_products();
		case 'size':
			return m.partners_field_size();
		case 'address':
			return m.partners_field_address();
		case 'address.line1':
			return m.partners_address_line1();
		case 'address.line2':
			return m.partners_address_line2();
		case 'address.city':
			return m.partners_address_city();
		case 'address.postalCode':
			return m.partners_address_postal_code();
		case 'address.state':
			return m.partners_address_state();
		case 'address.country':
			return m.partners_address_country();
		case 'logoUrl':
			return m.partners_field_logo_url();
		case 'ownerId':
			return m.partners_field_owner();
		case 'status':
			return m.partners_col_status();
		default:
			return field;
	}
}

export function listOf(items: string[]): string {
	try {
		return new Intl.ListFormat(getLocale(), { type: 'conjunction' }).format(items);
	} catch {
		return items.join(', ');
	}
}

/**
 * A field error from the API (profile edit or CSV import row) in the page's
 * language, by field and code; the API's English words are the fallback.
 */
export function partnerFieldError(field: string, code: string | undefined, message: string): string {
	const name = field.split('.').find((part) => part !== 'address' && !/^\d+$/.test(part)) ?? field;
	switch (code) {
		case 'required':
			return m.field_required();
		case 'duplicate':
			return name === 'website_domain' || name === 'websiteDomain'
				? m.partners_error_duplicate_domain()
				: m.partners_error_duplicate_name();
		case 'too_big':
			return /^(industries|products)$/.test(name) && !/\.\d+$/.test(field)
				? m.partners_error_too_many_labels()
				: m.field_too_long();
		case 'too_small':
			return m.field_too_short();
		case 'invalid_owner':
			return m.partners_error_owner();
		case 'invalid_value':
			if (name === 'status') return m.partners_error_status_value();
			if (name === 'partner_type' || name === 'partnerType') return m.partners_error_type_value();
			if (name === 'size') return m.partners_error_size_value();
			return message;
		case 'invalid_format':
		case 'custom':
			if (name === 'website_domain' || name === 'websiteDomain') return m.partners_error_domain();
			if (name === 'country') return m.partners_error_country();
			if (name === 'logoUrl') return m.partners_error_logo_url();
			return message;
		default:
			return message;
	}
}

type ActivityData = Record<string, unknown> | null;

const text = (data: ActivityData, key: string): string => {
	const value = data?.[key];
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
};

/** One line of a partner's history: who did what. */
export function activityText(entry: PartnerActivity): string {
	const actor = entry.actor.name ?? (entry.actor.kind === 'system' ? m.partners_activity_system() : m.partners_activity_someone());
	const data = entry.data;
	switch (entry.action) {
		case 'partner_org.created': {
			const source = text(data, 'source');
			if (source === 'import') return m.partners_activity_imported({ actor });
			if (source === 'application') return m.partners_activity_from_application({ actor });
			return m.partners_activity_created({ actor });
		}
		case 'partner_org.profile_updated': {
			const changed = data?.changed && typeof data.changed === 'object' ? Object.keys(data.changed) : [];
			return changed.length > 0
				? m.partners_activity_profile_fields({ actor, fields: listOf(changed.map(profileFieldLabel)) })
				: m.partners_activity_profile({ actor });
		}
		case 'partner_org.status_changed':
			return m.partners_activity_status({
				actor,
				from: statusLabel(text(data, 'from')),
				to: statusLabel(text(data, 'to'))
			});
		case 'partner_metric.set': {
			const metric = text(data, 'metric');
			const value = Number(text(data, 'value'));
			return m.partners_activity_metric({
				actor,
				metric: metricLabel(metric),
				value: Number.isFinite(value) ? metricValue(metric, value) : text(data, 'value')
			});
		}
		case 'onboarding.completed':
			return m.partners_activity_onboarding_completed();
		case 'user.invited':
			return m.partners_activity_invited({ actor, email: text(data, 'email') });
		case 'user.invitation_revoked':
			return m.partners_activity_invitation_revoked({ actor });
		case 'user.invitation_accepted':
			return m.partners_activity_invitation_accepted({ actor });
		case 'user.role_changed':
			return m.partners_activity_role_changed({
				actor,
				email: text(data, 'email'),
				from: roleLabel(text(data, 'from')),
				to: roleLabel(text(data, 'to'))
			});
		case 'user.removed':
			return m.partners_activity_member_removed({ actor, email: text(data, 'email') });
		case 'user.restored':
			return m.partners_activity_member_restored({ actor, email: text(data, 'email') });
		case 'auth.password_reset_requested':
			return m.partners_activity_password_reset({ actor });
		default:
			return m.partners_activity_other({ actor, action: entry.action });
	}
}

/** The reason given with a status change, if any. */
export function activityReason(entry: PartnerActivity): string {
	return entry.action === 'partner_org.status_changed' ? text(entry.data, 'reason') : '';
}

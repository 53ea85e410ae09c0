// How the partner program reads in words: metric names, amounts in the
// tenant's currency, criteria ("Won revenue (12 months) at least $100,000"),
// progress ("$40,000 of $100,000 won revenue") and benefits. Shared by the
// vendor's program pages and the partner's own tier page so both say the same.
import type { CriterionProgress, TierBenefits, TierCriterion } from '$lib/api-schema.gen';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

/**
 * Tenants have no currency setting yet; every amount in the product is in
 * USD minor units (cents) until they do. Change it here when they get one.
 */
export const PROGRAM_CURRENCY = 'USD';

export const COMPUTED_METRICS = [
	'won_revenue_12m',
	'won_deals_12m',
	'registered_deals_12m',
	'active_certifications'
] as const;
export type ComputedMetric = (typeof COMPUTED_METRICS)[number];

export const CUSTOM_PREFIX = 'custom:';
/** A custom metric's key, the part after `custom:` (the API's rule). */
export const CUSTOM_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
/** The same rule for an <input pattern> (compiled with the `v` flag). */
export const CUSTOM_KEY_INPUT_PATTERN = '[a-z][a-z0-9_]{0,39}';

export function isComputedMetric(metric: string): metric is ComputedMetric {
	return (COMPUTED_METRICS as readonly string[]).includes(metric);
}

/** Money metrics are stored in minor units of the tenant's currency. */
export function isMoneyMetric(metric: string): boolean {
	return metric === 'won_revenue_12m';
}

/** Digits after the decimal point of the currency: 2 for USD, 0 for JPY. */
export function currencyDigits(currency: string = PROGRAM_CURRENCY): number {
	return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function minorToMajor(minor: number): number {
	return minor / 10 ** currencyDigits();
}

export function majorToMinor(major: number): number {
	return Math.round(major * 10 ** currencyDigits());
}

/** An amount in minor units as currency; whole amounts without cents ("$100,000"). */
export function formatMoney(minor: number): string {
	const digits = currencyDigits();
	const major = minor / 10 ** digits;
	return new Intl.NumberFormat(getLocale(), {
		style: 'currency',
		currency: PROGRAM_CURRENCY,
		minimumFractionDigits: Number.isInteger(major) ? 0 : digits,
		maximumFractionDigits: digits
	}).format(major);
}

/** The currency's symbol in the current language, for labels ("Minimum ($)"). */
export function currencySymbol(): string {
	const part = new Intl.NumberFormat(getLocale(), { style: 'currency', currency: PROGRAM_CURRENCY })
		.formatToParts(0)
		.find((p) => p.type === 'currency');
	return part?.value ?? PROGRAM_CURRENCY;
}

export function formatCount(value: number): string {
	return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 2 }).format(value);
}

/** 12.5 -> "12.5%" in the current language's way. */
export function formatPercent(pct: number): string {
	return new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 2 }).format(pct / 100);
}

export function customKeyOf(metric: string): string {
	return metric.startsWith(CUSTOM_PREFIX) ? metric.slice(CUSTOM_PREFIX.length) : metric;
}

export function metricLabel(metric: string): string {
	switch (metric) {
		case 'won_revenue_12m':
			return m.program_metric_won_revenue_12m();
		case 'won_deals_12m':
			return m.program_metric_won_deals_12m();
		case 'registered_deals_12m':
			return m.program_metric_registered_deals_12m();
		case 'active_certifications':
			return m.program_metric_active_certifications();
		default:
			return m.program_metric_custom({ key: customKeyOf(metric) });
	}
}

export function metricValue(metric: string, value: number): string {
	return isMoneyMetric(metric) ? formatMoney(value) : formatCount(value);
}

export function criterionText(criterion: TierCriterion): string {
	return m.program_criterion_at_least({
		metric: metricLabel(criterion.metric),
		value: metricValue(criterion.metric, criterion.min)
	});
}

/** "$40,000 of $100,000 won revenue", "1 of 2 certifications". */
export function progressText(progress: Pick<CriterionProgress, 'metric' | 'min' | 'actual'>): string {
	const actual = metricValue(progress.metric, progress.actual);
	const min = metricValue(progress.metric, progress.min);
	switch (progress.metric) {
		case 'won_revenue_12m':
			return m.program_progress_won_revenue({ actual, min });
		case 'won_deals_12m':
			return m.program_progress_won_deals({ actual, min });
		case 'registered_deals_12m':
			return m.program_progress_registered_deals({ actual, min });
		case 'active_certifications':
			return m.program_progress_certifications({ actual, min });
		default:
			return m.program_progress_custom({ actual, min, key: customKeyOf(progress.metric) });
	}
}

export function contentVisibilityLabel(value: TierBenefits['contentVisibility']): string {
	switch (value) {
		case 'public':
			return m.program_visibility_public();
		case 'partner':
			return m.program_visibility_partner();
		case 'tier_only':
			return m.program_visibility_tier_only();
	}
}

/** A tier's benefits as sentences, in a fixed order. */
export function benefitLines(benefits: TierBenefits): { key: keyof TierBenefits; text: string }[] {
	return [
		{
			key: 'dealProtectionDays',
			text:
				benefits.dealProtectionDays > 0
					? m.program_benefit_protection_days({ days: formatCount(benefits.dealProtectionDays) })
					: m.program_benefit_protection_default()
		},
		{
			key: 'registrationDiscountPct',
			text:
				benefits.registrationDiscountPct > 0
					? m.program_benefit_discount({ pct: formatPercent(benefits.registrationDiscountPct) })
					: m.program_benefit_no_discount()
		},
		{
			key: 'mdfEligible',
			text: benefits.mdfEligible ? m.program_benefit_mdf_yes() : m.program_benefit_mdf_no()
		},
		{
			key: 'coopAccrualPct',
			text:
				benefits.coopAccrualPct > 0
					? m.program_benefit_coop({ pct: formatPercent(benefits.coopAccrualPct) })
					: m.program_benefit_no_coop()
		},
		{
			key: 'leadPriorityWeight',
			text: m.program_benefit_lead_weight({ weight: formatCount(benefits.leadPriorityWeight) })
		},
		{ key: 'contentVisibility', text: contentVisibilityLabel(benefits.contentVisibility) }
	];
}

export type RuleKind = 'deal_registration' | 'leads' | 'mdf' | 'tier_policy';
export const RULE_KINDS: readonly RuleKind[] = ['deal_registration', 'leads', 'mdf', 'tier_policy'];

export function ruleKindLabel(kind: RuleKind): string {
	switch (kind) {
		case 'deal_registration':
			return m.program_rules_kind_deal_registration();
		case 'leads':
			return m.program_rules_kind_leads();
		case 'mdf':
			return m.program_rules_kind_mdf();
		case 'tier_policy':
			return m.program_rules_kind_tier_policy();
	}
}

export function directionLabel(direction: 'promotion' | 'demotion' | 'initial'): string {
	switch (direction) {
		case 'promotion':
			return m.program_direction_promotion();
		case 'demotion':
			return m.program_direction_demotion();
		case 'initial':
			return m.program_direction_initial();
	}
}

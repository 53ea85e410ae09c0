// Program forms name their inputs by the API's own field paths
// (`benefits.dealProtectionDays`, `criteria.0.min`, `customFields.2.options`),
// so the API's field errors land beside the input they are about. This module
// holds the numeric ranges those inputs take (for `min`/`max` and for
// translated messages), and words the API's field errors (`problemToForm` in
// $lib/server/problems places them).
import type { ProblemFieldError } from '$lib/api-types';
import { formatNumber } from '$lib/format';
import { m } from '$lib/paraglide/messages';

/** A form's values or errors by field path; checkboxes are "true" or "". */
export type FlatValues = Record<string, string>;

export interface NumberRule {
	min: number;
	max: number;
	integer: boolean;
}

const int = (min: number, max: number): NumberRule => ({ min, max, integer: true });
const real = (min: number, max: number): NumberRule => ({ min, max, integer: false });

/**
 * The ranges the API accepts, by field path with list indexes left out.
 * The API has the final word; these give the browser its `min`/`max` and
 * the portal a message in the reader's language.
 */
export const NUMBER_RULES: Record<string, NumberRule> = {
	// Tiers
	rank: int(0, 10_000),
	'benefits.dealProtectionDays': int(0, 365),
	'benefits.registrationDiscountPct': real(0, 100),
	'benefits.coopAccrualPct': real(0, 100),
	'benefits.leadPriorityWeight': int(0, 100),
	'criteria.min': real(0, 1e15),
	// Deal registration
	'autoApprove.minTierRank': int(0, 10_000),
	'autoApprove.maxValueMinor': int(0, Number.MAX_SAFE_INTEGER),
	defaultProtectionDays: int(1, 365),
	'extensions.maxExtensions': int(0, 10),
	'extensions.daysEach': int(1, 180),
	reviewSlaHours: int(1, 720),
	// Leads
	acceptSlaHours: int(1, 720),
	firstContactSlaHours: int(1, 720),
	maxOpenLeadsPerPartner: int(1, 10_000),
	// MDF
	requestLeadTimeDays: int(0, 365),
	claimDeadlineDays: int(1, 365),
	// Tier policy
	demotionGraceDays: int(0, 365)
};

/** "criteria.3.min" -> "criteria.min". */
export function rulePath(path: string): string {
	return path
		.split('.')
		.filter((part) => !/^\d+$/.test(part))
		.join('.');
}

export function numberRule(path: string): NumberRule | undefined {
	return NUMBER_RULES[rulePath(path)];
}

function rangeMessage(rule: NumberRule, code: 'too_small' | 'too_big'): string {
	if (rule.max >= 1e15) return code === 'too_big' ? m.program_field_too_big() : m.program_field_min({ min: formatNumber(rule.min) });
	return m.program_field_range({ min: formatNumber(rule.min), max: formatNumber(rule.max) });
}

/**
 * Reads a number typed into a form. Returns the number, or the message to
 * show beside the field when it is missing or not a number of the right kind.
 */
export function readNumber(raw: string, path: string): { value: number } | { error: string } {
	const text = raw.trim();
	if (!text) return { error: m.field_required() };
	const value = Number(text);
	if (!Number.isFinite(value)) return { error: m.program_field_number() };
	const rule = numberRule(path);
	if (rule?.integer && !Number.isInteger(value)) return { error: m.program_field_whole_number() };
	return { value };
}

/** The API's field error in the reader's language; the API's English words as a last resort. */
export function programFieldMessage(fieldError: ProblemFieldError): string {
	const path = rulePath(fieldError.field.replace(/^\/+/, '').replace(/\//g, '.'));
	const rule = NUMBER_RULES[path];
	switch (fieldError.code) {
		case 'required':
			return m.field_required();
		case 'taken':
			return path === 'rank' ? m.tier_rank_taken() : fieldError.message;
		case 'too_small':
		case 'too_big':
			if (rule) return rangeMessage(rule, fieldError.code);
			return fieldError.code === 'too_big' ? m.field_too_long() : m.field_too_short();
		case 'invalid_type':
			if (rule) return rule.integer ? m.program_field_whole_number() : m.program_field_number();
			return m.field_required();
		case 'invalid_format':
			if (path === 'color') return m.tier_color_invalid();
			if (path === 'customFields.key') return m.program_rules_field_key_invalid();
			return fieldError.message;
		case 'invalid_union':
		case 'invalid_value':
			if (path === 'criteria.metric') return m.tier_criterion_metric_invalid();
			if (path === 'moveToTierId') return m.tier_archive_target_invalid();
			return fieldError.message;
		case 'stale':
			return m.program_rules_conflict();
		default:
			return fieldError.message;
	}
}

/** Ids for a field's error and hint paragraphs, safe in an id attribute. */
export function fieldId(prefix: string, path: string): string {
	return `${prefix}-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

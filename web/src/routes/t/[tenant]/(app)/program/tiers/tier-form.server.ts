// Reads the tier form into the API's CreateTierInput. Inputs are named by
// API field path; criterion rows the person left empty are dropped and the
// rest renumbered, so `criteria.N` means the same row to the API, to the
// errors it returns and to the form drawn again after a failure.
import type { CreateTierInput, TierBenefits, TierCriterion } from '$lib/api-schema.gen';
import { readNumber, type FlatValues } from '$lib/components/program/program-fields';
import {
	CUSTOM_KEY_PATTERN,
	CUSTOM_PREFIX,
	isComputedMetric,
	isMoneyMetric,
	majorToMinor
} from '$lib/components/program/program-text';
import { m } from '$lib/paraglide/messages';
import { formText } from '$lib/server/problems';

/** The API takes at most this many criteria per tier. */
export const MAX_CRITERIA = 10;
const COLOR = /^#[0-9a-fA-F]{6}$/;
const VISIBILITIES = ['public', 'partner', 'tier_only'] as const;

export interface TierFormRead {
	id: string;
	values: FlatValues;
	errors: FlatValues;
	input: CreateTierInput | null;
}

/**
 * The colour comes from a colour picker and a text box. With JavaScript they
 * stay in step; without it, whichever one the person changed wins.
 */
function readColor(data: FormData): string {
	const text = formText(data, 'color');
	const picker = formText(data, 'colorPicker');
	const before = formText(data, 'colorBefore');
	if (picker && picker.toLowerCase() !== before.toLowerCase() && text.toLowerCase() === before.toLowerCase()) {
		return picker.toLowerCase();
	}
	return text.toLowerCase();
}

export function readTierForm(data: FormData): TierFormRead {
	const values: FlatValues = {};
	const errors: FlatValues = {};
	const id = formText(data, 'id');

	values.name = formText(data, 'name');
	if (!values.name) errors.name = m.field_required();
	else if (values.name.length > 60) errors.name = m.field_too_long();

	values.rank = formText(data, 'rank');
	const rank = readNumber(values.rank, 'rank');
	if ('error' in rank) errors.rank = rank.error;

	values.color = readColor(data);
	if (!COLOR.test(values.color)) errors.color = m.tier_color_invalid();

	const numbers = {} as Record<'dealProtectionDays' | 'registrationDiscountPct' | 'coopAccrualPct' | 'leadPriorityWeight', number>;
	for (const key of ['dealProtectionDays', 'registrationDiscountPct', 'coopAccrualPct', 'leadPriorityWeight'] as const) {
		const path = `benefits.${key}`;
		values[path] = formText(data, path);
		const read = readNumber(values[path], path);
		if ('error' in read) errors[path] = read.error;
		else numbers[key] = read.value;
	}
	values['benefits.mdfEligible'] = formText(data, 'benefits.mdfEligible') === 'true' ? 'true' : '';
	const visibility = formText(data, 'benefits.contentVisibility');
	values['benefits.contentVisibility'] = visibility;
	const contentVisibility = VISIBILITIES.find((v) => v === visibility);
	if (!contentVisibility) errors['benefits.contentVisibility'] = m.field_required();

	// Rows as submitted, in order; empty ones are ignored.
	const criteria: TierCriterion[] = [];
	const rowMetrics: (string | null)[] = [];
	let row = 0;
	for (let i = 0; i < 50; i++) {
		const metric = formText(data, `criteria.${i}.metric`);
		const customKey = formText(data, `criteria.${i}.customKey`).toLowerCase();
		const min = formText(data, `criteria.${i}.min`);
		if (!data.has(`criteria.${i}.metric`) && !data.has(`criteria.${i}.min`)) continue;
		if (!metric && !min && !customKey) continue;
		const at = `criteria.${row}`;
		values[`${at}.metric`] = metric;
		values[`${at}.customKey`] = customKey;
		values[`${at}.min`] = min;
		row++;

		let name: string | null = null;
		rowMetrics.push(null);
		if (!metric) errors[`${at}.metric`] = m.tier_criterion_metric_required();
		else if (metric === 'custom') {
			if (!customKey) errors[`${at}.metric`] = m.tier_criterion_custom_key_required();
			else if (!CUSTOM_KEY_PATTERN.test(customKey)) errors[`${at}.metric`] = m.program_rules_field_key_invalid();
			else name = CUSTOM_PREFIX + customKey;
		} else if (isComputedMetric(metric)) name = metric;
		else errors[`${at}.metric`] = m.tier_criterion_metric_invalid();

		const read = readNumber(min, 'criteria.min');
		if ('error' in read) errors[`${at}.min`] = read.error;
		else if (read.value < 0) errors[`${at}.min`] = m.program_field_min({ min: '0' });
		else if (name) criteria.push({ metric: name, min: isMoneyMetric(name) ? majorToMinor(read.value) : read.value });
		rowMetrics[row - 1] = name;
	}
	if (row > MAX_CRITERIA) errors.criteria = m.tier_criteria_too_many({ max: String(MAX_CRITERIA) });
	rowMetrics.forEach((metric, i) => {
		if (metric && rowMetrics.indexOf(metric) !== i) errors[`criteria.${i}.metric`] ??= m.tier_criterion_duplicate();
	});

	if (Object.keys(errors).length > 0 || 'error' in rank || !contentVisibility) {
		return { id, values, errors, input: null };
	}
	const benefits: TierBenefits = {
		...numbers,
		mdfEligible: values['benefits.mdfEligible'] === 'true',
		contentVisibility
	};
	return {
		id,
		values,
		errors,
		input: { name: values.name, rank: rank.value, color: values.color, benefits, criteria }
	};
}

/** Every input the tier form has, for placing the API's field errors. */
export function isTierField(path: string): boolean {
	return (
		['name', 'rank', 'color', 'criteria'].includes(path) ||
		/^benefits\.(dealProtectionDays|registrationDiscountPct|mdfEligible|coopAccrualPct|leadPriorityWeight|contentVisibility)$/.test(path) ||
		/^criteria\.\d+\.(metric|min)$/.test(path)
	);
}

// Reads each rules form into the API's document for its kind. Inputs are
// named by the document's own field paths (`extensions.daysEach`,
// `customFields.2.options`); custom field rows left empty are dropped and the
// rest renumbered, so `customFields.N` means the same row to the API, to its
// errors and to the form drawn again after a failure.
import type { DealCustomField, DealRegistrationRules, LeadRules, MdfRules, TierPolicy } from '$lib/api-schema.gen';
import { readNumber, type FlatValues } from '$lib/components/program/program-fields';
import { majorToMinor, type RuleKind } from '$lib/components/program/program-text';
import { m } from '$lib/paraglide/messages';
import { formText } from '$lib/server/problems';

export type RulesDocument = DealRegistrationRules | LeadRules | MdfRules | TierPolicy;

export interface RulesFormRead {
	values: FlatValues;
	errors: FlatValues;
	rules: RulesDocument | null;
}

export const CONFLICT_POLICIES = ['first_approved_wins', 'vendor_decides', 'block_duplicates'] as const;
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'select'] as const;
export const LEAD_STRATEGIES = ['round_robin', 'weighted', 'territory', 'manual'] as const;
export const FUND_PERIODS = ['quarter', 'half', 'year'] as const;
export const PROOF_TYPES = ['invoice', 'photo', 'attendee_list', 'screenshot', 'report'] as const;
export const POLICY_MODES = ['automatic', 'review'] as const;
const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;

class Reader {
	values: FlatValues = {};
	errors: FlatValues = {};
	constructor(private data: FormData) {}

	text(path: string, from = path): string {
		const value = formText(this.data, from);
		this.values[path] = value;
		return value;
	}

	flag(path: string, from = path): boolean {
		const on = formText(this.data, from) === 'true';
		this.values[path] = on ? 'true' : '';
		return on;
	}

	number(path: string): number | undefined {
		const read = readNumber(this.text(path), path);
		if ('error' in read) {
			this.errors[path] = read.error;
			return undefined;
		}
		return read.value;
	}

	choice<T extends string>(path: string, options: readonly T[]): T | undefined {
		const value = this.text(path);
		const found = options.find((option) => option === value);
		if (!found) this.errors[path] = m.field_required();
		return found;
	}

	done(rules: RulesDocument): RulesFormRead {
		return Object.keys(this.errors).length > 0
			? { values: this.values, errors: this.errors, rules: null }
			: { values: this.values, errors: this.errors, rules };
	}
}

function readCustomFields(r: Reader, data: FormData): DealCustomField[] {
	const fields: DealCustomField[] = [];
	let row = 0;
	for (let i = 0; i < 100; i++) {
		if (!data.has(`customFields.${i}.key`)) continue;
		const key = formText(data, `customFields.${i}.key`);
		const label = formText(data, `customFields.${i}.label`);
		const optionsText = formText(data, `customFields.${i}.options`);
		// A row is empty when nothing was typed into it; its type select and
		// checkbox always carry something, so they do not count.
		if (!key && !label && !optionsText) continue;
		const at = `customFields.${row}`;
		row++;
		r.text(`${at}.key`, `customFields.${i}.key`);
		r.text(`${at}.label`, `customFields.${i}.label`);
		r.text(`${at}.options`, `customFields.${i}.options`);
		const type = CUSTOM_FIELD_TYPES.find((t) => t === formText(data, `customFields.${i}.type`)) ?? 'text';
		r.values[`${at}.type`] = type;
		const required = r.flag(`${at}.required`, `customFields.${i}.required`);

		if (!key) r.errors[`${at}.key`] = m.field_required();
		else if (!CUSTOM_FIELD_KEY.test(key)) r.errors[`${at}.key`] = m.program_rules_field_key_invalid();
		if (!label) r.errors[`${at}.label`] = m.field_required();
		const options = optionsText
			.split(/\r?\n/)
			.map((option) => option.trim())
			.filter(Boolean);
		if (type === 'select' && options.length === 0) r.errors[`${at}.options`] = m.program_rules_field_options_required();
		if (new Set(options).size !== options.length) r.errors[`${at}.options`] = m.program_rules_field_options_unique();
		fields.push({ key, label, type, required, ...(type === 'select' ? { options } : {}) });
	}
	const keys = fields.map((field) => field.key);
	keys.forEach((key, i) => {
		if (key && keys.indexOf(key) !== i) r.errors[`customFields.${i}.key`] ??= m.program_rules_field_key_taken();
	});
	return fields;
}

function readDealRegistration(r: Reader, data: FormData): RulesFormRead {
	const customFields = readCustomFields(r, data);
	const conflictPolicy = r.choice('conflictPolicy', CONFLICT_POLICIES);
	const enabled = r.flag('autoApprove.enabled');
	const minRankText = r.text('autoApprove.minTierRank');
	const minTierRank = minRankText === '' ? undefined : r.number('autoApprove.minTierRank');
	const maxValueText = r.text('autoApprove.maxValueMinor');
	const maxValue = maxValueText === '' ? undefined : r.number('autoApprove.maxValueMinor');
	const requireNoConflict = r.flag('autoApprove.requireNoConflict');
	const rules: DealRegistrationRules = {
		customFields,
		conflictPolicy,
		autoApprove: {
			enabled,
			requireNoConflict,
			...(minTierRank !== undefined ? { minTierRank } : {}),
			...(maxValue !== undefined ? { maxValueMinor: majorToMinor(maxValue) } : {})
		},
		defaultProtectionDays: r.number('defaultProtectionDays'),
		extensions: { maxExtensions: r.number('extensions.maxExtensions'), daysEach: r.number('extensions.daysEach') },
		reviewSlaHours: r.number('reviewSlaHours'),
		autoApproveOnSlaBreach: r.flag('autoApproveOnSlaBreach')
	};
	return r.done(rules);
}

function readLeads(r: Reader, weights: Record<string, number> | undefined): RulesFormRead {
	const strategy = r.choice('assignment.strategy', LEAD_STRATEGIES);
	return r.done({
		// Per-partner weights have no editor here yet: they are kept as they are.
		assignment: { strategy, ...(weights ? { weights } : {}) },
		acceptSlaHours: r.number('acceptSlaHours'),
		firstContactSlaHours: r.number('firstContactSlaHours'),
		maxOpenLeadsPerPartner: r.number('maxOpenLeadsPerPartner')
	} satisfies LeadRules);
}

function readMdf(r: Reader, data: FormData): RulesFormRead {
	const fundPeriod = r.choice('fundPeriod', FUND_PERIODS);
	const requiredProofTypes = PROOF_TYPES.filter((type) => data.getAll('requiredProofTypes').includes(type));
	r.values.requiredProofTypes = requiredProofTypes.join(',');
	return r.done({
		fundPeriod,
		requestLeadTimeDays: r.number('requestLeadTimeDays'),
		claimDeadlineDays: r.number('claimDeadlineDays'),
		requiredProofTypes
	} satisfies MdfRules);
}

function readTierPolicy(r: Reader): RulesFormRead {
	return r.done({ mode: r.choice('mode', POLICY_MODES), demotionGraceDays: r.number('demotionGraceDays') } satisfies TierPolicy);
}

export function readRulesForm(
	kind: RuleKind,
	data: FormData,
	current: { leadWeights?: Record<string, number> | undefined } = {}
): RulesFormRead {
	const r = new Reader(data);
	switch (kind) {
		case 'deal_registration':
			return readDealRegistration(r, data);
		case 'leads':
			return readLeads(r, current.leadWeights);
		case 'mdf':
			return readMdf(r, data);
		case 'tier_policy':
			return readTierPolicy(r);
	}
}

/** Every input each rules form has, for placing the API's field errors. */
export function isRulesField(kind: RuleKind, path: string): boolean {
	switch (kind) {
		case 'deal_registration':
			return (
				/^customFields(\.\d+\.(key|label|type|options|required))?$/.test(path) ||
				[
					'conflictPolicy',
					'autoApprove.enabled',
					'autoApprove.minTierRank',
					'autoApprove.maxValueMinor',
					'autoApprove.requireNoConflict',
					'defaultProtectionDays',
					'extensions.maxExtensions',
					'extensions.daysEach',
					'reviewSlaHours',
					'autoApproveOnSlaBreach'
				].includes(path)
			);
		case 'leads':
			return ['assignment.strategy', 'acceptSlaHours', 'firstContactSlaHours', 'maxOpenLeadsPerPartner'].includes(path);
		case 'mdf':
			return ['fundPeriod', 'requestLeadTimeDays', 'claimDeadlineDays', 'requiredProofTypes'].includes(path);
		case 'tier_policy':
			return ['mode', 'demotionGraceDays'].includes(path);
	}
}

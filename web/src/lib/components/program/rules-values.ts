// The rules in force as the flat values the rules forms are drawn from,
// named by field path like the forms' inputs. Money is shown in major units.
import type { DealRegistrationRules, LeadRules, MdfRules, ProgramRules, TierPolicy } from '$lib/api-schema.gen';
import type { FlatValues } from './program-fields';
import { minorToMajor, type RuleKind } from './program-text';

const str = (value: number | undefined): string => (value === undefined ? '' : String(value));
const flag = (value: boolean | undefined): string => (value ? 'true' : '');

export function rulesToValues(kind: RuleKind, rules: ProgramRules['rules']): FlatValues {
	switch (kind) {
		case 'deal_registration': {
			const r = rules as DealRegistrationRules;
			const values: FlatValues = {
				conflictPolicy: r.conflictPolicy ?? 'vendor_decides',
				'autoApprove.enabled': flag(r.autoApprove?.enabled),
				'autoApprove.minTierRank': str(r.autoApprove?.minTierRank),
				'autoApprove.maxValueMinor':
					r.autoApprove?.maxValueMinor === undefined ? '' : String(minorToMajor(r.autoApprove.maxValueMinor)),
				'autoApprove.requireNoConflict': flag(r.autoApprove?.requireNoConflict ?? true),
				defaultProtectionDays: str(r.defaultProtectionDays),
				'extensions.maxExtensions': str(r.extensions?.maxExtensions),
				'extensions.daysEach': str(r.extensions?.daysEach),
				reviewSlaHours: str(r.reviewSlaHours),
				autoApproveOnSlaBreach: flag(r.autoApproveOnSlaBreach)
			};
			(r.customFields ?? []).forEach((field, i) => {
				values[`customFields.${i}.key`] = field.key;
				values[`customFields.${i}.label`] = field.label;
				values[`customFields.${i}.type`] = field.type;
				values[`customFields.${i}.options`] = (field.options ?? []).join('\n');
				values[`customFields.${i}.required`] = flag(field.required);
			});
			return values;
		}
		case 'leads': {
			const r = rules as LeadRules;
			return {
				'assignment.strategy': r.assignment?.strategy ?? 'manual',
				acceptSlaHours: str(r.acceptSlaHours),
				firstContactSlaHours: str(r.firstContactSlaHours),
				maxOpenLeadsPerPartner: str(r.maxOpenLeadsPerPartner)
			};
		}
		case 'mdf': {
			const r = rules as MdfRules;
			return {
				fundPeriod: r.fundPeriod ?? 'quarter',
				requestLeadTimeDays: str(r.requestLeadTimeDays),
				claimDeadlineDays: str(r.claimDeadlineDays),
				requiredProofTypes: (r.requiredProofTypes ?? []).join(',')
			};
		}
		case 'tier_policy': {
			const r = rules as TierPolicy;
			return { mode: r.mode ?? 'automatic', demotionGraceDays: str(r.demotionGraceDays) };
		}
	}
}

/** How many per-partner lead weights are set (they have no editor yet and are kept as they are). */
export function leadWeightCount(rules: ProgramRules['rules']): number {
	return Object.keys((rules as LeadRules).assignment?.weights ?? {}).length;
}

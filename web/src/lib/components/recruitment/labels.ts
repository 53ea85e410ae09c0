// Translated labels for the recruitment module's API enums.
import type { OnboardingStep, PartnerApplication } from '$lib/api-schema.gen';
import { m } from '$lib/paraglide/messages';

export type PartnerType = NonNullable<PartnerApplication['partnerType']>;
export type ApplicationStatus = PartnerApplication['status'];
export type StepKind = OnboardingStep['kind'];

export const PARTNER_TYPES = [
	'reseller',
	'referral',
	'msp',
	'systems_integrator',
	'technology'
] as const satisfies readonly PartnerType[];

export const APPLICATION_STATUSES = [
	'pending',
	'info_requested',
	'approved',
	'declined'
] as const satisfies readonly ApplicationStatus[];

export const STEP_KINDS = [
	'sign_agreement',
	'complete_profile',
	'invite_team',
	'custom'
] as const satisfies readonly StepKind[];

export function isPartnerType(value: string): value is PartnerType {
	return (PARTNER_TYPES as readonly string[]).includes(value);
}

export function isApplicationStatus(value: string): value is ApplicationStatus {
	return (APPLICATION_STATUSES as readonly string[]).includes(value);
}

export function isStepKind(value: string): value is StepKind {
	return (STEP_KINDS as readonly string[]).includes(value);
}

export function partnerTypeLabel(type: string | null | undefined): string {
	switch (type) {
		case 'reseller':
			return m.apply_type_reseller();
		case 'referral':
			return m.apply_type_referral();
		case 'msp':
			return m.apply_type_msp();
		case 'systems_integrator':
			return m.apply_type_systems_integrator();
		case 'technology':
			return m.apply_type_technology();
		default:
			return type ?? '';
	}
}

export function applicationStatusLabel(status: string): string {
	switch (status) {
		case 'pending':
			return m.applications_status_pending();
		case 'info_requested':
			return m.applications_status_info_requested();
		case 'approved':
			return m.applications_status_approved();
		case 'declined':
			return m.applications_status_declined();
		default:
			return status;
	}
}

export function stepKindLabel(kind: string): string {
	switch (kind) {
		case 'sign_agreement':
			return m.onboarding_kind_sign_agreement();
		case 'complete_profile':
			return m.onboarding_kind_complete_profile();
		case 'invite_team':
			return m.onboarding_kind_invite_team();
		case 'custom':
			return m.onboarding_kind_custom();
		default:
			return kind;
	}
}

/** The partner profile fields the `complete_profile` step waits for. */
export function profileFieldLabel(field: string): string {
	switch (field) {
		case 'legalName':
			return m.onboarding_profile_legal_name();
		case 'websiteDomain':
			return m.onboarding_profile_website();
		case 'country':
			return m.onboarding_profile_country();
		case 'partnerType':
			return m.onboarding_profile_partner_type();
		case 'size':
			return m.onboarding_profile_size();
		case 'address.line1':
			return m.onboarding_profile_address_line1();
		case 'address.city':
			return m.onboarding_profile_address_city();
		case 'address.country':
			return m.onboarding_profile_address_country();
		default:
			return field;
	}
}

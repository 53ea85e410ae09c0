// The partner profile form, shared by the vendor's partner page and a
// partner admin's company page: form fields -> PATCH body, and the API's
// field errors back next to the fields they are about.
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { UpdatePartnerProfileInput } from '$lib/api-schema.gen';
import { m } from '$lib/paraglide/messages';
import { api } from '$lib/server/api';
import { failureStatus, formText, problemToForm, type FormState } from '$lib/server/problems';
import { COMPANY_SIZES, partnerFieldError } from './labels';
import { PARTNER_TYPES } from './filters';

export const PROFILE_FIELDS = [
	'name',
	'legalName',
	'websiteDomain',
	'country',
	'region',
	'partnerType',
	'size',
	'industries',
	'products',
	'logoUrl',
	'address_line1',
	'address_line2',
	'address_city',
	'address_postalCode',
	'address_state',
	'address_country',
	'ownerId'
] as const;

export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type ProfileFormState = FormState<ProfileField>;

const ADDRESS_PARTS = ['line1', 'line2', 'city', 'postalCode', 'state', 'country'] as const;

/** "Cloud, Security，Retail" -> ["Cloud", "Security", "Retail"] (ASCII or full-width commas). */
function labels(value: string): string[] {
	return value
		.split(/[,，、]/)
		.map((label) => label.trim())
		.filter(Boolean);
}

const orNull = (value: string): string | null => value || null;

function readProfile(data: FormData, withOwner: boolean) {
	const values = Object.fromEntries(
		PROFILE_FIELDS.filter((field) => withOwner || field !== 'ownerId').map((field) => [field, formText(data, field)])
	) as Partial<Record<ProfileField, string>>;
	const text = (field: ProfileField) => values[field] ?? '';

	const address: Record<string, string> = {};
	for (const part of ADDRESS_PARTS) {
		const value = text(`address_${part}`);
		if (value) address[part] = value;
	}
	const partnerType = PARTNER_TYPES.find((type) => type === text('partnerType')) ?? null;
	const size = COMPANY_SIZES.find((option) => option === text('size')) ?? null;

	const input: UpdatePartnerProfileInput = {
		name: text('name'),
		legalName: orNull(text('legalName')),
		websiteDomain: orNull(text('websiteDomain')),
		country: orNull(text('country')),
		region: orNull(text('region')),
		partnerType,
		size,
		industries: labels(text('industries')),
		products: labels(text('products')),
		logoUrl: orNull(text('logoUrl')),
		// The generated type of a nullable object reference is off (it reads as
		// PostalAddress & Record<string, never>); the API takes PostalAddress | null.
		address: (Object.keys(address).length > 0 ? address : null) as UpdatePartnerProfileInput['address']
	};
	if (withOwner) input.ownerId = orNull(text('ownerId'));
	return { values, input };
}

/** The form names the address's parts `address_city` where the API says `address.city`. */
const profileField = (path: string) => path.replace(/^address\./, 'address_');
const isProfileField = (path: string) => (PROFILE_FIELDS as readonly string[]).includes(profileField(path));

/**
 * Saves the profile form of organization `id`. Returns the action's answer:
 * `{ profileSaved: true }`, or a failure carrying `profile` (values, errors, message).
 */
export async function saveProfile(event: RequestEvent, id: string, { withOwner }: { withOwner: boolean }) {
	const { values, input } = readProfile(await event.request.formData(), withOwner);
	if (!input.name) {
		return fail(400, {
			profile: { values, errors: { name: m.field_required() }, message: m.error_validation() } satisfies ProfileFormState
		});
	}

	const result = await api(event).call('patch', '/api/t/{tenant}/partner-orgs/{id}', { params: { id }, body: input });
	if (result.ok) return { profileSaved: true };

	const placed = problemToForm(result, {
		fields: isProfileField,
		word: (fieldError) => partnerFieldError(fieldError.field, fieldError.code, fieldError.message),
		placedMessage: m.error_validation(),
		problemText: (problem) => (problem.code === 'vendor_only_field' ? m.partners_error_vendor_only() : null)
	});
	const errors: Partial<Record<ProfileField, string>> = Object.fromEntries(
		Object.entries(placed.errors).map(([path, text]) => [profileField(path), text])
	);
	const message = placed.message;
	return fail(failureStatus(result.status), { profile: { values, errors, message } satisfies ProfileFormState });
}

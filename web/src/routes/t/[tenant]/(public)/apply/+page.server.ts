// The public "Become a partner" page: the vendor's landing copy and the
// application form. No session needed; the API rate-limits by address and
// quietly drops submissions that fill the honeypot.
import { fail } from '@sveltejs/kit';
import { countryOptions, isCountryCode } from '$lib/components/recruitment/countries';
import { isPartnerType } from '$lib/components/recruitment/labels';
import { m } from '$lib/paraglide/messages';
import { api } from '$lib/server/api';
import {
	failWithErrors,
	failWithProblem,
	formText,
	looksLikeEmail,
	unwrap,
	type FormState
} from '$lib/server/problems';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = [
	'company',
	'websiteDomain',
	'country',
	'partnerType',
	'contactName',
	'contactEmail',
	'message'
] as const;
type ApplyField = (typeof FIELDS)[number];

const MAX_MESSAGE = 2000;

export const load: PageServerLoad = async (event) => {
	const branding = unwrap(event, await api(event).call('get', '/api/t/{tenant}/branding'));
	return {
		branding: {
			portalName: branding.portalName,
			logoUrl: branding.logoUrl,
			primaryColor: branding.primaryColor,
			textColor: branding.textColor,
			welcomeText: branding.welcomeText,
			programDescription: branding.programDescription
		},
		// Named and sorted once, here, so the browser hydrates the very same list.
		countries: countryOptions()
	};
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const values: Record<ApplyField, string> = {
			company: formText(data, 'company'),
			websiteDomain: formText(data, 'websiteDomain'),
			country: formText(data, 'country').toUpperCase(),
			partnerType: formText(data, 'partnerType'),
			contactName: formText(data, 'contactName'),
			contactEmail: formText(data, 'contactEmail'),
			message: formText(data, 'message')
		};
		// The honeypot: hidden from people, so only bots fill it in. It goes to
		// the API as `website`, which answers as usual and stores nothing.
		const honeypot = formText(data, 'website_url');

		const errors: Partial<Record<ApplyField, string>> = {};
		if (values.company.length < 2) errors.company = m.apply_company_required();
		if (!values.websiteDomain) errors.websiteDomain = m.apply_website_required();
		else if (!values.websiteDomain.includes('.')) errors.websiteDomain = m.apply_website_invalid();
		if (!isCountryCode(values.country)) errors.country = m.apply_country_required();
		if (!isPartnerType(values.partnerType)) errors.partnerType = m.apply_partner_type_required();
		if (!values.contactName) errors.contactName = m.field_required();
		if (!looksLikeEmail(values.contactEmail)) errors.contactEmail = m.field_invalid_email();
		if (values.message.length > MAX_MESSAGE) errors.message = m.apply_message_too_long({ max: String(MAX_MESSAGE) });
		if (Object.keys(errors).length > 0 || !isPartnerType(values.partnerType)) {
			return failWithErrors(errors, values);
		}

		const result = await api(event).call('post', '/api/t/{tenant}/applications', {
			body: {
				company: values.company,
				websiteDomain: values.websiteDomain,
				country: values.country,
				partnerType: values.partnerType,
				contactName: values.contactName,
				contactEmail: values.contactEmail,
				...(values.message ? { message: values.message } : {}),
				...(honeypot ? { website: honeypot } : {})
			}
		});
		if (!result.ok) {
			if (result.status === 429) {
				const limited: FormState<ApplyField> = { values, errors: {}, message: m.apply_rate_limited() };
				return fail(429, limited);
			}
			const failure = failWithProblem(result, FIELDS, values);
			// The API's words for the two checks it makes that the portal does not
			// (the domain's shape, the country list) are English: say them here.
			if (failure.data.errors.websiteDomain) failure.data.errors.websiteDomain = m.apply_website_invalid();
			if (failure.data.errors.country) failure.data.errors.country = m.apply_country_required();
			return failure;
		}
		return { submitted: true, email: values.contactEmail };
	}
};

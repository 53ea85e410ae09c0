// Server helpers the deal forms share: the registration form's definition
// (the program's custom fields and currencies) and the API's field errors in
// the page's language (placed on the form by `problemToForm`, keyed by the
// API's own field names: `customerDomain`, `customFields.seats`).
import type { RequestEvent } from '@sveltejs/kit';
import type { DealForm, ProblemFieldError } from '$lib/api-types';
import { m } from '$lib/paraglide/messages';
import { api } from '$lib/server/api';
import { fieldMessage } from '$lib/server/problems';
import { FALLBACK_CURRENCIES } from './labels';

/** The form without the program's questions: what shows when the definition cannot be read. */
const STANDARD_FORM: DealForm = {
	customFields: [],
	currencies: [...FALLBACK_CURRENCIES],
	defaultCurrency: 'USD',
	reviewSlaHours: 0,
	defaultProtectionDays: 0
};

/**
 * The registration form as the program defines it: its custom fields,
 * currencies and deadlines, from the partner-readable `GET /deals/form`
 * (partners cannot read the program rules themselves). Should it fail, the
 * form still works with the standard fields; the API validates either way.
 */
export async function loadRegistrationForm(event: RequestEvent): Promise<DealForm> {
	const result = await api(event).call('get', '/api/t/{tenant}/deals/form');
	if (!result.ok) return STANDARD_FORM;
	const form = result.data;
	return form.currencies.length > 0 ? form : { ...form, currencies: STANDARD_FORM.currencies };
}

/** `products.3` -> `products`, `deal.value` -> `value`; custom fields keep their key: `customFields.seats`. */
export function formFieldOf(apiField: string): string {
	const parts = apiField.split(/[./]/).filter(Boolean);
	if (parts[0] === 'body') parts.shift();
	// A resubmission's edited registration sits under `deal`.
	if (parts[0] === 'deal' && parts.length > 1) parts.shift();
	if (parts[0] === 'customFields' && parts[1]) return `customFields.${parts[1]}`;
	return parts[0] ?? apiField;
}

/** A field error from the deal API in the page's language; the API's English words are the fallback. */
export function dealFieldMessage(error: ProblemFieldError): string {
	const field = formFieldOf(error.field);
	if (field.startsWith('customFields.')) {
		switch (error.code) {
			case 'required':
				return m.field_required();
			case 'invalid_type':
				return m.deals_error_number();
			case 'invalid_date':
				return m.deals_error_date();
			case 'invalid_option':
				return m.deals_error_option();
			default:
				return error.message;
		}
	}
	switch (field) {
		case 'customerName':
			return error.code === 'too_big' ? m.field_too_long() : m.deals_error_customer_name();
		case 'customerDomain':
			return error.code === 'too_big' ? m.field_too_long() : m.deals_error_domain();
		case 'contactEmail':
			return m.field_invalid_email();
		case 'country':
			return m.deals_error_country();
		case 'value':
		case 'amount':
			return m.deals_error_amount();
		case 'currency':
			return m.deals_error_currency();
		case 'expectedCloseDate':
			return error.code === 'date_in_past' ? m.deals_error_close_date_past() : m.deals_error_date();
		case 'closedOn':
			return error.code === 'date_in_future' ? m.deals_error_closed_in_future() : m.deals_error_date();
		case 'products':
			return error.code === 'too_big' ? m.deals_error_too_many_products() : fieldMessage(error);
		case 'reviewerId':
			return m.deals_reassign_invalid();
		default:
			return fieldMessage(error);
	}
}

// The partner's deal registration form: standard fields, the program's own
// questions, "Save draft" or "Submit". Each render carries a fresh
// idempotency key, sent as the `Idempotency-Key` header, so a double click or
// a retried request registers the deal once. Success opens the new deal.
// The same form continues a saved draft (`?draft=`) and edits a registration
// the vendor asked about (`?resubmit=`): the partner answers the question,
// and the edit goes back for review with the same checks.
import { error, fail, redirect } from '@sveltejs/kit';
import { countryOptions, isCountryCode } from '$lib/components/recruitment/countries';
import { m } from '$lib/paraglide/messages';
import { hasPermission } from '$lib/roles';
import { api } from '$lib/server/api';
import { failureStatus, formText, looksLikeEmail, problemMessage, problemToForm, type FormState } from '$lib/server/problems';
import { tenantHref } from '$lib/tenant-route';
import { dealFieldMessage, loadRegistrationForm } from '../form.server';
import { currencyDigits, splitProducts } from '../labels';
import type { Deal } from '$lib/api-types';
import type { Actions, PageServerLoad } from './$types';

const STANDARD_FIELDS = [
	'customerName',
	'customerDomain',
	'contactName',
	'contactEmail',
	'country',
	'value',
	'currency',
	'expectedCloseDate',
	'products',
	'notes'
] as const;
type StandardField = (typeof STANDARD_FIELDS)[number];

const MAX_PRODUCTS = 20;
const CUSTOM_PREFIX = 'customFields.';

type RegisterFormState = FormState<string> & { intent: 'draft' | 'submit'; idempotencyKey: string };

/** A stored registration's fields as the form's text values, to continue it. */
function storedValues(deal: Deal): Record<string, string> {
	const values: Record<string, string> = {
		customerName: deal.customerName,
		customerDomain: deal.customerDomain ?? '',
		contactName: deal.contactName ?? '',
		contactEmail: deal.contactEmail ?? '',
		country: deal.country ?? '',
		value: String(deal.valueMinor / 10 ** currencyDigits(deal.currency)),
		currency: deal.currency,
		expectedCloseDate: deal.expectedCloseDate ?? '',
		products: deal.products.join(', '),
		notes: deal.notes ?? ''
	};
	for (const [key, value] of Object.entries(deal.customFields)) values[`${CUSTOM_PREFIX}${key}`] = String(value);
	return values;
}

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'deals.register')) error(403, { message: m.error_forbidden(), code: 'forbidden' });
	const draftId = event.url.searchParams.get('draft');
	const resubmitId = event.url.searchParams.get('resubmit');
	let draft: { id: string; values: Record<string, string> } | null = null;
	let resubmit: { id: string; question: string; values: Record<string, string> } | null = null;
	const storedId = draftId ?? resubmitId;
	if (storedId && storedId.length <= 64) {
		const result = await api(event).call('get', '/api/t/{tenant}/deals/{id}', { params: { id: storedId } });
		// Only a draft, or a registration the vendor asked about, is continued here; anything else opens as a new one.
		const deal = result.ok ? result.data.deal : null;
		if (deal && draftId && deal.status === 'draft') draft = { id: draftId, values: storedValues(deal) };
		if (deal && !draftId && deal.status === 'needs_info') {
			resubmit = { id: storedId, question: deal.decisionReason ?? '', values: storedValues(deal) };
		}
	}
	return {
		draft,
		resubmit,
		registration: await loadRegistrationForm(event),
		// Named and sorted once, here, so the browser hydrates the very same list.
		countries: countryOptions(),
		idempotencyKey: crypto.randomUUID()
	};
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const intent = formText(data, 'intent') === 'draft' ? 'draft' : 'submit';
		// A key the browser did not send (an old tab, a hand-made request) is made here: still one registration per request.
		const idempotencyKey = /^[\w-]{8,100}$/.test(formText(data, 'idempotencyKey'))
			? formText(data, 'idempotencyKey')
			: crypto.randomUUID();

		const standard = Object.fromEntries(STANDARD_FIELDS.map((field) => [field, formText(data, field)])) as Record<
			StandardField,
			string
		>;
		standard.currency = standard.currency.toUpperCase();
		standard.country = standard.country.toUpperCase();
		// The program's questions come back as `customFields.<key>`, the API's names for them.
		const customFields: Record<string, string> = {};
		const custom: Record<string, string> = {};
		for (const [name, value] of data.entries()) {
			if (!name.startsWith(CUSTOM_PREFIX) || typeof value !== 'string') continue;
			custom[name] = value.trim();
			if (value.trim() !== '') customFields[name.slice(CUSTOM_PREFIX.length)] = value.trim();
		}
		const resubmitId = formText(data, 'resubmitId');
		const answer = formText(data, 'message');
		const values: Record<string, string> = { ...standard, ...custom, ...(resubmitId ? { message: answer } : {}) };
		const fields = Object.keys(values);
		const failure = (status: number, errors: Record<string, string>, message: string | null) =>
			fail(status, { values, errors, message, intent, idempotencyKey } satisfies RegisterFormState);

		// The checks the form can make before asking: the API repeats them and has the last word.
		const errors: Record<string, string> = {};
		const value = Number(standard.value.replace(/\s/g, ''));
		const products = splitProducts(standard.products);
		if (standard.customerName.length < 2) errors.customerName = m.deals_error_customer_name();
		if (standard.contactEmail && !looksLikeEmail(standard.contactEmail)) errors.contactEmail = m.field_invalid_email();
		if (standard.country && !isCountryCode(standard.country)) errors.country = m.deals_error_country();
		if (!standard.value || !Number.isFinite(value) || value <= 0) errors.value = m.deals_error_amount();
		if (!/^[A-Z]{3}$/.test(standard.currency)) errors.currency = m.deals_error_currency();
		if (standard.expectedCloseDate && !/^\d{4}-\d{2}-\d{2}$/.test(standard.expectedCloseDate)) {
			errors.expectedCloseDate = m.deals_error_date();
		}
		if (products.length > MAX_PRODUCTS) errors.products = m.deals_error_too_many_products();
		if (resubmitId && !answer) errors.message = m.deals_error_answer();
		if (Object.keys(errors).length > 0) return failure(400, errors, null);

		const draftId = formText(data, 'draftId');
		const body = {
				customerName: standard.customerName,
				customerDomain: standard.customerDomain || undefined,
				contactName: standard.contactName || undefined,
				contactEmail: standard.contactEmail || undefined,
				country: standard.country || undefined,
				value,
				currency: standard.currency,
				expectedCloseDate: standard.expectedCloseDate || undefined,
				products,
				notes: standard.notes || undefined,
				customFields,
				submit: intent === 'submit'
		};
		const { submit: _submit, ...edited } = body;
		const result = resubmitId
			? await api(event).call('post', '/api/t/{tenant}/deals/{id}/resubmit', {
					params: { id: resubmitId },
					body: { message: answer, deal: edited }
				})
			: draftId
				? await api(event).call('post', '/api/t/{tenant}/deals/{id}/draft', { params: { id: draftId }, body })
				: await api(event).call('post', '/api/t/{tenant}/deals', { headers: { 'idempotency-key': idempotencyKey }, body });

		if (result.ok) redirect(303, tenantHref(event.locals.tenantBase, `/deals/${result.data.id}`));

		const { problem } = result;
		if (problem.code === 'partner_inactive') return failure(412, {}, m.deals_error_partner_inactive());
		// Someone moved the registration meanwhile (the vendor decided, or it was resubmitted already).
		if (problem.code === 'illegal_transition') return failure(409, {}, problemMessage(problem));
		// The tenant blocks duplicates: the API says in words which registration this one collides with.
		if (problem.code === 'duplicate_registration') return failure(409, {}, problem.detail ?? m.deals_error_duplicate());
		const placed = problemToForm(result, { fields, word: dealFieldMessage });
		return failure(failureStatus(result.status), placed.errors, placed.message);
	}
};

// Turns API problems into what the portal shows: a translated message for the
// codes we know, the API's own words otherwise; field errors next to fields;
// and the right page (login redirect, 404, 403) for load failures.
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { ApiResult, Problem, ProblemFieldError } from '$lib/api-types';
import { m } from '$lib/paraglide/messages';
import { tenantHref } from '$lib/tenant-route';
import { clearSessionCookie } from './session';

export type ApiFailure = Extract<ApiResult<unknown>, { ok: false }>;

export interface FormState<F extends string = string> {
	values: Partial<Record<F, string>>;
	errors: Partial<Record<F, string>>;
	message: string | null;
}

export function problemMessage(problem: Problem, retryAfterSeconds: number | null = null): string {
	switch (problem.code) {
		case 'invalid_credentials':
			return m.error_invalid_credentials();
		case 'rate_limited':
			return retryAfterSeconds && retryAfterSeconds > 0
				? m.error_rate_limited_retry({ minutes: String(Math.max(1, Math.ceil(retryAfterSeconds / 60))) })
				: m.error_rate_limited();
		case 'invalid_token':
			return m.error_invalid_token();
		case 'tenant_not_found':
			return m.error_tenant_not_found();
		case 'tenant_suspended':
			return m.error_tenant_suspended();
		case 'unauthenticated':
			return m.error_unauthenticated();
		case 'forbidden':
			return m.error_forbidden();
		case 'api_unreachable':
			return m.error_api_unreachable();
		case 'validation_failed':
			return m.error_validation();
		case 'internal':
		case 'internal_error':
			return m.error_unexpected();
		default:
			if (problem.detail) return problem.detail;
			if (problem.status >= 500) return m.error_unexpected();
			return problem.title || m.error_unexpected();
	}
}

/**
 * A translated message for the API's field errors. The API names the field
 * and either a domain code (`taken`, `existing_account`) or the validator's
 * code (`invalid_format`, `too_small`, `invalid_type`); the pair picks the
 * message, and the API's English text is the fallback.
 */
export function fieldMessage(fieldError: ProblemFieldError): string {
	const field = fieldName(fieldError.field);
	switch (fieldError.code) {
		case 'taken':
			return field === 'slug' ? m.field_slug_taken() : m.field_email_taken();
		case 'existing_account':
			return m.invite_existing_lead();
		case 'required':
		case 'invalid_type':
			return m.field_required();
		case 'invalid_format':
			if (field === 'email') return m.field_invalid_email();
			if (field === 'slug') return m.field_slug_invalid();
			return fieldError.message;
		case 'too_small':
			if (field === 'password') return m.field_password_too_short();
			if (field === 'slug') return m.field_slug_invalid();
			return m.field_too_short();
		case 'too_big':
			return m.field_too_long();
		case 'custom':
			return field === 'slug' ? m.field_slug_invalid() : fieldError.message;
		default:
			return fieldError.message;
	}
}

/** "body.email" or "/email" -> "email": the API may name a field by its path. */
function fieldName(field: string): string {
	const parts = field.split(/[./]/).filter(Boolean);
	return parts[parts.length - 1] ?? field;
}

/** An HTTP status SvelteKit accepts for fail() and error(). */
export function failureStatus(status: number): number {
	return status >= 400 && status <= 599 ? status : 502;
}

/** Which inputs a form has: their names, or a test for forms whose inputs are named by path (`criteria.2.min`). */
export type FormFields = readonly string[] | ((path: string) => boolean);

export interface ProblemPlacement {
	fields: FormFields;
	/** A field error in the reader's language, given the input it lands on (null: none); `fieldMessage` by default. */
	word?: (fieldError: ProblemFieldError, field: string | null) => string;
	/** The form-level message when every field error found its input; none by default. */
	placedMessage?: string | null;
	/** A form-level message for this problem's own code, before the generic wording. */
	problemText?: (problem: Problem) => string | null | undefined;
}

/**
 * The input an API field path lands on: the path itself, else the longest
 * part of it the form has. `deal.customFields.seats` -> `customFields.seats`,
 * `criteria.2.threshold` -> itself, `products.3` -> `products`,
 * `body.email` or `/email` -> `email`.
 */
export function placeField(apiField: string, fields: FormFields): string | null {
	const has = typeof fields === 'function' ? fields : (path: string) => fields.includes(path);
	const parts = apiField.replace(/\//g, '.').split('.').filter(Boolean);
	for (let start = 0; start < parts.length; start++) {
		for (let end = parts.length; end > start; end--) {
			const path = parts.slice(start, end).join('.');
			if (has(path)) return path;
		}
	}
	return null;
}

/**
 * The one mapping from an API problem to form state: each field error beside
 * the input it names, everything else as one message. The API validates and
 * names the field in its 422, so the portal does not repeat its checks.
 */
export function problemToForm(failure: ApiFailure, placement: ProblemPlacement): { errors: Record<string, string>; message: string | null } {
	const word = placement.word ?? ((fieldError: ProblemFieldError) => fieldMessage(fieldError));
	const errors: Record<string, string> = {};
	const unplaced: string[] = [];
	for (const fieldError of failure.problem.errors ?? []) {
		const field = placeField(fieldError.field, placement.fields);
		if (field) errors[field] ??= word(fieldError, field);
		else unplaced.push(word(fieldError, null));
	}
	let message: string | null;
	if (unplaced.length > 0) message = unplaced.join(' ');
	else if (Object.keys(errors).length > 0) message = placement.placedMessage ?? null;
	else message = placement.problemText?.(failure.problem) ?? problemMessage(failure.problem, failure.retryAfterSeconds);
	return { errors, message };
}

/** An action failure for a form with the given fields, built from an API problem. */
export function failWithProblem<F extends string>(
	failure: ApiFailure,
	fields: readonly F[] | ((path: string) => boolean),
	values: Partial<Record<F, string>>,
	placement: Omit<ProblemPlacement, 'fields'> = {}
) {
	const { errors, message } = problemToForm(failure, { ...placement, fields });
	return fail(failureStatus(failure.status), {
		values,
		errors: errors as Partial<Record<F, string>>,
		message
	} satisfies FormState<F>);
}

/** An action failure from the portal's own checks, before the API is asked. */
export function failWithErrors<F extends string>(
	errors: Partial<Record<F, string>>,
	values: Partial<Record<F, string>>
) {
	return fail(400, { values, errors, message: null } satisfies FormState<F>);
}

/**
 * For loads: a failed API call becomes the page the person should see.
 * 401 signs them out and sends them to the tenant's login page.
 */
export function throwProblem(event: RequestEvent, failure: ApiFailure): never {
	const { problem, status } = failure;
	if (status === 401 && event.locals.tenantSlug) {
		if (event.locals.sessionToken) clearSessionCookie(event);
		const next = event.url.pathname + event.url.search;
		redirect(303, `${tenantHref(event.locals.tenantBase, '/login')}?next=${encodeURIComponent(next)}`);
	}
	if (problem.code === 'tenant_not_found') {
		error(404, { message: m.error_tenant_not_found(), code: problem.code });
	}
	if (problem.code === 'tenant_suspended') {
		error(403, { message: m.error_tenant_suspended(), code: problem.code });
	}
	error(failureStatus(status), {
		message: problemMessage(problem, failure.retryAfterSeconds),
		code: problem.code,
		requestId: problem.requestId
	});
}

/** The data of a successful call, or the failure page. */
export function unwrap<T>(event: RequestEvent, result: ApiResult<T>): T {
	if (!result.ok) throwProblem(event, result);
	return result.data;
}

export function formText(data: FormData, name: string): string {
	const value = data.get(name);
	return typeof value === 'string' ? value.trim() : '';
}

/** Passwords are taken as typed: leading/trailing spaces are part of them. */
export function formSecret(data: FormData, name: string): string {
	const value = data.get(name);
	return typeof value === 'string' ? value : '';
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function looksLikeEmail(value: string): boolean {
	return EMAIL_SHAPE.test(value);
}

export const MIN_PASSWORD_LENGTH = 10;

import { getLocale } from '$lib/paraglide/runtime';

/** API timestamps arrive as epoch milliseconds or ISO strings. */
export function formatDate(value: string | number | null | undefined): string {
	if (value === null || value === undefined || value === '') return '';
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) return String(value);
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium' }).format(date);
}

export function formatDateTime(value: string | number | null | undefined): string {
	if (value === null || value === undefined || value === '') return '';
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) return String(value);
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
		date
	);
}

export function formatNumber(value: number): string {
	return new Intl.NumberFormat(getLocale()).format(value);
}

/** A language's own name ("Español", "中文"): shown the same whatever the page language. */
export function languageName(locale: string): string {
	try {
		const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
		return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
	} catch {
		return locale;
	}
}

/** For <time datetime>: an ISO string, or undefined when the value is not a date. */
export function isoDate(value: string | number | null | undefined): string | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

// The language switcher's POST: the choice goes into Paraglide's locale cookie
// (readable by the client runtime too) and the person is sent back to the page
// they were on, never to another site.
import { redirect, type Cookies } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale, type Locale } from '$lib/paraglide/runtime';

/** The chosen locale from the switcher's form, stored in the cookie; null when the value is not a locale. */
export function storeLocaleChoice(data: FormData, cookies: Cookies, url: URL): Locale | null {
	const locale = data.get('locale');
	if (typeof locale !== 'string' || !isLocale(locale)) return null;
	cookies.set(cookieName, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: cookieMaxAge
	});
	return locale;
}

export function backTo(data: FormData): never {
	redirect(303, sameSitePath(data.get('redirectTo')));
}

function sameSitePath(value: FormDataEntryValue | null): string {
	if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
		return '/';
	}
	return value;
}

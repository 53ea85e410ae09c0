// POST /locale: the language switcher. Stores the choice in Paraglide's locale
// cookie (readable by the client runtime too) and sends the person back.
import { redirect, type RequestHandler } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';

export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const data = await request.formData();
	const locale = data.get('locale');
	const redirectTo = data.get('redirectTo');

	if (typeof locale === 'string' && isLocale(locale)) {
		cookies.set(cookieName, locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: cookieMaxAge
		});
	}
	redirect(303, sameSitePath(redirectTo));
};

export const GET: RequestHandler = () => redirect(303, '/');

function sameSitePath(value: FormDataEntryValue | null): string {
	if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
		return '/';
	}
	return value;
}

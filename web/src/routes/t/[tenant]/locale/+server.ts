// POST /t/{tenant}/locale: the signed-in shell's language switcher. Besides the
// cookie, the choice is stored on the person's membership so the email they
// get (deal decisions, reminders) is written in the same language. A failed
// save does not stop the switch: the page still changes language.
import { redirect, type RequestHandler } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { backTo, storeLocaleChoice } from '$lib/server/locale-choice';

export const POST: RequestHandler = async (event) => {
	const data = await event.request.formData();
	const locale = storeLocaleChoice(data, event.cookies, event.url);
	if (locale && event.locals.sessionToken) {
		const saved = await api(event).call('put', '/api/t/{tenant}/me/locale', { body: { locale } });
		if (!saved.ok) console.warn('locale not saved on the membership', saved.status);
	}
	backTo(data);
};

export const GET: RequestHandler = ({ params }) => redirect(303, `/t/${params.tenant}`);

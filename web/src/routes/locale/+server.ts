// POST /locale: the language switcher on pages outside a portal (see
// /t/[tenant]/locale for signed-in people, whose email follows the choice).
import { redirect, type RequestHandler } from '@sveltejs/kit';
import { backTo, storeLocaleChoice } from '$lib/server/locale-choice';

export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const data = await request.formData();
	storeLocaleChoice(data, cookies, url);
	backTo(data);
};

export const GET: RequestHandler = () => redirect(303, '/');

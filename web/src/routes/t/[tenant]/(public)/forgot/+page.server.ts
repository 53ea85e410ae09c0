import { m } from '$lib/paraglide/messages';
import { api } from '$lib/server/api';
import { failWithErrors, failWithProblem, formText, looksLikeEmail } from '$lib/server/problems';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const values = { email: formText(await event.request.formData(), 'email') };
		if (!looksLikeEmail(values.email)) return failWithErrors({ email: m.field_invalid_email() }, values);

		const result = await api(event).requestPasswordReset(values.email);
		// The same answer whether or not the address has an account; only
		// throttling and outages are worth telling apart.
		if (!result.ok && (result.status === 429 || result.status >= 500)) {
			return failWithProblem(result, ['email'], values);
		}
		return { sent: true };
	}
};

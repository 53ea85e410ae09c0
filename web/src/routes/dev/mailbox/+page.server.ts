import { api } from '$lib/server/api';
import { throwProblem } from '$lib/server/problems';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const result = await api(event).getMailbox();
	// The API answers 404 when its development mailbox is switched off.
	if (!result.ok && result.status === 404) return { enabled: false, messages: [] };
	if (!result.ok) throwProblem(event, result);
	return { enabled: true, messages: result.data.messages };
};

// The program pages are vendor staff's: partners see their own tier at /tier.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { hasPermission } from '$lib/roles';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'program.read')) error(403, { message: m.error_forbidden(), code: 'forbidden' });
	return {
		canManage: hasPermission(me, 'program.manage'),
		canEvaluate: hasPermission(me, 'tiers.evaluate')
	};
};

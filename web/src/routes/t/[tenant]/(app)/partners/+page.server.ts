// The vendor console's partner list: search, filters and order from the URL,
// keyset pages, the filter's total; and the quick "add a partner" form.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { hasPermission } from '$lib/roles';
import { api } from '$lib/server/api';
import { failWithProblem, fieldMessage, formText, unwrap } from '$lib/server/problems';
import { loadPeople, loadTiers, ownerOptions } from './data.server';
import { apiQuery, filterParams, parseFilters } from './filters';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'partners.read')) {
		error(403, { message: m.error_forbidden(), code: 'forbidden' });
	}

	const filters = parseFilters(event.url.searchParams);
	const cursor = event.url.searchParams.get('cursor') ?? '';
	const client = api(event);
	const listPage = (after: string) =>
		client.call('get', '/api/t/{tenant}/partner-orgs', {
			query: { ...apiQuery(filters), limit: PAGE_SIZE, cursor: after || undefined }
		});

	const [first, tiers, people] = await Promise.all([listPage(cursor), loadTiers(event), loadPeople(event, 3)]);
	// A cursor from another sort order (an edited or old link): start again at the first page.
	const stale = !first.ok && first.problem.code === 'invalid_cursor';
	const page = unwrap(event, stale ? await listPage('') : first);

	return {
		filters,
		/** Identifies the filtered, sorted list, so "Load more" knows when it continues the same one. */
		listKey: filterParams(filters).toString(),
		cursor: stale ? '' : cursor,
		page,
		tiers: tiers.map(({ id, name, color, rank }) => ({ id, name, color, rank })),
		owners: ownerOptions(people),
		/** Every vendor staff name by id, to show owners who have since left. */
		ownerNames: Object.fromEntries(
			people.filter((person) => !person.partnerOrg).map((person) => [person.id, person.name])
		) as Record<string, string>,
		canManage: hasPermission(me, 'partners.manage'),
		canExport: hasPermission(me, 'partners.export'),
		canImport: hasPermission(me, 'partners.import')
	};
};

export const actions: Actions = {
	create: async (event) => {
		const values = { name: formText(await event.request.formData(), 'name') };
		const result = await api(event).createPartnerOrg(values.name);
		// The API checks the name (at least two characters) and names the field; an empty one reads as "required".
		if (!result.ok) {
			return failWithProblem(result, ['name'], values, {
				word: (fieldError) => (values.name ? fieldMessage(fieldError) : m.field_required())
			});
		}
		return { created: { id: result.data.id, name: result.data.name } };
	}
};

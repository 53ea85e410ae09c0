import { error, fail } from '@sveltejs/kit';
import type { FlatValues } from '$lib/components/program/program-fields';
import { programFieldMessage } from '$lib/components/program/program-fields';
import { m } from '$lib/paraglide/messages';
import { api } from '$lib/server/api';
import { failureStatus, formText, problemToForm, unwrap } from '$lib/server/problems';
import { failureMessage } from '../program-problems.server';
import { isTierField, readTierForm } from './tier-form.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { items } = unwrap(event, await api(event).call('get', '/api/t/{tenant}/tiers', { query: { includeArchived: 'true' } }));
	const tiers = items.filter((tier) => tier.archivedAt === null);
	const archived = items.filter((tier) => tier.archivedAt !== null);
	const editId = event.url.searchParams.get('edit') ?? '';
	return { tiers, archived, editId: tiers.some((tier) => tier.id === editId) ? editId : '' };
};

interface TierFormFailure {
	tierForm: { id: string; values: FlatValues; errors: FlatValues; message: string | null };
}

export const actions: Actions = {
	save: async (event) => {
		const read = readTierForm(await event.request.formData());
		if (!read.input) {
			return fail(400, {
				tierForm: { id: read.id, values: read.values, errors: read.errors, message: m.error_validation() }
			} satisfies TierFormFailure);
		}
		const client = api(event);
		const result = read.id
			? await client.call('patch', '/api/t/{tenant}/tiers/{id}', { params: { id: read.id }, body: read.input })
			: await client.call('post', '/api/t/{tenant}/tiers', { body: read.input });
		if (!result.ok) {
			const { errors, message } = problemToForm(result, {
				fields: isTierField,
				word: programFieldMessage,
				problemText: () => failureMessage(result)
			});
			return fail(failureStatus(result.status), {
				tierForm: {
					id: read.id,
					values: read.values,
					errors,
					message
				}
			} satisfies TierFormFailure);
		}
		return { saved: { name: result.data.name, created: !read.id } };
	},

	archive: async (event) => {
		const data = await event.request.formData();
		const id = formText(data, 'id');
		const moveToTierId = formText(data, 'moveToTierId');
		if (!id) error(400, { message: m.error_unexpected() });
		const result = await api(event).call('post', '/api/t/{tenant}/tiers/{id}/archive', {
			params: { id },
			body: moveToTierId ? { moveToTierId } : {}
		});
		if (!result.ok) {
			const needsTarget = result.problem.code === 'tier_in_use';
			const { errors, message } = problemToForm(result, {
				fields: ['moveToTierId'],
				word: () => m.tier_archive_target_invalid(),
				problemText: () => failureMessage(result)
			});
			return fail(failureStatus(result.status), {
				archive: {
					id,
					needsTarget: needsTarget || Boolean(errors.moveToTierId),
					message,
					targetError: errors.moveToTierId ?? null
				}
			});
		}
		return { archived: { name: result.data.tier.name, moved: result.data.movedPartners } };
	}
};

import { fail } from '@sveltejs/kit';
import type { LeadRules } from '$lib/api-schema.gen';
import { programFieldMessage, type FlatValues } from '$lib/components/program/program-fields';
import { RULE_KINDS, type RuleKind } from '$lib/components/program/program-text';
import { m } from '$lib/paraglide/messages';
import { api } from '$lib/server/api';
import { failureStatus, formText, problemToForm, unwrap } from '$lib/server/problems';
import { failureMessage } from '../program-problems.server';
import { isRulesField, readRulesForm } from './rules-form.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const client = api(event);
	const [tiers, currents, histories] = await Promise.all([
		client.call('get', '/api/t/{tenant}/tiers'),
		Promise.all(RULE_KINDS.map((kind) => client.call('get', '/api/t/{tenant}/program-rules/{kind}', { params: { kind } }))),
		Promise.all(
			RULE_KINDS.map((kind) => client.call('get', '/api/t/{tenant}/program-rules/{kind}/versions', { params: { kind } }))
		)
	]);
	return {
		tiers: unwrap(event, tiers).items.map(({ id, name, rank }) => ({ id, name, rank })),
		sections: RULE_KINDS.map((kind, i) => ({
			kind,
			current: unwrap(event, currents[i]!),
			versions: unwrap(event, histories[i]!).items
		}))
	};
};

interface RulesFailure {
	rules: { kind: RuleKind; values: FlatValues | null; errors: FlatValues; message: string | null; conflict: boolean };
}

export const actions: Actions = {
	save: async (event) => {
		const data = await event.request.formData();
		const kind = RULE_KINDS.find((k) => k === formText(data, 'kind'));
		if (!kind) return fail(400, { rulesError: m.error_unexpected() });
		const baseText = formText(data, 'baseVersion');
		const baseVersion = /^\d+$/.test(baseText) ? Number(baseText) : undefined;
		const client = api(event);

		// Lead weights have no inputs: carry over the ones in force.
		let leadWeights: Record<string, number> | undefined;
		if (kind === 'leads') {
			const current = await client.call('get', '/api/t/{tenant}/program-rules/{kind}', { params: { kind } });
			if (current.ok) leadWeights = (current.data.rules as LeadRules).assignment?.weights;
		}

		const read = readRulesForm(kind, data, { leadWeights });
		if (!read.rules) {
			return fail(400, {
				rules: { kind, values: read.values, errors: read.errors, message: m.error_validation(), conflict: false }
			} satisfies RulesFailure);
		}
		const result = await client.call('put', '/api/t/{tenant}/program-rules/{kind}', {
			params: { kind },
			query: { baseVersion },
			body: read.rules as Record<string, unknown>
		});
		if (!result.ok) {
			if (result.problem.code === 'version_conflict') {
				// Someone else published first: show their version instead of the stale one.
				return fail(409, {
					rules: { kind, values: null, errors: {}, message: m.program_rules_conflict(), conflict: true }
				} satisfies RulesFailure);
			}
			const { errors, message } = problemToForm(result, {
				fields: (path) => isRulesField(kind, path),
				word: programFieldMessage,
				placedMessage: m.error_validation(),
				problemText: () => failureMessage(result)
			});
			return fail(failureStatus(result.status), {
				rules: {
					kind,
					values: read.values,
					errors,
					message,
					conflict: false
				}
			} satisfies RulesFailure);
		}
		return { rulesSaved: { kind, version: result.data.version } };
	}
};

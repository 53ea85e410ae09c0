import { RULE_KINDS } from '$lib/components/program/program-text';
import { api } from '$lib/server/api';
import { unwrap } from '$lib/server/problems';
import type { PageServerLoad } from './$types';

/** Proposals counted on the overview; beyond this it says "100+". */
const QUEUE_COUNT_LIMIT = 100;

export const load: PageServerLoad = async (event) => {
	const client = api(event);
	const [tiers, proposed, ...rules] = await Promise.all([
		client.call('get', '/api/t/{tenant}/tiers'),
		client.call('get', '/api/t/{tenant}/tier-changes', { query: { status: 'proposed', limit: QUEUE_COUNT_LIMIT } }),
		...RULE_KINDS.map((kind) => client.call('get', '/api/t/{tenant}/program-rules/{kind}', { params: { kind } }))
	]);
	const queue = unwrap(event, proposed);
	return {
		tiers: unwrap(event, tiers).items.map(({ id, name, color, rank, partnerCount }) => ({ id, name, color, rank, partnerCount })),
		proposedCount: queue.items.length,
		proposedMore: queue.nextCursor !== null,
		rules: rules.map((result) => {
			const { kind, version, createdAt } = unwrap(event, result);
			return { kind, version, createdAt };
		})
	};
};

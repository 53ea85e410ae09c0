// Reads the partner pages share: the tier ladder (names and colours) and the
// portal's people (relationship owners, an organization's members).
import type { RequestEvent } from '@sveltejs/kit';
import type { Tier, User } from '$lib/api-schema.gen';
import { api } from '$lib/server/api';

/** The tiers in use, highest first; none when the program is not readable (or not set up). */
export async function loadTiers(event: RequestEvent): Promise<Tier[]> {
	const result = await api(event).call('get', '/api/t/{tenant}/tiers', { query: {} });
	return result.ok ? result.data.items : [];
}

/**
 * The people the viewer may see, a page of 100 at a time, up to `maxPages`
 * pages. Empty when the viewer may not list people.
 */
export async function loadPeople(event: RequestEvent, maxPages = 5): Promise<User[]> {
	const client = api(event);
	const people: User[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < maxPages; page++) {
		const result = await client.listUsers({ limit: 100, cursor });
		if (!result.ok) break;
		people.push(...result.data.items);
		if (!result.data.nextCursor) break;
		cursor = result.data.nextCursor;
	}
	return people;
}

export interface OwnerOption {
	id: string;
	name: string;
}

/** Who can own a partner relationship: active vendor admins and channel managers. */
export function ownerOptions(people: User[]): OwnerOption[] {
	return people
		.filter((person) => person.status === 'active' && (person.role === 'vendor_admin' || person.role === 'channel_manager'))
		.map((person) => ({ id: person.id, name: person.name }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

// One chunk of a browser-driven CSV import: { csv, offset, dryRun } in; out,
// as JSON, the chunk's outcome ({ ok: true, ... }) or a message for the page
// ({ ok: false, message }). The browser sends the file chunk by chunk so it
// can show real progress; the API checks permissions.
import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { importChunk } from '../import.server';
import type { RequestHandler } from './$types';

const MAX_CHUNK_CHARS = 2 * 1024 * 1024;

export const POST: RequestHandler = async (event) => {
	let body: unknown;
	try {
		body = await event.request.json();
	} catch {
		return json({ ok: false, message: m.error_unexpected() }, { status: 400 });
	}
	const { csv, offset, dryRun } = (body ?? {}) as Record<string, unknown>;
	if (typeof csv !== 'string' || typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
		return json({ ok: false, message: m.error_unexpected() }, { status: 400 });
	}
	if (csv.length > MAX_CHUNK_CHARS) return json({ ok: false, message: m.partners_import_too_large() });

	// A problem with the file (no name column, not CSV, too large) is an
	// answer the page shows, not a failed request: it comes back with 200 and
	// `ok: false`, so the browser does not log each one as a failed load.
	const answer = await importChunk(event, { csv, offset }, dryRun === true);
	if (!answer.ok) {
		return json({ ok: false, message: answer.message }, { status: answer.status >= 500 ? answer.status : 200 });
	}
	return json({ ok: true, ...answer.result });
};

// Partner import from CSV. With JavaScript the page sends the file chunk by
// chunk to ./chunk and shows progress; without it, this action runs the
// same chunks one after another and answers with the summary.
import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { hasPermission } from '$lib/roles';
import { CHUNK_ROWS, MAX_ROWS, csvChunks, splitCsvRecords, type ImportRowError } from './csv-chunks';
import { importChunk, tooManyRowsMessage } from './import.server';
import type { Actions, PageServerLoad } from './$types';

/** Row errors shown on the page; the summary still counts them all. */
const MAX_ERRORS_SHOWN = 500;

export const load: PageServerLoad = async (event) => {
	const { me } = await event.parent();
	if (!hasPermission(me, 'partners.import')) error(403, { message: m.error_forbidden(), code: 'forbidden' });
	return { chunkRows: CHUNK_ROWS, maxRows: MAX_ROWS, maxErrorsShown: MAX_ERRORS_SHOWN };
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const dryRun = data.get('mode') !== 'import';
		const file = data.get('file');
		const pasted = data.get('csv');
		const csv = file instanceof File && file.size > 0 ? await file.text() : typeof pasted === 'string' ? pasted : '';

		const { header, records } = splitCsvRecords(csv);
		if (!header.trim() || records.length === 0) {
			return fail(400, { csv, message: m.partners_import_empty() });
		}
		if (records.length > MAX_ROWS) return fail(413, { csv, message: tooManyRowsMessage(records.length) });

		const summary = { dryRun, rows: records.length, done: 0, imported: 0, failed: 0 };
		const errors: ImportRowError[] = [];
		let errorCount = 0;
		for (const chunk of csvChunks(header, records)) {
			const answer = await importChunk(event, chunk, dryRun);
			if (!answer.ok) {
				return fail(answer.status, { csv, message: answer.message, summary, errors, errorCount });
			}
			summary.done += chunk.rows;
			summary.imported += answer.result.imported;
			summary.failed += answer.result.failed;
			errorCount += answer.result.errors.length;
			errors.push(...answer.result.errors.slice(0, MAX_ERRORS_SHOWN - errors.length));
		}
		// After a real import the text is not offered again: a second run would only report duplicates.
		return { csv: dryRun ? csv : '', message: null, summary, errors, errorCount };
	}
};

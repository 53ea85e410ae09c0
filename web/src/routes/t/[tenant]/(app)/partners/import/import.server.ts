// Sends one chunk of a CSV file to the import API and words its answer for
// the page: row errors in the page's language, file-level problems as one
// message. Used by the chunk endpoint (browser-driven import) and by the
// page's form action (the same loop, server-side, without JavaScript).
import type { RequestEvent } from '@sveltejs/kit';
import { formatNumber } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { api } from '$lib/server/api';
import { failureStatus, problemMessage } from '$lib/server/problems';
import { partnerFieldError, profileFieldLabel } from '../labels';
import { MAX_ROWS, type ChunkResult, type CsvChunk } from './csv-chunks';

export type ChunkAnswer = { ok: true; result: ChunkResult } | { ok: false; status: number; message: string };

export function tooManyRowsMessage(rows: number): string {
	return m.partners_import_too_many({ rows: formatNumber(rows), max: formatNumber(MAX_ROWS) });
}

export async function importChunk(event: RequestEvent, chunk: Pick<CsvChunk, 'csv' | 'offset'>, dryRun: boolean): Promise<ChunkAnswer> {
	const result = await api(event).call('post', '/api/t/{tenant}/partner-orgs/import', {
		body: { csv: chunk.csv, offset: chunk.offset, dryRun }
	});
	if (result.ok) {
		const { rows, imported, failed, errors } = result.data;
		return {
			ok: true,
			result: {
				rows,
				imported,
				failed,
				errors: errors.map((error) => ({
					row: error.row,
					field: error.field === 'row' ? '' : profileFieldLabel(error.field),
					message: partnerFieldError(error.field, error.code, error.message)
				}))
			}
		};
	}

	const { problem } = result;
	const codes = [problem.code, ...(problem.errors ?? []).map((error) => error.code)];
	let message: string;
	if (codes.includes('missing_name_column')) message = m.partners_import_missing_name();
	else if (codes.includes('invalid_csv')) message = m.partners_import_invalid_csv();
	else if (codes.includes('csv_too_large')) message = m.partners_import_too_large();
	else if (codes.includes('too_many_rows')) message = m.partners_import_too_many_chunk();
	else message = problemMessage(problem, result.retryAfterSeconds);
	return { ok: false, status: failureStatus(result.status), message };
}

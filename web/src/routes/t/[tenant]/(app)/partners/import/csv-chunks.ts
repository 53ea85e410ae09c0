// Splits a CSV file into the chunks the import API takes: the header row
// plus up to CHUNK_ROWS data rows each, with `offset` = the data rows before
// it, so the API's row numbers are those of the whole file. Records are cut
// exactly where the API's parser (RFC 4180: quoted fields may hold commas,
// quotes and line breaks; blank lines are skipped) would cut them; the text
// of each record is passed on untouched for the API to parse and validate.
// Runs in the browser (chunk by chunk, with progress) and on the server (the
// same loop for a form posted without JavaScript).

export const CHUNK_ROWS = 500;
/** The API imports at most this many data rows from one file. */
export const MAX_ROWS = 5000;

export interface ImportRowError {
	row: number;
	/** The column as the page shows it. */
	field: string;
	message: string;
}

/** One chunk's outcome, as the chunk endpoint answers it. */
export interface ChunkResult {
	rows: number;
	imported: number;
	failed: number;
	errors: ImportRowError[];
}

export interface CsvChunk {
	csv: string;
	offset: number;
	rows: number;
}

/** The file's header record and its data records, as raw text. */
export function splitCsvRecords(text: string): { header: string; records: string[] } {
	const records: string[] = [];
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let start = i;
	let atFieldStart = true;
	const n = text.length;
	const endRecord = (end: number) => {
		const record = text.slice(start, end);
		if (record !== '') records.push(record);
	};
	while (i < n) {
		const c = text[i];
		if (atFieldStart && c === '"') {
			// A quoted field runs to the next quote that is not doubled.
			i++;
			for (;;) {
				const q = text.indexOf('"', i);
				if (q === -1) {
					i = n;
					break;
				}
				if (text[q + 1] === '"') {
					i = q + 2;
					continue;
				}
				i = q + 1;
				break;
			}
			atFieldStart = false;
			continue;
		}
		if (c === ',') {
			atFieldStart = true;
			i++;
		} else if (c === '\r' || c === '\n') {
			endRecord(i);
			i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
			start = i;
			atFieldStart = true;
		} else {
			atFieldStart = false;
			i++;
		}
	}
	endRecord(n);
	const [header = '', ...data] = records;
	return { header, records: data };
}

/** The requests for a whole file, in order. */
export function csvChunks(header: string, records: string[], size = CHUNK_ROWS): CsvChunk[] {
	const chunks: CsvChunk[] = [];
	for (let offset = 0; offset < records.length; offset += size) {
		const rows = records.slice(offset, offset + size);
		chunks.push({ csv: `${header}\r\n${rows.join('\r\n')}\r\n`, offset, rows: rows.length });
	}
	return chunks;
}

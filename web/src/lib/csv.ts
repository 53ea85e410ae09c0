// CSV for the portal's downloads: one field written so a spreadsheet never
// runs it as a formula, and a stream transform that rewrites an API export
// record by record (translated headers, labels for codes) while it streams,
// so a file of any length passes through without being held.

/** One CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvCell(value: string | number | null): string {
	let text = value === null ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Parses RFC 4180 text as it arrives (quoted fields may hold commas, quotes
 * and line breaks, and may span chunks), hands each record's fields to `map`
 * with its index (0: the header) and writes what it returns, CRLF-terminated.
 * `prefix` is written first (a byte order mark, for spreadsheets).
 */
export function mapCsvRecords(
	map: (fields: string[], index: number) => readonly (string | number | null)[],
	{ prefix = '' }: { prefix?: string } = {}
): TransformStream<string, string> {
	let out = prefix;
	let fields: string[] = [];
	let field = '';
	let quoted = false;
	// A quote inside a quoted field: its end, or the first half of a doubled quote.
	let quoteSeen = false;
	let index = 0;

	const endRecord = () => {
		fields.push(field);
		if (!(fields.length === 1 && field === '')) out += `${map(fields, index++).map(csvCell).join(',')}\r\n`;
		fields = [];
		field = '';
	};

	return new TransformStream({
		transform(chunk, controller) {
			for (const c of chunk) {
				if (quoted) {
					if (quoteSeen) {
						quoteSeen = false;
						if (c === '"') {
							field += '"';
							continue;
						}
						quoted = false;
					} else {
						if (c === '"') quoteSeen = true;
						else field += c;
						continue;
					}
				}
				if (c === '"' && field === '') quoted = true;
				else if (c === ',') {
					fields.push(field);
					field = '';
				} else if (c === '\n') endRecord();
				// Outside quotes a CR is only ever half of a CRLF record end.
				else if (c !== '\r') field += c;
			}
			if (out) {
				controller.enqueue(out);
				out = '';
			}
		},
		flush(controller) {
			if (field !== '' || fields.length > 0) endRecord();
			if (out) controller.enqueue(out);
		}
	});
}

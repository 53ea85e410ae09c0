/** Splits plain text into text and link parts, so e-mail bodies render with clickable links and no HTML. */
export interface TextPart {
	text: string;
	href?: string;
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;

export function linkify(text: string): TextPart[] {
	const parts: TextPart[] = [];
	let last = 0;
	for (const match of text.matchAll(URL_IN_TEXT)) {
		// Leave trailing sentence punctuation outside the link.
		const url = match[0].replace(/[.,;:!?)\]]+$/, '');
		const start = match.index ?? 0;
		if (start > last) parts.push({ text: text.slice(last, start) });
		parts.push({ text: url, href: url });
		last = start + url.length;
	}
	if (last < text.length) parts.push({ text: text.slice(last) });
	return parts;
}

// "Simple formatting" for agreement text, turned into the HTML subset the API
// keeps (p, h2, h3, ul, ol, li, strong, em, br, a). Writers type plain text:
//   a blank line between paragraphs, "## " or "### " for headings,
//   "- " or "* " for bullets, "1. " for numbered items,
//   **bold**, *italic*, https:// and mailto: links, [text](https://…).
// Everything typed is escaped first, so the only markup in the result is
// what this function writes; the API sanitizes it again on publish.

function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const LINK_MD = /\[([^\]\n]+)\]\(((?:https:\/\/|mailto:)[^\s)]+)\)/g;
const BARE_URL = /(^|[\s(])((?:https:\/\/|mailto:)[^\s<]+?)(?=[.,;:!?)]*(?:\s|$))/g;

/** One line of text: escaped, then links, bold and italics. */
function inline(text: string): string {
	const links: string[] = [];
	// Links first, set aside as placeholders so emphasis never reaches into a URL.
	const stash = (html: string) => `\u0000${links.push(html) - 1}\u0000`;
	let s = escapeHtml(text);
	s = s.replace(LINK_MD, (_, label: string, href: string) => stash(`<a href="${href}">${label}</a>`));
	s = s.replace(BARE_URL, (_, lead: string, href: string) => `${lead}${stash(`<a href="${href}">${href}</a>`)}`);
	s = s.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>');
	s = s.replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1<em>$2</em>');
	s = s.replace(/(^|[^_\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1<em>$2</em>');
	return s.replace(/\u0000(\d+)\u0000/g, (_, i: string) => links[Number(i)] ?? '');
}

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const HEADING = /^\s*(#{1,3})\s+(.*)$/;

export function simpleFormatToHtml(text: string): string {
	const out: string[] = [];
	let paragraph: string[] = [];
	let list: { tag: 'ul' | 'ol'; items: string[] } | null = null;

	const flush = () => {
		if (paragraph.length > 0) out.push(`<p>${paragraph.map(inline).join('<br>')}</p>`);
		paragraph = [];
		if (list) out.push(`<${list.tag}>${list.items.map((item) => `<li>${inline(item)}</li>`).join('')}</${list.tag}>`);
		list = null;
	};

	for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
		if (line.trim() === '') {
			flush();
			continue;
		}
		const heading = HEADING.exec(line);
		if (heading) {
			flush();
			const tag = heading[1]!.length === 3 ? 'h3' : 'h2';
			out.push(`<${tag}>${inline(heading[2]!.trim())}</${tag}>`);
			continue;
		}
		const bullet = BULLET.exec(line);
		const numbered = bullet ? null : NUMBERED.exec(line);
		const item = bullet ?? numbered;
		if (item) {
			const tag = bullet ? 'ul' : 'ol';
			if (paragraph.length > 0 || (list && list.tag !== tag)) flush();
			list ??= { tag, items: [] };
			list.items.push(item[1]!.trim());
			continue;
		}
		if (list) {
			// A line under a list item without a marker continues that item.
			const items: string[] = list.items;
			items[items.length - 1] += ` ${line.trim()}`;
			continue;
		}
		paragraph.push(line.trim());
	}
	flush();
	return out.join('\n');
}

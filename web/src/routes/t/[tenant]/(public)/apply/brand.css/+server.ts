// The brand colours of a vendor-branded page as a stylesheet. The CSP allows
// styles from 'self' only (no inline style attributes), so a page links this
// with its colours in the query instead of writing them inline. The answer
// depends on the query alone: it is the same for everyone and cached long.
import type { RequestHandler } from './$types';

const HEX6 = /^[0-9a-f]{6}$/i;
const DEFAULT_PRIMARY = '2563eb';
const DEFAULT_TEXT = 'ffffff';

function hex(value: string | null, fallback: string): string {
	return value && HEX6.test(value) ? value.toLowerCase() : fallback;
}

export const GET: RequestHandler = ({ url }) => {
	const primary = hex(url.searchParams.get('primary'), DEFAULT_PRIMARY);
	const text = hex(url.searchParams.get('text'), DEFAULT_TEXT);
	return new Response(`:root{--brand:#${primary};--brand-text:#${text}}\n`, {
		headers: {
			'content-type': 'text/css; charset=utf-8',
			'cache-control': 'public, max-age=31536000, immutable'
		}
	});
};

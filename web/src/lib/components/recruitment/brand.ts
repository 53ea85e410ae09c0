// Portal branding on the client side: the same contrast rule the API applies
// (WCAG 2.x, white text on the primary colour needs 4.5:1), so the branding
// form can warn while the admin types, and the stylesheet link that carries a
// tenant's colours past the CSP (inline style attributes are refused by it).

export const MIN_CONTRAST = 4.5;
export const DEFAULT_PRIMARY = '#2563eb';
const HEX = /^#[0-9a-f]{6}$/i;
const WHITE = '#ffffff';
const NEAR_BLACK = '#111827';

export function isHexColor(value: string | null | undefined): value is string {
	return typeof value === 'string' && HEX.test(value);
}

function channel(c: number): number {
	const s = c / 255;
	return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

function luminance(hex: string): number {
	const n = Number.parseInt(hex.slice(1), 16);
	return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** Contrast ratio of two `#rrggbb` colours, floored to two decimals like the API's. */
export function contrastRatio(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return Math.floor(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
}

export interface BrandColors {
	primary: string;
	text: string;
	/** Contrast of white text on the primary colour: what the API's rule checks. */
	whiteContrast: number;
	readable: boolean;
}

/** Colours for a (possibly half-typed) primary colour: invalid input falls back to the default. */
export function brandColors(primary: string | null | undefined): BrandColors {
	const color = isHexColor(primary) ? primary.toLowerCase() : DEFAULT_PRIMARY;
	const whiteContrast = contrastRatio(color, WHITE);
	const readable = whiteContrast >= MIN_CONTRAST;
	const text = readable || contrastRatio(color, NEAR_BLACK) < whiteContrast ? WHITE : NEAR_BLACK;
	return { primary: color, text, whiteContrast, readable };
}

/**
 * The stylesheet that defines `--brand` and `--brand-text` for a page
 * (served by routes/t/[tenant]/(public)/apply/brand.css). Colours travel in
 * the URL, so the response is the same for everyone and can be cached.
 */
export function brandStylesheetHref(base: string, primary: string, text: string): string {
	const p = isHexColor(primary) ? primary.slice(1).toLowerCase() : DEFAULT_PRIMARY.slice(1);
	const t = isHexColor(text) ? text.slice(1).toLowerCase() : WHITE.slice(1);
	return `${base}/apply/brand.css?primary=${p}&text=${t}`;
}

/**
 * Sets the brand colours on an element through the CSSOM, which the CSP
 * allows (a `style` attribute would not be): for previews that follow typing.
 */
export function brandVars(primary: string, text: string) {
	return (node: HTMLElement) => {
		node.style.setProperty('--brand', primary);
		node.style.setProperty('--brand-text', text);
	};
}

// Agreement bodies are rich text written by vendor admins and shown to every
// partner, so they are sanitized on the way in to a small allowlist:
// p, h2, h3, ul, ol, li, strong, em, br, and a with an https: or mailto:
// href (its only attribute). Everything else is removed: tags, attributes,
// comments, and the whole content of elements whose content is code or
// foreign markup (script, style, svg, math, iframe, ...). Text is re-escaped,
// so nothing in the output is markup that this function did not write.
//
// Dependency-free on purpose: the Worker bundle stays small, and an allowlist
// this short is easier to audit than a general sanitizer's configuration.

const ALLOWED = new Set(["p", "h2", "h3", "ul", "ol", "li", "strong", "em", "a", "br"]);
const VOID = new Set(["br"]);
const BLOCKS = new Set(["p", "h2", "h3", "ul", "ol"]);
/** Dropped together with everything up to their closing tag. */
const DROP_WITH_CONTENT = new Set([
  "script",
  "style",
  "template",
  "iframe",
  "frameset",
  "object",
  "applet",
  "svg",
  "math",
  "noscript",
  "noembed",
  "noframes",
  "textarea",
  "select",
  "title",
  "xmp",
]);

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", colon: ":", tab: "\t", newline: "\n" };

/** Decodes character references the way a browser would before reading an attribute's URL. */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function escapeAttribute(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** The href to keep, or null: only https: and mailto:, judged after decoding and without invisible characters. */
export function safeHref(raw: string): string | null {
  // What a URL parser does first: trim C0 controls and spaces, drop tabs and newlines anywhere.
  const decoded = decodeEntities(raw)
    .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "")
    .replace(/[\t\n\r]/g, "");
  if (!/^(https:|mailto:)/i.test(decoded)) return null;
  if (/^https:/i.test(decoded)) {
    try {
      return new URL(decoded).href;
    } catch {
      return null;
    }
  }
  return decoded;
}

/** Text between tags: `<` and `>` escaped, `&` kept only where it starts a character reference. */
function cleanText(s: string): string {
  return s.replace(/&(?!(?:#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});)|[<>]/gi, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

interface Tag {
  name: string;
  closing: boolean;
  attributes: Map<string, string>;
  end: number;
}

const ATTRIBUTE = /[\s/]*([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?/y;

/** Reads a tag starting at `html[start] === "<"`, or null when it is not one (then `<` is text). */
function readTag(html: string, start: number): Tag | null {
  const m = /^<(\/?)([a-zA-Z][^\s/>]*)/.exec(html.slice(start, start + 100));
  if (!m) return null;
  const closing = m[1] === "/";
  const name = m[2]!.toLowerCase();
  const attributes = new Map<string, string>();
  let i = start + m[0].length;
  for (;;) {
    while (i < html.length && /[\s/]/.test(html[i]!)) i++;
    if (i >= html.length) return { name, closing, attributes, end: html.length };
    if (html[i] === ">") return { name, closing, attributes, end: i + 1 };
    ATTRIBUTE.lastIndex = i;
    const a = ATTRIBUTE.exec(html);
    if (!a || a[0].length === 0) {
      i++;
      continue;
    }
    const key = a[1]!.toLowerCase();
    if (!attributes.has(key)) attributes.set(key, a[2] ?? a[3] ?? a[4] ?? "");
    i += a[0].length;
  }
}

/** Index just past the closing tag of `name`, or the end of the input. */
function skipElement(html: string, from: number, name: string): number {
  const close = new RegExp(`</${name}(?=[\\s/>])[^>]*>?`, "gi");
  close.lastIndex = from;
  const m = close.exec(html);
  return m ? m.index + m[0].length : html.length;
}

export function sanitizeAgreementHtml(input: string): string {
  const html = input.replace(/\u0000/g, "");
  let out = "";
  // Open allowed elements; `emitted` is false for an <a> whose href was refused.
  const open: { name: string; emitted: boolean }[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt === -1) {
      out += cleanText(html.slice(i));
      break;
    }
    out += cleanText(html.slice(i, lt));
    i = lt;
    if (html.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    if (html[i + 1] === "!" || html[i + 1] === "?" || (html[i + 1] === "/" && !/[a-zA-Z]/.test(html[i + 2] ?? ""))) {
      // Doctype, processing instruction, CDATA, or `</` + non-letter: browsers read them as comments.
      const end = html.indexOf(">", i);
      if (end === -1) {
        out += "&lt;";
        i++;
      } else {
        i = end + 1;
      }
      continue;
    }
    const tag = readTag(html, i);
    if (!tag) {
      out += "&lt;";
      i++;
      continue;
    }
    i = tag.end;
    if (!tag.closing && DROP_WITH_CONTENT.has(tag.name)) {
      i = skipElement(html, i, tag.name);
      continue;
    }
    if (!ALLOWED.has(tag.name)) continue;
    if (tag.closing) {
      const at = open.map((o) => o.name).lastIndexOf(tag.name);
      if (at === -1) continue;
      // Close whatever was left open inside it, so the output stays balanced.
      for (const o of open.splice(at).reverse()) if (o.emitted) out += `</${o.name}>`;
      continue;
    }
    if (VOID.has(tag.name)) {
      out += `<${tag.name}>`;
      continue;
    }
    if (tag.name === "a") {
      const href = safeHref(tag.attributes.get("href") ?? "");
      if (href === null) {
        open.push({ name: "a", emitted: false });
        continue;
      }
      out += `<a href="${escapeAttribute(href)}">`;
      open.push({ name: "a", emitted: true });
      continue;
    }
    // The end tags HTML lets authors leave out: a new item ends the previous
    // one, a new block ends an open paragraph.
    const names = open.map((o) => o.name);
    const impliedEnd =
      tag.name === "li"
        ? names.lastIndexOf("li") > Math.max(names.lastIndexOf("ul"), names.lastIndexOf("ol"))
          ? names.lastIndexOf("li")
          : -1
        : BLOCKS.has(tag.name)
          ? names.lastIndexOf("p")
          : -1;
    if (impliedEnd !== -1) for (const o of open.splice(impliedEnd).reverse()) if (o.emitted) out += `</${o.name}>`;
    out += `<${tag.name}>`;
    open.push({ name: tag.name, emitted: true });
  }
  for (const o of open.reverse()) if (o.emitted) out += `</${o.name}>`;
  return out;
}

/** The visible text of sanitized HTML, to tell an empty body from a real one. */
export function textOf(sanitized: string): string {
  return decodeEntities(sanitized.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();
}

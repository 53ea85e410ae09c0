// Customer identity keys for deal-registration conflict detection: turns what a
// partner typed as the customer's website, contact email, company name and
// products into comparable keys (registrable domain, name key, index tokens,
// product keys) and scores how alike two company names are.
// Pure functions, no I/O and web-standard APIs only, so they run unchanged in
// the Worker and in Node tests. A conflict check calls them for a few hundred
// candidates per registration, so every regex and lookup set is built once at
// module level.

// ---------------------------------------------------------------------------
// Domains
// ---------------------------------------------------------------------------

// Workers ship no public-suffix list and the full PSL (~10k rules, updated
// weekly) is too heavy to bundle for this. Registrations overwhelmingly name
// customers under a handful of country registries that sell second-level
// names, so a compact list of those covers the cases that matter; any other
// domain falls back to its last two labels ("eu.app.acme.com" -> "acme.com"),
// which is right for every generic TLD and for ccTLDs that register directly
// under the TLD (.de, .fr, .nl, ...).
const PUBLIC_SUFFIXES = [
  "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "nhs.uk",
  "com.au", "net.au", "org.au", "edu.au", "gov.au",
  "co.nz", "net.nz", "org.nz", "govt.nz",
  "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp",
  "co.kr", "or.kr", "ne.kr",
  "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn",
  "com.hk", "org.hk", "com.tw", "org.tw", "com.sg", "edu.sg", "com.my", "com.ph", "com.vn",
  "co.in", "net.in", "org.in", "gov.in", "ac.in", "co.id", "co.th", "com.pk",
  "com.br", "net.br", "org.br", "com.mx", "org.mx", "com.ar", "com.co", "com.pe", "com.uy",
  "co.za", "org.za", "com.ng", "co.ke", "com.eg",
  "com.tr", "co.il", "org.il", "com.sa", "com.ua", "com.pl",
];

// Shared-hosting zones where every subdomain is a different owner. Without
// them "acme.myshopify.com" and "globex.myshopify.com" would both reduce to
// "myshopify.com" and every shop on the platform would look like one customer.
const SHARED_HOSTING_SUFFIXES = [
  "myshopify.com", "wixsite.com", "squarespace.com", "wordpress.com", "blogspot.com",
  "github.io", "gitlab.io", "herokuapp.com", "vercel.app", "netlify.app", "pages.dev",
  "workers.dev", "web.app", "firebaseapp.com", "appspot.com", "azurewebsites.net",
  "cloudfront.net", "webflow.io",
];

// All entries are two labels, so one lookup of the last two labels decides.
const MULTI_LABEL_SUFFIXES: ReadonlySet<string> = new Set([...PUBLIC_SUFFIXES, ...SHARED_HOSTING_SUFFIXES]);

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;
const AUTHORITY_END = /[/?#\\]/;
const WHITESPACE = /\s/;
const DIGITS = /^\d*$/;
const TRAILING_DOTS = /\.+$/;
const WWW_LABEL = /^www\d*$/;
// After WHATWG URL parsing the host is lowercase ASCII; anything else in a
// label (underscores, "%", ...) is not a registrable name.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// A top-level label is alphabetic or an IDN; a numeric one means an IPv4
// literal (URL canonicalizes "0x7f.1" to "127.0.0.1" first, so those land here too).
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * The registrable domain ("example.co.uk") of whatever a partner typed as the
 * customer's website or domain, lowercase ASCII (IDNs as punycode), or null
 * when the input is not a plausible public domain (no dot, inner spaces, IP
 * literals, "localhost", a bare public suffix, over 253 characters).
 */
export function normalizeDomain(input: string): string | null {
  let s = input.trim().toLowerCase();
  // 2048 bounds the work on pasted garbage; real hosts are checked against 253 below.
  if (s === "" || s.length > 2048 || WHITESPACE.test(s)) return null;
  s = s.replace(SCHEME, "");
  if (s.startsWith("//")) s = s.slice(2);
  const end = s.search(AUTHORITY_END);
  if (end >= 0) s = s.slice(0, end);
  // Credentials may themselves contain ":", so drop them before looking for a port.
  const at = s.lastIndexOf("@");
  if (at >= 0) s = s.slice(at + 1);
  if (s.startsWith("[")) return null; // IPv6 literal
  const colon = s.indexOf(":");
  if (colon >= 0) {
    if (!DIGITS.test(s.slice(colon + 1))) return null;
    s = s.slice(0, colon);
  }
  s = s.replace(TRAILING_DOTS, "");
  if (s === "" || s.length > 253) return null;

  // The WHATWG URL parser applies UTS #46 (IDNA) in both Workers and Node:
  // "münchen.de" -> "xn--mnchen-3ya.de", full-width dots -> ".", and it
  // rejects forbidden host characters, so no punycode code of our own.
  let host: string;
  try {
    host = new URL("http://" + s).hostname;
  } catch {
    return null;
  }
  host = host.replace(TRAILING_DOTS, "");
  if (host.length > 253) return null;

  const labels = host.split(".");
  if (labels.length < 2) return null;
  for (const label of labels) if (!LABEL.test(label)) return null;
  if (!TLD.test(labels[labels.length - 1]!)) return null;

  while (labels.length > 2 && WWW_LABEL.test(labels[0]!)) labels.shift();
  const lastTwo = labels.slice(-2).join(".");
  if (!MULTI_LABEL_SUFFIXES.has(lastTwo)) return lastTwo;
  // A bare suffix ("co.uk", "github.io") names no one customer.
  return labels.length >= 3 ? labels.slice(-3).join(".") : null;
}

const ANGLE_ADDRESS = /<([^<>]*)>/;
const MAILTO = /^mailto:/i;
// An email's host is a bare name: no path, port, brackets or second "@".
const EMAIL_HOST_JUNK = /[\s/?#:@[\]\\]/;

/** The registrable domain of an email address's host ("jane@eu.acme.com" -> "acme.com"), or null. */
export function emailDomain(email: string): string | null {
  let s = email.trim();
  // Pasted from a mail client: "Jane Doe <jane@acme.com>".
  const angle = ANGLE_ADDRESS.exec(s);
  if (angle) s = angle[1]!.trim();
  s = s.replace(MAILTO, "");
  const at = s.lastIndexOf("@");
  if (at <= 0 || at === s.length - 1) return null;
  const host = s.slice(at + 1);
  if (EMAIL_HOST_JUNK.test(host)) return null;
  return normalizeDomain(host);
}

// Consumer and ISP mailbox domains: anyone can have one, so a contact's
// address there says nothing about which company the deal is for. Listed as
// registrable domains (the output of normalizeDomain).
const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "live.com", "live.co.uk", "live.fr", "live.de",
  "live.nl", "live.it", "live.ca", "live.com.au", "msn.com", "passport.com", "windowslive.com",
  "ymail.com", "rocketmail.com", "aim.com", "icloud.com", "me.com", "mac.com",
  "proton.me", "pm.me", "protonmail.com", "protonmail.ch", "tutanota.com", "tutanota.de",
  "tuta.io", "hushmail.com", "mail.com", "email.com", "inbox.com", "lycos.com",
  "zoho.com", "zohomail.com", "fastmail.com", "fastmail.fm", "hey.com", "mailbox.org", "posteo.de",
  "web.de", "t-online.de", "freenet.de", "arcor.de",
  "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "laposte.net",
  "libero.it", "virgilio.it", "tiscali.it", "alice.it",
  "btinternet.com", "sky.com", "virginmedia.com", "ntlworld.com", "talktalk.net",
  "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net", "cox.net",
  "charter.net", "earthlink.net", "shaw.ca", "rogers.com", "sympatico.ca",
  "bigpond.com", "bigpond.net.au", "optusnet.com.au", "xtra.co.nz",
  "mail.ru", "inbox.ru", "list.ru", "bk.ru", "rambler.ru", "ya.ru", "ukr.net",
  "seznam.cz", "wp.pl", "o2.pl", "onet.pl", "interia.pl",
  "qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "sina.com", "sina.cn", "sohu.com",
  "aliyun.com", "naver.com", "daum.net", "hanmail.net", "rediffmail.com",
  "uol.com.br", "bol.com.br", "terra.com.br", "ig.com.br",
  // Disposable inboxes: even less of a customer signal.
  "mailinator.com", "yopmail.com", "guerrillamail.com", "10minutemail.com",
]);

// Brands whose free mail runs under many country domains (hotmail.co.uk,
// yahoo.co.jp, gmx.at, yandex.kz, outlook.de, aol.fr): matched on the label
// before the public suffix rather than listing every country.
const FREE_MAIL_BRANDS: ReadonlySet<string> = new Set(["hotmail", "yahoo", "gmx", "yandex", "outlook", "aol"]);

function isFreeMailRegistrable(domain: string): boolean {
  if (FREE_MAIL_DOMAINS.has(domain)) return true;
  return FREE_MAIL_BRANDS.has(domain.slice(0, domain.indexOf(".")));
}

/** Whether a domain (raw or normalized) belongs to a consumer mail provider, so it never identifies a customer. */
export function isFreeMailDomain(domain: string): boolean {
  const registrable = normalizeDomain(domain);
  return registrable !== null && isFreeMailRegistrable(registrable);
}

// Partners often paste the customer's social profile, map pin or a short
// link as its "website". Such a domain is shared by every customer, so it is
// treated as no website at all (the contact's email decides instead). A deal
// for, say, Google itself still matches on its @google.com contact and name.
const NON_CUSTOMER_WEBSITES: ReadonlySet<string> = new Set([
  "facebook.com", "fb.com", "linkedin.com", "instagram.com", "twitter.com", "x.com",
  "youtube.com", "tiktok.com", "t.me", "wa.me", "linktr.ee", "bit.ly", "goo.gl", "g.page",
  "google.com", "wikipedia.org", "crunchbase.com", "yelp.com",
]);

/**
 * The domain a registration's customer is matched on: the website's
 * registrable domain, else the contact email's unless it is free mail, else null.
 */
export function customerDomainKey(input: { website?: string | null; contactEmail?: string | null }): string | null {
  if (input.website) {
    const site = normalizeDomain(input.website);
    if (site !== null && !NON_CUSTOMER_WEBSITES.has(site) && !isFreeMailRegistrable(site)) return site;
  }
  if (input.contactEmail) {
    const mail = emailDomain(input.contactEmail);
    if (mail !== null && !isFreeMailRegistrable(mail)) return mail;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Company names
// ---------------------------------------------------------------------------

// Symbols go before NFKD, which would otherwise spell "™" as "tm" and glue it
// onto the name ("Acme™" -> "acmetm").
const SYMBOLS = /\p{S}+/gu;
// Only marks on Latin letters are accents to drop. On other scripts marks are
// part of the letter (Japanese dakuten, Cyrillic й, Devanagari vowel signs);
// the NFC pass afterwards recomposes those (and Hangul syllables) as typed.
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;
// Latin letters NFKD leaves whole.
const SPECIAL_LETTERS = /[ßæøłđœþðıħ]/g;
const SPECIAL_LETTER_MAP: Readonly<Record<string, string>> = {
  ß: "ss", æ: "ae", ø: "o", ł: "l", đ: "d", œ: "oe", þ: "th", ð: "d", ı: "i", ħ: "h",
};
// Removed, not spaced, so "McDonald's" stays one word.
const APOSTROPHES = /['’ʼ‘`]/g;
const AMPERSAND = /&/g;
// Single letters joined by dots ("s.a.", "s.p.a.", "g.m.b.h.", "j.p.") become
// one token, so dotted and undotted legal forms and initials compare equal.
const DOTTED_INITIALS = /(?<![\p{L}\p{N}])\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}])/gu;
const DOTS = /\./g;
const foldSpecialLetter = (c: string): string => SPECIAL_LETTER_MAP[c] ?? c;
const joinInitials = (m: string): string => m.replace(DOTS, "");
const NON_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

// Abbreviations with a single reading in company names, expanded so "Acme
// Intl" and "Acme International" share a key.
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ["intl", "international"], ["natl", "national"], ["mfg", "manufacturing"],
  ["mgmt", "management"], ["svcs", "services"], ["bros", "brothers"], ["assoc", "associates"],
]);

// Legal forms, as tokens after the steps above ("S.A." -> "sa", "S. A." -> "s a").
// Stripped only at the end: the same word inside a name is part of the name.
const LEGAL_FORMS = [
  "inc", "incorporated", "corp", "corporation", "co", "company", "and co", "and company",
  "ltd", "limited", "private limited", "pvt", "llc", "llp", "lp", "l p", "plc",
  "gmbh", "mbh", "ag", "kg", "kgaa", "ohg", "ug", "ug haftungsbeschrankt", "ek", "e k",
  "se", "sa", "s a", "sas", "sasu", "sarl", "eurl", "sl", "s l", "srl", "spa", "s p a",
  "sa de cv", "s a de c v", "ltda", "lda",
  "bv", "b v", "nv", "n v", "oy", "oyj", "ab", "as", "a s", "asa", "aps",
  "pty", "pte", "sdn bhd", "bhd", "kk", "k k", "kabushiki kaisha", "kabushiki gaisha",
  "ehf", "hf", "ooo", "zao", "oao", "pao", "ооо", "зао", "оао", "пао", "ао", "sro", "s r o", "sp z o o", "sp z oo", "doo", "d o o",
  "株式会社", "有限会社", "合同会社", "股份有限公司", "有限责任公司", "有限公司", "주식회사",
];

// Indexed by last token, longest form first, so the strip loop does one map lookup per round.
const LEGAL_FORMS_BY_LAST_TOKEN: ReadonlyMap<string, readonly (readonly string[])[]> = (() => {
  const byLast = new Map<string, string[][]>();
  for (const form of LEGAL_FORMS) {
    const tokens = form.split(" ");
    const last = tokens[tokens.length - 1]!;
    const list = byLast.get(last) ?? [];
    list.push(tokens);
    byLast.set(last, list);
  }
  for (const list of byLast.values()) list.sort((a, b) => b.length - a.length);
  return byLast;
})();

// CJK names have no spaces, so their legal forms are usually glued on as a
// prefix or suffix ("トヨタ株式会社", "株式会社トヨタ"). Longest first: 股份有限公司 before 有限公司.
const CJK_LEGAL_FORMS = ["股份有限公司", "有限责任公司", "株式会社", "有限会社", "合同会社", "有限公司", "주식회사"];
const CJK_LEGAL_FORM_SET: ReadonlySet<string> = new Set(CJK_LEGAL_FORMS);

function endsWithTokens(tokens: readonly string[], form: readonly string[]): boolean {
  const offset = tokens.length - form.length;
  for (let i = 0; i < form.length; i++) if (tokens[offset + i] !== form[i]) return false;
  return true;
}

function stripCjkLegalForms(tokens: string[]): string[] {
  let t = tokens;
  if (t.length > 1 && CJK_LEGAL_FORM_SET.has(t[0]!)) t = t.slice(1);
  const first = t[0]!;
  for (const form of CJK_LEGAL_FORMS) {
    if (first.length > form.length && first.startsWith(form)) {
      t = [first.slice(form.length), ...t.slice(1)];
      break;
    }
  }
  const last = t[t.length - 1]!;
  for (const form of CJK_LEGAL_FORMS) {
    if (last.length > form.length && last.endsWith(form)) {
      t = [...t.slice(0, -1), last.slice(0, -form.length)];
      break;
    }
  }
  return t;
}

// Forms that lead the name: "the", and Russian/CIS forms, which precede it
// ("ООО Ромашка", also transliterated "OOO Romashka").
const LEADING_FORMS: ReadonlySet<string> = new Set(["the", "ооо", "оао", "зао", "пао", "ао", "ип", "ooo", "oao", "zao", "pao"]);

// Each step keeps at least one token, so a name made only of a legal form
// ("The Company", "S.A.") keeps its last non-empty form instead of vanishing.
// Leading forms go first so "The Company" keeps "company", not "the".
function stripLegalForms(tokens: string[]): string[] {
  let t = tokens;
  while (t.length > 1 && LEADING_FORMS.has(t[0]!)) t = t.slice(1);
  for (;;) {
    const forms = t.length > 1 ? LEGAL_FORMS_BY_LAST_TOKEN.get(t[t.length - 1]!) : undefined;
    const form = forms?.find((f) => f.length < t.length && endsWithTokens(t, f));
    if (!form) return t;
    t = t.slice(0, t.length - form.length);
    // "Smith & Co." and "Acme GmbH & Co. KG" leave a dangling "and".
    if (t.length > 1 && t[t.length - 1] === "and") t = t.slice(0, -1);
  }
}

function companyTokens(name: string): string[] {
  const s = name
    .replace(SYMBOLS, " ")
    .normalize("NFKD")
    .replace(LATIN_MARKS, "$1")
    .normalize("NFC")
    .toLowerCase()
    .replace(SPECIAL_LETTERS, foldSpecialLetter)
    .replace(APOSTROPHES, "")
    .replace(AMPERSAND, " and ")
    .replace(DOTTED_INITIALS, joinInitials)
    .replace(NON_WORD, " ")
    .trim();
  if (s === "") return [];
  let tokens = s.split(" ").map((t) => ABBREVIATIONS.get(t) ?? t);
  if (CJK.test(s)) tokens = stripCjkLegalForms(tokens);
  return stripLegalForms(tokens);
}

/**
 * A company name folded for matching: accents and case dropped, "&" as "and",
 * punctuation as spaces, a leading "the" and trailing legal forms removed
 * ("Müller Bäckerei GmbH" -> "muller backerei"). Non-Latin scripts are kept.
 */
export function normalizeCompanyName(name: string): string {
  return companyTokens(name).join(" ");
}

/** The normalized name without spaces, for exact indexed lookups ("Acme-Networks GmbH" -> "acmenetworks"). */
export function companyNameKey(name: string): string {
  return companyTokens(name).join("");
}

// Words so common in company names that an index lookup on them returns a
// large share of all customers. Kept deliberately short: industry words such
// as "networks", "software" or "digital" still tell most customers of one
// vendor apart, and keeping them lets a typo in the distinctive word ("Acmee
// Networks") still find "Acme Networks" through the other token.
const GENERIC_WORDS: ReadonlySet<string> = new Set([
  "solutions", "solution", "systems", "services", "service", "group", "holdings", "holding",
  "international", "global", "worldwide", "technologies", "technology", "tech",
  "consulting", "consultants", "partners", "enterprises", "industries", "associates", "ventures",
]);
const STOP_WORDS: ReadonlySet<string> = new Set([
  "and", "the", "of", "for", "und", "der", "die", "das", "von", "van", "de", "la", "le", "et", "y", "du", "des", "del",
]);
const MAX_INDEX_TOKENS = 5;

/**
 * Distinct tokens of the normalized name to look candidates up by in an
 * index: length >= 3 (a CJK token counts whole), generic business words and
 * stop words left out unless nothing else remains, at most 5, longest first.
 * Pair with companyNameKey: "Acme-Networks" and "AcmeNetworks" share a key, not a token.
 */
export function companyNameTokens(name: string): string[] {
  const useful: string[] = [];
  for (const t of new Set(companyTokens(name))) {
    if ((t.length >= 3 || CJK.test(t)) && !STOP_WORDS.has(t)) useful.push(t);
  }
  const distinctive = useful.filter((t) => !GENERIC_WORDS.has(t));
  // "Global Solutions Ltd" must still be findable by something.
  const picked = distinctive.length > 0 ? distinctive : useful;
  picked.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return picked.slice(0, MAX_INDEX_TOKENS);
}

/**
 * Similarity at or above which two customer names are reported as a potential
 * conflict. 0.85 sits above names that differ only in their distinctive word
 * ("Acme Networks" / "Apex Networks" ~0.6, "Acme Solutions" / "Acme Systems"
 * ~0.83) and below one-letter typos in an 8+ letter key (~0.8-0.9 by trigrams,
 * 1 by tokens). Erring towards flagging is deliberate: a flagged pair costs a
 * channel manager a glance, a missed one costs two partners the same deal.
 */
export const NAME_MATCH_THRESHOLD = 0.85;

const TOKEN_MATCH_JARO_WINKLER = 0.92;
// Generic and stop words still count when shared, but little: "Acme Solutions"
// and "Globex Solutions" share a word, not a customer.
const WEAK_TOKEN_WEIGHT = 0.2;

function tokenWeight(token: string): number {
  return GENERIC_WORDS.has(token) || STOP_WORDS.has(token) ? WEAK_TOKEN_WEIGHT : 1;
}

function trigrams(key: string): Set<string> {
  // Padded so short keys still have trigrams and first/last letters weigh in.
  const s = ` ${key} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) grams.add(s.slice(i, i + 3));
  return grams;
}

function trigramDice(a: string, b: string): number {
  const ga = trigrams(a);
  const gb = trigrams(b);
  let shared = 0;
  for (const g of ga) if (gb.has(g)) shared++;
  return (2 * shared) / (ga.size + gb.size);
}

function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const matchedA = new Uint8Array(la);
  const matchedB = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (!matchedB[j] && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  for (let i = 0, j = 0; i < la; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[j]) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) halfTranspositions++;
    j++;
  }
  const jaro = (matches / la + matches / lb + (matches - halfTranspositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

// Jaro-Winkler is at most jaro + 0.4 * (1 - jaro) and jaro at most
// (shorter/longer + 2) / 3, so tokens of very different lengths (most pairs)
// are ruled out without running it: 0.4 + 0.6 * (r + 2) / 3 >= 0.92 needs a
// length ratio r >= 0.6 (written out: the float formula lands a hair above 0.6).
const MIN_LENGTH_RATIO = 0.6;
function tokensAlike(a: string, b: string): boolean {
  if (Math.min(a.length, b.length) < MIN_LENGTH_RATIO * Math.max(a.length, b.length)) return false;
  return jaroWinkler(a, b) >= TOKEN_MATCH_JARO_WINKLER;
}

// Weighted share of `short`'s tokens found in `long`. When `short` has only
// weak words it is measured against `long`'s weight instead, so "Global
// Solutions" is not contained in every "... Global Solutions".
function tokenContainment(short: readonly string[], long: readonly string[]): number {
  const longSet = new Set(long);
  let found = 0;
  let total = 0;
  let distinctive = false;
  for (const t of new Set(short)) {
    const w = tokenWeight(t);
    total += w;
    if (w === 1) distinctive = true;
    if (longSet.has(t) || long.some((l) => tokensAlike(t, l))) found += w;
  }
  if (!distinctive) {
    let longTotal = 0;
    for (const t of longSet) longTotal += tokenWeight(t);
    total = Math.max(total, longTotal);
  }
  return total === 0 ? 0 : Math.min(1, found / total);
}

function tokenSetSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length < b.length) return tokenContainment(a, b);
  if (b.length < a.length) return tokenContainment(b, a);
  // Same length: either could be "the shorter"; take the stricter so the score is symmetric.
  return Math.min(tokenContainment(a, b), tokenContainment(b, a));
}

// A conflict check scores one new name against every candidate, and most of
// a score is normalization, so the first argument's tokens are remembered
// (one entry, never mutated) and the new name is folded once, not per candidate.
let lastFirstName: string | null = null;
let lastFirstTokens: string[] = [];
function tokensOfRepeatedName(name: string): string[] {
  if (name !== lastFirstName) {
    lastFirstTokens = companyTokens(name);
    lastFirstName = name;
  }
  return lastFirstTokens;
}

/**
 * 0..1 similarity of two raw company names: the higher of trigram Sørensen–Dice
 * on the space-less keys (typos, split or joined words) and weighted token-set
 * containment with Jaro-Winkler >= 0.92 token matches (word order, extra words).
 * Compare against NAME_MATCH_THRESHOLD. Pass the name being checked first
 * when scoring it against many candidates: it is normalized only once.
 */
export function companyNameSimilarity(a: string, b: string): number {
  const ta = tokensOfRepeatedName(a);
  const tb = companyTokens(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  const ka = ta.join("");
  const kb = tb.join("");
  if (ka === kb) return 1;
  return Math.max(trigramDice(ka, kb), tokenSetSimilarity(ta, tb));
}

// ---------------------------------------------------------------------------
// Products
// ---------------------------------------------------------------------------

const WHITESPACE_RUN = /\s+/g;

/** Product keys for "same products" comparison: trimmed, lowercased, inner whitespace collapsed, distinct, sorted. */
export function normalizeProducts(products: string[]): string[] {
  const keys = new Set<string>();
  for (const p of products) {
    // NFKC so a full-width or ligature spelling from a pasted catalogue compares equal.
    const key = p.normalize("NFKC").trim().replace(WHITESPACE_RUN, " ").toLowerCase();
    if (key !== "") keys.add(key);
  }
  return [...keys].sort();
}

/** Product keys present in both lists, sorted. */
export function sharedProducts(a: string[], b: string[]): string[] {
  const inB = new Set(normalizeProducts(b));
  return normalizeProducts(a).filter((p) => inB.has(p));
}

// Password hashing that runs inside workerd.
//
// Why PBKDF2-SHA256 and not argon2/scrypt: Workers only offer WebCrypto, whose
// one password KDF is PBKDF2; a WASM argon2 would cost CPU-time limits and
// bundle size on every login. Production Workers reject more than 100,000
// iterations, so we use exactly that, with a 16-byte random salt and a 32-byte
// derived key. The stored format is self-describing
// (`$pbkdf2-sha256$v=1$i=<iterations>$<salt>$<hash>`, base64url) so the
// parameters or the algorithm can be raised later: `needsRehash` tells the
// login verb to re-hash a password stored with weaker parameters.

const ITERATIONS = 100_000;
const SALT_BYTES = 16;
const KEY_BITS = 256;
const PREFIX = "$pbkdf2-sha256$v=1$";

const encoder = new TextEncoder();

export function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(password.normalize("NFKC")), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
    key,
    KEY_BITS,
  );
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, ITERATIONS);
  return `${PREFIX}i=${ITERATIONS}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

function parse(stored: string): { iterations: number; salt: Uint8Array; hash: Uint8Array } | null {
  const m = /^\$pbkdf2-sha256\$v=1\$i=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (!m) return null;
  return { iterations: Number(m[1]), salt: fromBase64Url(m[2]!), hash: fromBase64Url(m[3]!) };
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

// Verifying against this when the email is unknown keeps both paths equally slow.
const DUMMY = "$pbkdf2-sha256$v=1$i=100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = parse(stored ?? DUMMY) ?? parse(DUMMY)!;
  const actual = await derive(password, parsed.salt, parsed.iterations);
  return stored != null && constantTimeEqual(actual, parsed.hash);
}

export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.iterations < ITERATIONS;
}

// What this isolate last saw of a session: its id, its membership (role,
// organization, profile) and when it was last touched. Lets a request build
// its actor, and the verb its scoped statements, before any database call.
//
// Why a per-isolate memory and not claims signed into the token: the token's
// format is part of the API's contract (`pps_` and 43 base64url characters,
// 256 random bits, pinned by the auth tests, held opaque by the portal and by
// every client), and 256 bits cannot hold a session id, a membership id and
// an organization id beside a secret. Nothing here is trusted: an entry is a
// prediction that the database checks inside the verb's own first call
// (`sessionGateStatement`), so a stale, evicted or missing entry costs at most
// the separate session round trip every request paid before, never access.
import type { MembershipRef } from "../context.ts";

export interface SessionClaims {
  sessionId: string;
  membership: MembershipRef;
  /** last_seen_at as the database had it at the last check: the touch is skipped while it is fresh. */
  lastSeenAt: number;
}

// Bounded: the oldest entry goes first (a Map iterates in insertion order,
// and a hit is re-inserted).
const MAX_ENTRIES = 10_000;
const entries = new Map<string, SessionClaims>();

const keyOf = (tenantId: string, tokenHash: string) => `${tenantId}:${tokenHash}`;

export function rememberSession(tenantId: string, tokenHash: string, claims: SessionClaims): void {
  const key = keyOf(tenantId, tokenHash);
  entries.delete(key);
  entries.set(key, claims);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

export function recallSession(tenantId: string, tokenHash: string): SessionClaims | undefined {
  return entries.get(keyOf(tenantId, tokenHash));
}

export function forgetSession(tenantId: string, tokenHash: string): void {
  entries.delete(keyOf(tenantId, tokenHash));
}

// Who is calling: a session token (pps_…) or an API key (ppk_…) checked
// against this tenant's database. Anything else, or anything expired or
// revoked, is the anonymous actor; routes decide whether that is enough.
// This is the eager check (its own round trip); `deferred-session.ts` folds
// the same rules into the verb's first call when the session is known.
import type { Role } from "../../../db/tenant/schema.ts";
import type { Actor } from "../context.ts";
import type { TenantDb } from "../db.ts";
import type { SessionClaims } from "./session-claims.ts";
import { memberFromRow, validateSessionStatements } from "./sessions.ts";
import { hashToken } from "./tokens.ts";

/** Touches and reads a session by its token hash: its claims, or null when it is not (or no longer) valid. */
export async function verifySession({ db, tokenHash, now }: { db: TenantDb; tokenHash: string; now: number }): Promise<SessionClaims | null> {
  const [touched, found] = await db.$client.batch(validateSessionStatements(tokenHash, now), "deferred");
  const row = found?.rows[0];
  if (!row) return null;
  return {
    sessionId: String(row.session_id),
    membership: memberFromRow(row),
    lastSeenAt: touched!.rowsAffected > 0 ? now : Number(row.session_last_seen_at),
  };
}

export function sessionActor(claims: SessionClaims): Actor {
  const membership = { ...claims.membership };
  return { kind: "user", membership, role: membership.role, partnerOrgId: membership.partnerOrgId, sessionId: claims.sessionId };
}

export async function authenticate({ db, token, now }: { db: TenantDb; token: string | null; now: number }): Promise<Actor> {
  if (token?.startsWith("pps_")) {
    const claims = await verifySession({ db, tokenHash: await hashToken(token), now });
    return claims ? sessionActor(claims) : { kind: "anonymous" };
  }
  if (token?.startsWith("ppk_")) {
    const tokenHash = await hashToken(token);
    // last_used_at is refreshed at most once a minute, in the same round trip.
    const [, found] = await db.$client.batch(
      [
        {
          sql: "UPDATE api_keys SET last_used_at = ? WHERE token_hash = ? AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < ?)",
          args: [now, tokenHash, now - 60_000],
        },
        { sql: "SELECT id, role, partner_org_id FROM api_keys WHERE token_hash = ? AND revoked_at IS NULL", args: [tokenHash] },
      ],
      "deferred",
    );
    const key = found?.rows[0];
    if (!key) return { kind: "anonymous" };
    return {
      kind: "apiKey",
      keyId: String(key.id),
      role: String(key.role) as Role,
      partnerOrgId: key.partner_org_id == null ? null : String(key.partner_org_id),
    };
  }
  return { kind: "anonymous" };
}

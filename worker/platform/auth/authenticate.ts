// Who is calling: a session token (pps_…) or an API key (ppk_…) checked
// against this tenant's database. Anything else, or anything expired or
// revoked, is the anonymous actor; routes decide whether that is enough.
import type { Role } from "../../../db/tenant/schema.ts";
import type { Actor } from "../context.ts";
import type { TenantDb } from "../db.ts";
import { memberFromRow, validateSessionStatements } from "./sessions.ts";
import { hashToken } from "./tokens.ts";

export async function authenticate({ db, token, now }: { db: TenantDb; token: string | null; now: number }): Promise<Actor> {
  if (token?.startsWith("pps_")) {
    const [, found] = await db.$client.batch(validateSessionStatements(await hashToken(token), now), "deferred");
    const row = found?.rows[0];
    if (!row) return { kind: "anonymous" };
    const member = memberFromRow(row);
    return { kind: "user", membership: member, role: member.role, partnerOrgId: member.partnerOrgId, sessionId: String(row.session_id) };
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

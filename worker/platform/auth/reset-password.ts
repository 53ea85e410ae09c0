// Completes a reset: the single-use token is spent and the password replaced
// in one control batch; every session of the person in this portal is ended
// and a fresh one started in one tenant batch.
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../context.ts";
import { BadRequest, Unauthenticated } from "../errors.ts";
import { passwordField, tokenField } from "../fields.ts";
import { auditRow, guardRows, sql } from "../side-rows.ts";
import { toMe, type Me } from "./me.ts";
import { hashPassword } from "./password.ts";
import { insertSessionForIdentity, memberFromRow, newSession, selectMemberByIdentity } from "./sessions.ts";
import { rememberSession } from "./session-claims.ts";
import { hashToken } from "./tokens.ts";

export const resetPasswordInput = z.object({ token: tokenField, password: passwordField }).openapi("PasswordResetConfirm");

const invalidToken = () =>
  new BadRequest("This reset link is invalid or has expired. Ask for a new one.", "invalid_token", [
    { field: "token", message: "This reset link is invalid or has expired." },
  ]);

export async function resetPassword({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof resetPasswordInput>;
}): Promise<{ session: { token: string; expiresAt: number }; user: Me }> {
  const { now } = ctx;
  const tokenHash = await hashToken(input.token);
  const passwordHash = await hashPassword(input.password);
  const [spent] = await ctx.control.$client.batch(
    [
      {
        sql: `UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? AND tenant_id = ?
              RETURNING identity_id`,
        args: [now, tokenHash, now, ctx.tenant.id],
      },
      // changes() = 1: only if the statement before changed a row, i.e. this
      // token was spent just now; a replayed or foreign token changes nothing.
      {
        sql: `UPDATE identities SET password_hash = ?, updated_at = ?
              WHERE changes() = 1 AND id = (SELECT identity_id FROM password_resets WHERE token_hash = ?)`,
        args: [passwordHash, now, tokenHash],
      },
      // Any other outstanding link for the same person dies with this one.
      {
        sql: `UPDATE password_resets SET used_at = ? WHERE changes() = 1 AND used_at IS NULL
              AND identity_id = (SELECT identity_id FROM password_resets WHERE token_hash = ?)`,
        args: [now, tokenHash],
      },
    ],
    "write",
  );
  const identityId = spent?.rows[0]?.identity_id;
  if (identityId == null) throw invalidToken();

  const session = await newSession(now);
  const results = await ctx.db.$client.batch(
    [
      {
        sql: `UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL
              AND membership_id = (SELECT id FROM memberships WHERE identity_id = ?)`,
        args: [now, String(identityId)],
      },
      insertSessionForIdentity(session, String(identityId), now, ctx.client),
      auditRow(
        { actor: { kind: "anonymous" }, now },
        { action: "auth.password_reset", target: { type: "membership", id: sql("s.membership_id") }, actor: { kind: "user", id: sql("s.membership_id") } },
        guardRows("sessions", "s", "s.id = ?", [session.id]),
      ),
      selectMemberByIdentity(String(identityId)),
    ],
    "write",
  );
  const row = results.at(-1)!.rows[0];
  if (!row || results.at(-3)!.rows.length === 0) {
    throw new Unauthenticated("Your password was changed, but this portal account is disabled.", "membership_disabled");
  }
  const member = memberFromRow(row);
  rememberSession(ctx.tenant.id, session.tokenHash, { sessionId: session.id, membership: member, lastSeenAt: now });
  return { session: { token: session.token, expiresAt: session.expiresAt }, user: toMe(member, ctx.tenant) };
}

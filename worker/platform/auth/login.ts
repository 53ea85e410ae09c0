// Password login to one vendor's portal with the person's platform-wide
// identity. Two round trips: the control database (throttle + identity) and
// the tenant database (membership check + new session + audit, one batch);
// a failure adds one control write (its count), a success after failures one
// delete (the count is wiped).
//
// Throttling counts FAILED sign-ins per portal and email, so signing in
// correctly as often as one likes never locks anyone out (the demo seed signs
// in at every `npm start`). What an attacker can and cannot do:
// - guess one person's password from one address: 10 wrong guesses per 15
//   minutes, then that address is refused for that email until the window
//   ends (the right password included, so guessing cannot go on);
// - lock a person out by guessing their email: only at the attacker's own
//   addresses. The person signing in from elsewhere is not refused until 100
//   failures from all addresses together (10 each from at least 10 addresses)
//   land within 15 minutes, and their own successful sign-in wipes the count;
// - spread guesses over many emails from one address: every attempt, right or
//   wrong, counts against the address, 300 per 15 minutes;
// - tell whether an email has an account: no, unknown emails are counted,
//   hashed against and refused exactly like known ones.
// Counts are read before the password is hashed and written after, so guesses
// sent in parallel can pass the limit by as many as are in flight at once.
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../context.ts";
import { Unauthenticated } from "../errors.ts";
import { emailField } from "../fields.ts";
import { auditRow, guardRows, sql } from "../side-rows.ts";
import { toMe, type Me } from "./me.ts";
import { hashPassword, needsRehash, verifyPassword } from "./password.ts";
import { assertBelowLimit, assertWithinLimit, clearStatement, countStatement, hitStatement, limits } from "./rate-limit.ts";
import {
  insertSessionForIdentity,
  memberFromRow,
  newSession,
  revokeSessionByToken,
  selectMemberByIdentity,
} from "./sessions.ts";
import { forgetSession, rememberSession } from "./session-claims.ts";
import { hashToken } from "./tokens.ts";

export const loginInput = z
  .object({ email: emailField, password: z.string().min(1, "Enter your password.").max(200) })
  .openapi("LoginInput");

const invalid = () => new Unauthenticated("The email or password is incorrect.", "invalid_credentials");

export async function login({
  ctx,
  input,
  previousToken,
}: {
  ctx: Ctx;
  input: z.infer<typeof loginInput>;
  previousToken?: string | null;
}): Promise<{ session: { token: string; expiresAt: number }; user: Me }> {
  const { now } = ctx;
  const ip = ctx.client?.ip ?? null;
  const fromHere = limits.loginFailuresPerAddress(ctx.tenant.id, input.email, ip ?? "unknown");
  const anywhere = limits.loginFailuresPerAccount(ctx.tenant.id, input.email);
  const ipLimit = ip ? limits.loginPerIp(ip) : null;
  const rs = await ctx.control.$client.batch(
    [
      countStatement(fromHere, now),
      countStatement(anywhere, now),
      ...(ipLimit ? [hitStatement(ipLimit, now)] : []),
      { sql: "SELECT id, password_hash FROM identities WHERE email = ?", args: [input.email] },
    ],
    "write",
  );
  // Throttling applies to unknown emails too, so its message reveals nothing.
  assertBelowLimit(fromHere, rs[0], now);
  assertBelowLimit(anywhere, rs[1], now);
  if (ipLimit) assertWithinLimit(ipLimit, rs[2], now);
  const failedBefore = rs[0]!.rows.length > 0 || rs[1]!.rows.length > 0;
  const failed = async () => {
    await ctx.control.$client.batch([hitStatement(fromHere, now), hitStatement(anywhere, now)], "write");
    return invalid();
  };
  const identity = rs.at(-1)!.rows[0];
  const ok = await verifyPassword(input.password, (identity?.password_hash as string | null) ?? null);
  if (!identity || !ok) throw await failed();
  const identityId = String(identity.id);

  const session = await newSession(now);
  const previousHash = previousToken ? await hashToken(previousToken) : null;
  const results = await ctx.db.$client.batch(
    [
      ...(previousHash ? [revokeSessionByToken(previousHash, now)] : []),
      insertSessionForIdentity(session, identityId, now, ctx.client),
      // The audit row is written only if the session was, in the same batch.
      auditRow(
        { actor: { kind: "anonymous" }, now },
        { action: "auth.login", target: { type: "session", id: sql("s.id") }, actor: { kind: "user", id: sql("s.membership_id") } },
        guardRows("sessions", "s", "s.id = ?", [session.id]),
      ),
      selectMemberByIdentity(identityId),
    ],
    "write",
  );
  const inserted = results.at(-3)!.rows.length > 0;
  const row = results.at(-1)!.rows[0];
  // Not a member of this portal (or disabled): same answer as a bad password.
  if (!inserted || !row) throw await failed();
  const member = memberFromRow(row);
  // The next request with this token can then skip its own session round trip (see session-claims.ts).
  if (previousHash) forgetSession(ctx.tenant.id, previousHash);
  rememberSession(ctx.tenant.id, session.tokenHash, { sessionId: session.id, membership: member, lastSeenAt: now });

  const afterwards = [
    ...(failedBefore ? [clearStatement(fromHere, anywhere)] : []),
    ...(needsRehash(String(identity.password_hash))
      ? [{ sql: "UPDATE identities SET password_hash = ?, updated_at = ? WHERE id = ?", args: [await hashPassword(input.password), now, identityId] }]
      : []),
  ];
  if (afterwards.length > 0) await ctx.control.$client.batch(afterwards, "write");
  return { session: { token: session.token, expiresAt: session.expiresAt }, user: toMe(member, ctx.tenant) };
}

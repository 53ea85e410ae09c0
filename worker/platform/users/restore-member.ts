// Restores a removed member: their membership is active again and they can
// sign in with their usual credentials. Sessions ended by the removal stay
// ended.
import { auditWhen } from "../audit.ts";
import type { Ctx } from "../context.ts";
import { NotFound } from "../errors.ts";
import { userFromRow, type User } from "./list-users.ts";
import { authorize, orgScope } from "../policy.ts";
import { getManagedMemberOrThrow, SELECT_USER_SQL } from "./member-record.ts";

export async function restoreMember({ ctx, membershipId }: { ctx: Ctx; membershipId: string }): Promise<User> {
  // No rule about oneself: whoever is signed in is active, so restoring them changes nothing.
  authorize(ctx.actor, "users.manage");
  const scope = orgScope(ctx.actor);
  const member = await getManagedMemberOrThrow(ctx, membershipId, scope);
  if (member.user.status === "active") return member.user;

  const { now } = ctx;
  const [, , after] = await ctx.db.$client.batch(
    [
      {
        sql: `UPDATE memberships SET status = 'active', updated_at = ?
              WHERE id = ? AND status = 'disabled' AND (? IS NULL OR partner_org_id = ?)`,
        args: [now, membershipId, scope, scope],
      },
      auditWhen(ctx.actor, now, "user.restored", { type: "membership", id: membershipId }, { sql: "SELECT 1 WHERE changes() = 1", args: [] }, {
        email: member.user.email,
      }),
      { sql: SELECT_USER_SQL, args: [membershipId] },
    ],
    "write",
  );
  const row = after!.rows[0];
  if (!row) throw new NotFound("User not found.");
  return userFromRow(row);
}

// Removes a member from the portal: the membership is disabled (kept, so
// their history still names them and they can be restored), and every
// session they hold ends in the same batch. Sign-in already refuses a
// disabled membership. Nobody removes themselves, nor the last active admin.
import { auditWhen } from "../audit.ts";
import type { Ctx } from "../context.ts";
import { NotFound } from "../errors.ts";
import { userFromRow, type User } from "./list-users.ts";
import {
  authorizeMemberChange,
  getManagedMemberOrThrow,
  isLastAdmin,
  LAST_ADMIN_GUARD,
  lastAdmin,
  SELECT_USER_SQL,
} from "./member-record.ts";

export async function removeMember({ ctx, membershipId }: { ctx: Ctx; membershipId: string }): Promise<User> {
  const scope = authorizeMemberChange(ctx, membershipId, "removal");
  const member = await getManagedMemberOrThrow(ctx, membershipId, scope);
  // Removing someone already removed changes nothing.
  if (member.user.status === "disabled") return member.user;
  if (isLastAdmin(member)) throw lastAdmin(member.user.role);

  const { now } = ctx;
  // Chained on `changes()` (rows changed by the statement just before, in
  // this batch): the audit row only if the update landed, the sessions only
  // if the audit row was written.
  const [update, , , after] = await ctx.db.$client.batch(
    [
      {
        sql: `UPDATE memberships SET status = 'disabled', updated_at = ?
              WHERE id = ? AND status = 'active' AND (? IS NULL OR partner_org_id = ?) AND ${LAST_ADMIN_GUARD}`,
        args: [now, membershipId, scope, scope],
      },
      auditWhen(ctx.actor, now, "user.removed", { type: "membership", id: membershipId }, { sql: "SELECT 1 WHERE changes() = 1", args: [] }, {
        email: member.user.email,
        role: member.user.role,
      }),
      {
        sql: "UPDATE sessions SET revoked_at = ? WHERE changes() = 1 AND membership_id = ? AND revoked_at IS NULL",
        args: [now, membershipId],
      },
      { sql: SELECT_USER_SQL, args: [membershipId] },
    ],
    "write",
  );
  const row = after!.rows[0];
  if (!row) throw new NotFound("User not found.");
  const user = userFromRow(row);
  // Still active although we did not change it: the last-admin guard refused.
  if (update!.rowsAffected === 0 && user.status === "active") throw lastAdmin(user.role);
  return user;
}

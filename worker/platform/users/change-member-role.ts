// Gives a member another role. Vendor admins change anyone in the portal,
// partner admins their own organization's people; a role change never moves
// a person between vendor staff and a partner organization. Nobody changes
// their own role, and demoting the last active admin is refused.
import { z } from "@hono/zod-openapi";
import { auditWhen } from "../audit.ts";
import type { Ctx } from "../context.ts";
import { Conflict, NotFound, ValidationFailed } from "../errors.ts";
import { roleField } from "../fields.ts";
import { isPartnerRole } from "../policy.ts";
import { userFromRow, type User } from "./list-users.ts";
import {
  authorizeMemberChange,
  getManagedMemberOrThrow,
  isLastAdmin,
  LAST_ADMIN_GUARD,
  lastAdmin,
  SELECT_USER_SQL,
} from "./member-record.ts";

export const changeMemberRoleInput = z.object({ role: roleField }).openapi("ChangeMemberRoleInput");

const roleNotAllowed = (partner: boolean) =>
  new ValidationFailed([
    {
      field: "role",
      message: partner ? "People of a partner organization can have partner roles only." : "Vendor staff can have vendor roles only.",
      code: "role_not_allowed",
    },
  ]);

export async function changeMemberRole({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { membershipId: string } & z.infer<typeof changeMemberRoleInput>;
}): Promise<User> {
  const { membershipId, role: to } = input;
  const scope = authorizeMemberChange(ctx, membershipId, "role");
  // A partner admin's people are all partner people: no need to look first.
  if (scope !== null && !isPartnerRole(to)) throw roleNotAllowed(true);

  const member = await getManagedMemberOrThrow(ctx, membershipId, scope);
  const from = member.user.role;
  const partner = member.user.partnerOrg !== null;
  if (isPartnerRole(to) !== partner) throw roleNotAllowed(partner);
  if (from === to) return member.user;
  if (isLastAdmin(member)) throw lastAdmin(from);

  const { now } = ctx;
  // Guarded by the role just read (a concurrent change wins cleanly) and by
  // the last-admin rule; the audit row is written only if the update landed.
  const [update, , after] = await ctx.db.$client.batch(
    [
      {
        sql: `UPDATE memberships SET role = ?, updated_at = ?
              WHERE id = ? AND role = ? AND (? IS NULL OR partner_org_id = ?) AND ${LAST_ADMIN_GUARD}`,
        args: [to, now, membershipId, from, scope, scope],
      },
      auditWhen(ctx.actor, now, "user.role_changed", { type: "membership", id: membershipId }, { sql: "SELECT 1 WHERE changes() = 1", args: [] }, {
        from,
        to,
        email: member.user.email,
      }),
      { sql: SELECT_USER_SQL, args: [membershipId] },
    ],
    "write",
  );
  const row = after!.rows[0];
  if (!row) throw new NotFound("User not found.");
  const user = userFromRow(row);
  if (update!.rowsAffected === 0 && user.role !== to) {
    // Still the role we read: only the last-admin guard can have refused it.
    if (user.role === from) throw lastAdmin(from);
    throw new Conflict("This person's role changed meanwhile. Reload and try again.", "member_changed");
  }
  return user;
}

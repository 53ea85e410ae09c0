// Invitations the actor may see: all of them for vendor staff, their own
// organization's for partner admins. Newest first, pending ones on top.
import type { Ctx } from "../context.ts";
import { authorize, orgScope } from "../policy.ts";
import { INVITATION_COLUMNS, invitationFromRow, type Invitation } from "./invitation-schema.ts";

export async function listInvitations({ ctx }: { ctx: Ctx }): Promise<{ items: Invitation[] }> {
  authorize(ctx.actor, "users.list");
  const scope = orgScope(ctx.actor);
  const rs = await ctx.db.$client.execute({
    sql: `SELECT ${INVITATION_COLUMNS} FROM invitations i
          WHERE (? IS NULL OR i.partner_org_id = ?) AND i.accepted_at IS NULL
          ORDER BY (i.revoked_at IS NULL AND i.expires_at > ?) DESC, i.created_at DESC LIMIT 200`,
    args: [scope, scope, ctx.now],
  });
  return { items: rs.rows.map((r) => invitationFromRow(r, ctx.now)) };
}

// Withdraws a pending invitation; its link stops working at once.
import { auditWhen } from "../audit.ts";
import type { Ctx } from "../context.ts";
import { NotFound } from "../errors.ts";
import { authorize, orgScope } from "../policy.ts";

export async function revokeInvitation({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  authorize(ctx.actor, "users.invite");
  const scope = orgScope(ctx.actor);
  const [updated] = await ctx.db.$client.batch(
    [
      {
        sql: `UPDATE invitations SET revoked_at = ? WHERE id = ? AND (? IS NULL OR partner_org_id = ?)
              AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id`,
        args: [ctx.now, id, scope, scope],
      },
      auditWhen(ctx.actor, ctx.now, "user.invitation_revoked", { type: "invitation", id }, {
        sql: "SELECT 1 FROM invitations WHERE id = ? AND revoked_at = ?",
        args: [id, ctx.now],
      }),
    ],
    "write",
  );
  if (updated!.rows.length === 0) throw new NotFound("Invitation not found or no longer pending.");
}

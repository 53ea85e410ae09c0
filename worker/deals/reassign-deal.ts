// Hands a registration's review to another channel manager (or vendor
// admin) of this portal; the timeline says who passed it to whom.
import { z } from "@hono/zod-openapi";
import { newId } from "../platform/auth/tokens.ts";
import { actorId, type Ctx } from "../platform/context.ts";
import { NotFound, ValidationFailed } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { dealNotification } from "../notifications/deal-notifications.ts";
import { selectDealStatement } from "./deal-record.ts";
import { dealFromRow, type Deal } from "./deal-schema.ts";

export const reassignDealInput = z.object({ reviewerId: z.string().min(1).max(64) }).openapi("ReassignDealInput");

export async function reassignDeal({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof reassignDealInput> }): Promise<Deal> {
  authorize(ctx.actor, "deals.review");
  const staff = `SELECT 1 FROM memberships WHERE id = ? AND status = 'active' AND role IN ('vendor_admin', 'channel_manager')`;
  // Every row is written only when the review really moves to an active vendor person.
  const moves = `d.id = ? AND EXISTS (${staff}) AND d.reviewer_id IS NOT ?`;
  const movesArgs = [id, input.reviewerId, input.reviewerId];
  const [reviewer, , , , , row] = await ctx.db.$client.batch(
    [
      { sql: `SELECT name FROM memberships WHERE id = ? AND status = 'active' AND role IN ('vendor_admin', 'channel_manager')`, args: [input.reviewerId] },
      {
        sql: `INSERT INTO deal_events (id, deal_id, at, actor_kind, actor_id, kind, from_status, to_status, data)
              SELECT ?, d.id, ?, ?, ?, 'reassigned', NULL, NULL, json_object('from', d.reviewer_id, 'to', ?)
              FROM deals d WHERE ${moves}`,
        args: [newId(), ctx.now, ctx.actor.kind, actorId(ctx.actor), input.reviewerId, ...movesArgs],
      },
      {
        sql: `INSERT INTO audit_log (id, at, actor_kind, actor_id, action, target_type, target_id, data)
              SELECT ?, ?, ?, ?, 'deal.reassigned', 'deal', d.id, json_object('to', ?) FROM deals d WHERE ${moves}`,
        args: [newId(), ctx.now, ctx.actor.kind, actorId(ctx.actor), input.reviewerId, ...movesArgs],
      },
      // The new reviewer hears of it (unless they took it themselves).
      dealNotification(ctx, "deal.review_assigned", moves, movesArgs, { to: { memberId: input.reviewerId } }),
      { sql: `UPDATE deals AS d SET reviewer_id = ?, updated_at = ? WHERE ${moves}`, args: [input.reviewerId, ctx.now, ...movesArgs] },
      selectDealStatement(id),
    ],
    "write",
  );
  if (!row!.rows[0]) throw new NotFound("Deal not found.");
  if (!reviewer!.rows[0]) throw new ValidationFailed([{ field: "reviewerId", message: "Choose an active channel manager or vendor admin.", code: "invalid_reviewer" }]);
  return dealFromRow(row!.rows[0], "vendor");
}

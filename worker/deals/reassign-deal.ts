// Hands a registration's review to another channel manager (or vendor
// admin) of this portal; the timeline says who passed it to whom.
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../platform/context.ts";
import { NotFound, ValidationFailed } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { auditRow, guardRows, sql, timelineEvent, updateRows } from "../platform/side-rows.ts";
import { dealNotification } from "../notifications/deal-notifications.ts";
import { selectDealStatement } from "./deal-record.ts";
import { dealFromRow, type Deal } from "./deal-schema.ts";

export const reassignDealInput = z.object({ reviewerId: z.string().min(1).max(64) }).openapi("ReassignDealInput");

export async function reassignDeal({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof reassignDealInput> }): Promise<Deal> {
  authorize(ctx.actor, "deals.review");
  const staff = `SELECT 1 FROM memberships WHERE id = ? AND status = 'active' AND role IN ('vendor_admin', 'channel_manager')`;
  // Every row is written only when the review really moves to an active vendor person.
  const moves = guardRows("deals", "d", `d.id = ? AND EXISTS (${staff}) AND d.reviewer_id IS NOT ?`, [id, input.reviewerId, input.reviewerId]);
  const [reviewer, , , , , row] = await ctx.db.$client.batch(
    [
      { sql: `SELECT name FROM memberships WHERE id = ? AND status = 'active' AND role IN ('vendor_admin', 'channel_manager')`, args: [input.reviewerId] },
      timelineEvent(
        ctx,
        { subject: { type: "deal", id: sql("d.id") }, kind: "reassigned", data: sql("json_object('from', d.reviewer_id, 'to', ?)", input.reviewerId) },
        moves,
      ),
      auditRow(ctx, { action: "deal.reassigned", target: { type: "deal", id: sql("d.id") }, data: sql("json_object('to', ?)", input.reviewerId) }, moves),
      // The new reviewer hears of it (unless they took it themselves).
      dealNotification(ctx, "deal.review_assigned", moves, { to: { memberId: input.reviewerId } }),
      updateRows(moves, { reviewer_id: input.reviewerId, updated_at: ctx.now }),
      selectDealStatement(id),
    ],
    "write",
  );
  if (!row!.rows[0]) throw new NotFound("Deal not found.");
  if (!reviewer!.rows[0]) throw new ValidationFailed([{ field: "reviewerId", message: "Choose an active channel manager or vendor admin.", code: "invalid_reviewer" }]);
  return dealFromRow(row!.rows[0], "vendor");
}

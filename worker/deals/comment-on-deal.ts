// A message on a deal's thread, from the partner or the vendor side; the
// other side sees it on the deal and hears of it in the portal (a partner's
// message reaches the reviewer, a vendor's the rep). Written with its audit
// row and notification in one batch, only when the deal is within the
// author's reach.
import { z } from "@hono/zod-openapi";
import { newId } from "../platform/auth/tokens.ts";
import { actorId, type Ctx } from "../platform/context.ts";
import { NotFound } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { auditRow, guardRows, sql } from "../platform/side-rows.ts";
import { counterpartOf, dealNotification } from "../notifications/deal-notifications.ts";
import { dealScopeOf, scopeSql } from "./deal-access.ts";

export const commentOnDealInput = z
  .object({ body: z.string().trim().min(1, "Write a message.").max(4000, "Use at most 4000 characters.") })
  .openapi("CommentOnDealInput");

export const dealCommentSchema = z
  .object({ id: z.string(), side: z.enum(["partner", "vendor"]), author: z.string().nullable(), body: z.string(), createdAt: z.number() })
  .openapi("DealComment");

export type DealComment = z.infer<typeof dealCommentSchema>;

export async function commentOnDeal({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof commentOnDealInput> }): Promise<DealComment> {
  authorize(ctx.actor, "deals.read");
  const scope = dealScopeOf(ctx.actor);
  const filter = scopeSql(scope);
  const commentId = newId();
  const author = actorId(ctx.actor);
  const [inserted, , , named] = await ctx.db.$client.batch(
    [
      {
        sql: `INSERT INTO deal_comments (id, deal_id, author_id, author_side, body, created_at)
              SELECT ?, d.id, ?, ?, ?, ? FROM deals d WHERE d.id = ? ${filter.sql}`,
        args: [commentId, author, scope.viewer, input.body, ctx.now, id, ...filter.args],
      },
      // The audit row and the notification follow the comment as written: none if the deal was out of reach.
      auditRow(ctx, { action: "deal.commented", target: { type: "deal", id: sql("c.deal_id") } }, guardRows("deal_comments", "c", "c.id = ?", [commentId])),
      dealNotification(ctx, "deal.commented", guardRows("deals", "d", "d.id = (SELECT deal_id FROM deal_comments WHERE id = ?)", [commentId]), {
        to: counterpartOf(ctx.actor),
        detail: sql("substr(?, 1, 200)", input.body),
      }),
      { sql: "SELECT name FROM memberships WHERE id = ?", args: [author] },
    ],
    "write",
  );
  if (inserted!.rowsAffected === 0) throw new NotFound("Deal not found.");
  return { id: commentId, side: scope.viewer, author: named!.rows[0]?.name == null ? null : String(named!.rows[0]!.name), body: input.body, createdAt: ctx.now };
}

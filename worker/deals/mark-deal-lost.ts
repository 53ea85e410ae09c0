// The partner or the vendor records a lost deal, with the reason.
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import { counterpartOf } from "../notifications/deal-notifications.ts";
import type { Deal } from "./deal-schema.ts";
import { transitionDeal } from "./deal-transition.ts";

export const markDealLostInput = z
  .object({ reason: z.string().trim().min(1, "Say why the deal was lost.").max(2000, "Use at most 2000 characters.") })
  .openapi("MarkDealLostInput");

export async function markDealLost({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof markDealLostInput> }): Promise<Deal> {
  authorize(ctx.actor, "deals.read");
  return transitionDeal(ctx, {
    id,
    from: ["approved", "expired", "submitted", "needs_info"],
    to: "lost",
    set: { lost_reason: input.reason, closed_at: ctx.now },
    event: "lost",
    eventData: { reason: input.reason },
    audit: "deal.lost",
    // Whoever records it, the other side of the deal hears.
    notify: { kind: "deal.lost", to: counterpartOf(ctx.actor), detail: input.reason },
    domainEvent: { kind: "deal.lost" },
  });
}

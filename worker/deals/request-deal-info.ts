// A channel manager asks the partner for more before deciding; the review
// clock stops until the partner resubmits (resubmit-deal.ts restarts it).
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import type { Deal } from "./deal-schema.ts";
import { transitionDeal } from "./deal-transition.ts";

export const requestDealInfoInput = z
  .object({ message: z.string().trim().min(1, "Say what you need.").max(2000, "Use at most 2000 characters.") })
  .openapi("RequestDealInfoInput");

export async function requestDealInfo({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof requestDealInfoInput> }): Promise<Deal> {
  authorize(ctx.actor, "deals.review");
  return transitionDeal(ctx, {
    id,
    from: ["submitted"],
    to: "needs_info",
    set: { decision_reason: input.message, review_due_at: null },
    event: "info_requested",
    eventData: { message: input.message },
    audit: "deal.info_requested",
    mail: { event: "info_requested", detail: input.message },
  });
}

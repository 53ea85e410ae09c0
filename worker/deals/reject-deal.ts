// A channel manager rejects a registration, always with a reason the partner reads.
import { z } from "@hono/zod-openapi";
import { actorId, type Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import type { Deal } from "./deal-schema.ts";
import { transitionDeal } from "./deal-transition.ts";

export const rejectDealInput = z
  .object({ reason: z.string().trim().min(1, "Tell the partner why.").max(2000, "Use at most 2000 characters.") })
  .openapi("RejectDealInput");

export async function rejectDeal({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof rejectDealInput> }): Promise<Deal> {
  authorize(ctx.actor, "deals.review");
  return transitionDeal(ctx, {
    id,
    from: ["submitted", "needs_info"],
    to: "rejected",
    set: { decided_at: ctx.now, decided_by: actorId(ctx.actor), decision_reason: input.reason },
    event: "rejected",
    eventData: { reason: input.reason },
    audit: "deal.rejected",
    domainEvent: { kind: "deal.rejected" },
    mail: { event: "rejected", detail: input.reason },
  });
}

// The partner answers a request for information and sends the registration
// back for review; the vendor's review clock starts again.
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import { currentRulesStatement, rulesFromResult } from "../program/program-rules-schema.ts";
import type { Deal } from "./deal-schema.ts";
import { transitionDeal } from "./deal-transition.ts";

const HOUR = 60 * 60 * 1000;

export const resubmitDealInput = z
  .object({
    message: z.string().trim().min(1, "Answer the vendor's question.").max(2000, "Use at most 2000 characters."),
    notes: z.string().trim().max(4000, "Use at most 4000 characters.").optional(),
  })
  .openapi("ResubmitDealInput");

export async function resubmitDeal({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof resubmitDealInput> }): Promise<Deal> {
  authorize(ctx.actor, "deals.register");
  const rules = rulesFromResult("deal_registration", await ctx.db.$client.execute(currentRulesStatement("deal_registration"))).rules;
  return transitionDeal(ctx, {
    id,
    from: ["needs_info"],
    to: "submitted",
    set: { review_due_at: ctx.now + rules.reviewSlaHours * HOUR, review_escalated_at: null, ...(input.notes !== undefined ? { notes: input.notes } : {}) },
    event: "resubmitted",
    eventData: { message: input.message },
    audit: "deal.resubmitted",
  });
}

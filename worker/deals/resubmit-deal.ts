// The partner answers a request for information and sends the registration
// back for review; the vendor's review clock starts again. With `deal`, the
// partner also edits the registration: every field is replaced and checked
// as a new registration is (validation, custom fields, conflicts), through
// registerDeal's continuation path, in the same one read and one write batch.
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../platform/context.ts";
import { ValidationFailed } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { currentRulesStatement, rulesFromResult } from "../program/program-rules-schema.ts";
import { registerDeal } from "./register-deal.ts";
import { dealInputShape, type Deal } from "./deal-schema.ts";
import { transitionDeal } from "./deal-transition.ts";

const HOUR = 60 * 60 * 1000;

export const resubmitDealInput = z
  .object({
    message: z.string().trim().min(1, "Answer the vendor's question.").max(2000, "Use at most 2000 characters."),
    notes: z.string().trim().max(4000, "Use at most 4000 characters.").optional(),
    deal: z
      .object(dealInputShape)
      .optional()
      .openapi({ description: "The registration as edited: replaces every field and is checked like a new registration." }),
  })
  .refine((input) => !(input.deal && input.notes !== undefined), {
    path: ["notes"],
    message: "When you edit the registration, put the notes in deal.notes.",
  })
  .openapi("ResubmitDealInput");

export async function resubmitDeal({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof resubmitDealInput> }): Promise<Deal> {
  authorize(ctx.actor, "deals.register");
  if (input.deal) return resubmitEdited(ctx, id, input.message, input.deal);
  const rules = rulesFromResult("deal_registration", await ctx.db.$client.execute(currentRulesStatement("deal_registration"))).rules;
  return transitionDeal(ctx, {
    id,
    from: ["needs_info"],
    to: "submitted",
    set: { review_due_at: ctx.now + rules.reviewSlaHours * HOUR, review_escalated_at: null, ...(input.notes !== undefined ? { notes: input.notes } : {}) },
    event: "resubmitted",
    eventData: { message: input.message },
    audit: "deal.resubmitted",
    notify: { kind: "deal.resubmitted", to: "reviewers", detail: input.message },
  });
}

async function resubmitEdited(ctx: Ctx, id: string, message: string, deal: NonNullable<z.infer<typeof resubmitDealInput>["deal"]>): Promise<Deal> {
  try {
    return (await registerDeal({ ctx, input: { ...deal, submit: true }, continuing: { id, from: "needs_info", message } })).deal;
  } catch (e) {
    // The registration's own checks name its fields; here they sit under `deal`.
    if (e instanceof ValidationFailed) throw new ValidationFailed((e.fields ?? []).map((f) => ({ ...f, field: `deal.${f.field}` })), e.message);
    throw e;
  }
}

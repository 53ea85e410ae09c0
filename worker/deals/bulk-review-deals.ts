// Approves or rejects many registrations from the review queue at once. Each
// deal is its own atomic transition (the same verbs as one at a time, so the
// same rules, timeline, audit and mail); the answer lists what was done and,
// for the rest, why not (an illegal move, a protected conflict, not found).
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../platform/context.ts";
import { DomainError } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { approveDeal } from "./approve-deal.ts";
import { rejectDeal } from "./reject-deal.ts";

export const bulkReviewDealsInput = z
  .object({
    ids: z.array(z.string().min(1).max(64)).min(1, "Choose at least one registration.").max(100, "Choose at most 100 at a time."),
    decision: z.enum(["approve", "reject"]),
    reason: z.string().trim().max(2000, "Use at most 2000 characters.").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "reject" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Tell the partners why." });
  })
  .openapi("BulkReviewDealsInput");

export const bulkReviewResultSchema = z
  .object({ done: z.array(z.string()), failed: z.array(z.object({ id: z.string(), code: z.string(), detail: z.string() })) })
  .openapi("BulkReviewResult");

export async function bulkReviewDeals({ ctx, input }: { ctx: Ctx; input: z.infer<typeof bulkReviewDealsInput> }): Promise<z.infer<typeof bulkReviewResultSchema>> {
  authorize(ctx.actor, "deals.review");
  const done: string[] = [];
  const failed: { id: string; code: string; detail: string }[] = [];
  for (const id of new Set(input.ids)) {
    try {
      if (input.decision === "approve") await approveDeal({ ctx, id });
      else await rejectDeal({ ctx, id, input: { reason: input.reason! } });
      done.push(id);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      failed.push({ id, code: e.code, detail: e.message });
    }
  }
  return { done, failed };
}

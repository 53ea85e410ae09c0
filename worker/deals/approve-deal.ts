// A channel manager approves a registration: its protection window starts
// now and runs for the days fixed at registration (the partner's tier or the
// program default), shown to the partner as an exact expiry date. Under
// "first approved wins" a registration cannot be approved while another
// partner's conflicting registration is protected.
import { z } from "@hono/zod-openapi";
import { actorId, type Ctx } from "../platform/context.ts";
import { NotFound, PreconditionFailed } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { currentRulesStatement, rulesFromResult } from "../program/program-rules-schema.ts";
import { otherPartnersMatches } from "./deal-conflicts.ts";
import type { Deal, DealConflict } from "./deal-schema.ts";
import { transitionDeal } from "./deal-transition.ts";

const DAY = 24 * 60 * 60 * 1000;

export const approveDealInput = z.object({ note: z.string().trim().max(2000, "Use at most 2000 characters.").optional() }).openapi("ApproveDealInput");

export async function approveDeal({ ctx, id, input = {} }: { ctx: Ctx; id: string; input?: z.infer<typeof approveDealInput> }): Promise<Deal> {
  authorize(ctx.actor, "deals.review");
  const [rulesRs, dealRs] = await ctx.db.$client.batch(
    [currentRulesStatement("deal_registration"), { sql: "SELECT protection_days, conflict FROM deals WHERE id = ?", args: [id] }],
    "read",
  );
  const row = dealRs!.rows[0];
  if (!row) throw new NotFound("Deal not found.");
  const rules = rulesFromResult("deal_registration", rulesRs!).rules;
  const conflict = row.conflict == null ? null : (JSON.parse(String(row.conflict)) as DealConflict);
  if (rules.conflictPolicy === "first_approved_wins" && conflict) {
    const ids = otherPartnersMatches(conflict).map((m) => m.dealId!);
    if (ids.length > 0) {
      const protectedRs = await ctx.db.$client.execute({
        sql: `SELECT expires_at FROM deals WHERE id IN (${ids.map(() => "?").join(", ")}) AND status = 'approved' ORDER BY expires_at DESC LIMIT 1`,
        args: ids,
      });
      const holder = protectedRs.rows[0];
      if (holder) {
        const until = new Date(Number(holder.expires_at)).toISOString().slice(0, 10);
        throw new PreconditionFailed(
          `Another partner's approved registration for this customer is protected until ${until}; under "first approved wins" this one cannot be approved.`,
          "conflict_protected",
        );
      }
    }
  }
  const days = Number(row.protection_days ?? rules.defaultProtectionDays);
  const expiresAt = ctx.now + days * DAY;
  return transitionDeal(ctx, {
    id,
    from: ["submitted", "needs_info"],
    to: "approved",
    set: { approved_at: ctx.now, decided_at: ctx.now, decided_by: actorId(ctx.actor), decision_reason: input.note ?? null, expires_at: expiresAt },
    event: "approved",
    eventData: { expiresAt, protectionDays: days, ...(input.note ? { note: input.note } : {}) },
    audit: "deal.approved",
    domainEvent: { kind: "deal.approved" },
    mail: { event: "approved", detail: input.note ?? null, date: expiresAt },
  });
}

// The partner or the vendor records a won deal: the amount and date feed won
// revenue (tier criteria, co-op accrual) through the durable domain event.
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../platform/context.ts";
import { ValidationFailed } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { counterpartOf } from "../notifications/deal-notifications.ts";
import { dateToEpoch, dealInputShape, toMinorUnits, type Deal } from "./deal-schema.ts";
import { transitionDeal } from "./deal-transition.ts";

export const markDealWonInput = z
  .object({
    amount: z.number("Enter the won amount.").positive("The amount must be more than 0.").max(1e12, "The amount is out of range."),
    // Registration's own rule: a code from the currency table, or a 422 on `currency`.
    currency: dealInputShape.currency,
    closedOn: z.iso.date("Use a date such as 2027-03-31."),
  })
  .openapi("MarkDealWonInput");

export async function markDealWon({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof markDealWonInput> }): Promise<Deal> {
  authorize(ctx.actor, "deals.read");
  const closedAt = dateToEpoch(input.closedOn);
  if (closedAt > ctx.now) throw new ValidationFailed([{ field: "closedOn", message: "A deal cannot be won in the future.", code: "date_in_future" }]);
  const wonMinor = toMinorUnits(input.amount, input.currency);
  return transitionDeal(ctx, {
    id,
    // Only a protected registration is won; an expired one can still be closed as won by the vendor's records.
    from: ["approved", "expired"],
    to: "won",
    set: { won_amount_minor: wonMinor, closed_at: closedAt },
    event: "won",
    eventData: { amountMinor: wonMinor, currency: input.currency, closedAt },
    audit: "deal.won",
    // Whoever records it, the other side of the deal hears.
    notify: { kind: "deal.won", to: counterpartOf(ctx.actor) },
    domainEvent: { kind: "deal.won", data: { amountMinor: wonMinor, currency: input.currency, closedAt } },
  });
}

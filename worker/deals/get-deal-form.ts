// What the registration form needs, for partners (who cannot read the
// program rules themselves): the tenant's custom fields and the currencies.
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import { currentRulesStatement, dealCustomFieldSchema, rulesFromResult } from "../program/program-rules-schema.ts";
import { CURRENCIES } from "./deal-schema.ts";

export const dealFormSchema = z
  .object({
    customFields: z.array(dealCustomFieldSchema),
    currencies: z.array(z.string()),
    defaultCurrency: z.string(),
    reviewSlaHours: z.number(),
    defaultProtectionDays: z.number(),
  })
  .openapi("DealForm");

export async function getDealForm({ ctx }: { ctx: Ctx }): Promise<z.infer<typeof dealFormSchema>> {
  authorize(ctx.actor, "deals.read");
  const { rules } = rulesFromResult("deal_registration", await ctx.db.$client.execute(currentRulesStatement("deal_registration")));
  return {
    customFields: rules.customFields,
    currencies: [...CURRENCIES.keys()],
    defaultCurrency: "USD",
    reviewSlaHours: rules.reviewSlaHours,
    defaultProtectionDays: rules.defaultProtectionDays,
  };
}

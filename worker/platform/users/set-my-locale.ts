// A signed-in person picks the portal's language; the email they get from then
// on (deal decisions, reminders, tier changes) is written in it.
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../context.ts";
import { Unauthenticated } from "../errors.ts";
import { locales } from "../email/templates.ts";

export const setMyLocaleInput = z
  .object({ locale: z.enum(locales, { error: `Choose one of ${locales.join(", ")}.` }) })
  .openapi("SetMyLocaleInput");

export async function setMyLocale({ ctx, input }: { ctx: Ctx; input: z.infer<typeof setMyLocaleInput> }): Promise<{ locale: string }> {
  if (ctx.actor.kind !== "user") throw new Unauthenticated();
  await ctx.db.$client.execute({
    sql: "UPDATE memberships SET locale = ?, updated_at = ? WHERE id = ? AND locale <> ?",
    args: [input.locale, ctx.now, ctx.actor.membership.id, input.locale],
  });
  return { locale: input.locale };
}

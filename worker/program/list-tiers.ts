// The tier ladder, highest rank first, with how many partners hold each tier.
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import { TIER_COLUMNS, tierFromRow, type Tier } from "./tier-schema.ts";

export const listTiersQuery = z.object({
  includeArchived: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .openapi({ description: "Also list archived tiers (after the ones in use)." }),
});

export async function listTiers({
  ctx,
  query = { includeArchived: false },
}: {
  ctx: Ctx;
  query?: z.output<typeof listTiersQuery>;
}): Promise<{ items: Tier[] }> {
  authorize(ctx.actor, "program.read");
  const rs = await ctx.db.$client.execute({
    sql: `SELECT ${TIER_COLUMNS} FROM tiers t WHERE (? OR t.archived_at IS NULL)
          ORDER BY t.archived_at IS NOT NULL, t.rank DESC, t.archived_at DESC, t.id`,
    args: [query.includeArchived ? 1 : 0],
  });
  return { items: rs.rows.map(tierFromRow) };
}

// Vendor admins add a tier to the program ladder. Rank is unique among tiers
// still in use; the check and the insert are one guarded statement, so two
// admins creating rank 30 at once cannot both succeed.
import type { z } from "@hono/zod-openapi";
import { auditWhen } from "../platform/audit.ts";
import { newId } from "../platform/auth/tokens.ts";
import type { Ctx } from "../platform/context.ts";
import { Conflict } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import type { createTierInput, Tier } from "./tier-schema.ts";

export function rankTaken(rank: number): Conflict {
  return new Conflict(`Another tier already has rank ${rank}.`, "rank_taken", [
    { field: "rank", message: "Another tier already has this rank.", code: "taken" },
  ]);
}

export async function createTier({ ctx, input }: { ctx: Ctx; input: z.output<typeof createTierInput> }): Promise<Tier> {
  authorize(ctx.actor, "program.manage");
  const id = newId();
  const { now } = ctx;
  const [inserted] = await ctx.db.$client.batch(
    [
      {
        sql: `INSERT INTO tiers (id, name, rank, color, benefits, criteria, created_at, updated_at)
              SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM tiers WHERE rank = ? AND archived_at IS NULL)
              RETURNING id`,
        args: [id, input.name, input.rank, input.color, JSON.stringify(input.benefits), JSON.stringify(input.criteria), now, now, input.rank],
      },
      auditWhen(
        ctx.actor,
        now,
        "tier.created",
        { type: "tier", id },
        { sql: "SELECT 1 FROM tiers WHERE id = ?", args: [id] },
        { name: input.name, rank: input.rank, criteria: input.criteria },
      ),
    ],
    "write",
  );
  if (inserted!.rows.length === 0) throw rankTaken(input.rank);
  return {
    id,
    name: input.name,
    rank: input.rank,
    color: input.color,
    benefits: input.benefits,
    criteria: input.criteria,
    partnerCount: 0,
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
  };
}

// Vendor admins change a tier's name, rank, colour, benefits or criteria.
// Partners keep their tier until the next evaluation (nightly or on demand)
// measures them against the new criteria.
import type { z } from "@hono/zod-openapi";
import { auditWhen } from "../platform/audit.ts";
import type { Ctx } from "../platform/context.ts";
import { NotFound, PreconditionFailed } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { rankTaken } from "./create-tier.ts";
import { TIER_COLUMNS, tierFromRow, type Tier, type updateTierInput } from "./tier-schema.ts";

export async function updateTier({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: z.output<typeof updateTierInput>;
}): Promise<Tier> {
  authorize(ctx.actor, "program.manage");
  const { now } = ctx;
  const changes: Record<string, unknown> = {};
  for (const key of ["name", "rank", "color", "benefits", "criteria"] as const) {
    if (input[key] !== undefined) changes[key] = input[key];
  }
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  const rank = input.rank ?? null;
  // Written only where the update will apply: the same guard, evaluated first.
  const applies = {
    sql: `SELECT 1 FROM tiers WHERE id = ? AND archived_at IS NULL
            AND (? IS NULL OR NOT EXISTS (SELECT 1 FROM tiers o WHERE o.rank = ? AND o.archived_at IS NULL AND o.id <> ?))`,
    args: [id, rank, rank, id],
  };
  const [, updated, after] = await ctx.db.$client.batch(
    [
      auditWhen(ctx.actor, now, "tier.updated", { type: "tier", id }, applies, changes),
      {
        sql: `UPDATE tiers SET name = coalesce(?, name), rank = coalesce(?, rank), color = coalesce(?, color),
                benefits = coalesce(?, benefits), criteria = coalesce(?, criteria), updated_at = ?
              WHERE id = ? AND EXISTS (${applies.sql}) RETURNING id`,
        args: [input.name ?? null, rank, input.color ?? null, json(input.benefits), json(input.criteria), now, id, ...applies.args],
      },
      { sql: `SELECT ${TIER_COLUMNS} FROM tiers t WHERE t.id = ?`, args: [id] },
    ],
    "write",
  );
  const row = after!.rows[0];
  if (!row) throw new NotFound("Tier not found.");
  if (updated!.rows.length === 0) {
    if (row.archived_at != null) throw new PreconditionFailed("An archived tier cannot be changed.", "tier_archived");
    throw rankTaken(rank!);
  }
  return tierFromRow(row);
}

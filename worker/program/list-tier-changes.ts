// Tier changes for vendor staff: the review queue (`status=proposed`) and the
// history, newest first, filtered by partner, status or direction and paged
// by a keyset cursor.
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../platform/context.ts";
import { decodeKeyset, encodeKeyset } from "../platform/keyset-cursor.ts";
import { authorize } from "../platform/policy.ts";
import { TIER_CHANGE_COLUMNS, TIER_CHANGE_FROM, tierChangeDirections, tierChangeFromRow, tierChangeStatuses, type TierChange } from "./tier-change-schema.ts";

export const listTierChangesQuery = z.object({
  status: z.enum(tierChangeStatuses).optional(),
  direction: z.enum(tierChangeDirections).optional(),
  partnerOrgId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

export async function listTierChanges({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: z.output<typeof listTierChangesQuery>;
}): Promise<{ items: TierChange[]; nextCursor: string | null }> {
  authorize(ctx.actor, "program.read");
  const [afterAt, afterId] = query.cursor ? decodeKeyset(query.cursor) : [null, null];
  const status = query.status ?? null;
  const direction = query.direction ?? null;
  const partner = query.partnerOrgId ?? null;
  const rs = await ctx.db.$client.execute({
    sql: `SELECT ${TIER_CHANGE_COLUMNS} FROM ${TIER_CHANGE_FROM}
          WHERE (? IS NULL OR c.status = ?) AND (? IS NULL OR c.direction = ?) AND (? IS NULL OR c.partner_org_id = ?)
            AND (? IS NULL OR c.evaluated_at < ? OR (c.evaluated_at = ? AND c.id < ?))
          ORDER BY c.evaluated_at DESC, c.id DESC LIMIT ?`,
    args: [status, status, direction, direction, partner, partner, afterAt, afterAt, afterAt, afterId, query.limit + 1],
  });
  const items = rs.rows.slice(0, query.limit).map(tierChangeFromRow);
  const last = items.at(-1);
  return { items, nextCursor: rs.rows.length > query.limit && last ? encodeKeyset(last.evaluatedAt, last.id) : null };
}

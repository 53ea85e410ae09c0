// One deal registration with its timeline, for whoever may see it (see
// deal-access.ts): one read batch, the scope in the SQL itself.
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../platform/context.ts";
import { NotFound } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { dealScopeOf, scopeSql } from "./deal-access.ts";
import { DEAL_COLUMNS, DEAL_FROM, dealFromRow, dealSchema } from "./deal-schema.ts";

export const dealTimelineEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actor: z.object({ kind: z.string(), name: z.string().nullable() }),
  data: z.record(z.string(), z.unknown()).nullable(),
});

export const dealDetailSchema = z.object({ deal: dealSchema, timeline: z.array(dealTimelineEntrySchema) }).openapi("DealDetail");
export type DealDetail = z.infer<typeof dealDetailSchema>;

export async function getDeal({ ctx, id }: { ctx: Ctx; id: string }): Promise<DealDetail> {
  authorize(ctx.actor, "deals.read");
  const scope = dealScopeOf(ctx.actor);
  const filter = scopeSql(scope);
  const [dealRs, eventsRs] = await ctx.db.$client.batch(
    [
      { sql: `SELECT ${DEAL_COLUMNS} FROM ${DEAL_FROM} WHERE d.id = ? ${filter.sql}`, args: [id, ...filter.args] },
      {
        sql: `SELECT e.id, e.at, e.kind, e.from_status, e.to_status, e.actor_kind, e.data, m.name AS actor_name
              FROM deal_events e JOIN deals d ON d.id = e.deal_id LEFT JOIN memberships m ON m.id = e.actor_id
              WHERE e.deal_id = ? ${filter.sql} ORDER BY e.at, e.rowid`,
        args: [id, ...filter.args],
      },
    ],
    "read",
  );
  const row = dealRs!.rows[0];
  if (!row) throw new NotFound("Deal not found.");
  return {
    deal: dealFromRow(row, scope.viewer),
    timeline: eventsRs!.rows.map((e) => ({
      id: String(e.id),
      at: Number(e.at),
      kind: String(e.kind),
      fromStatus: e.from_status == null ? null : String(e.from_status),
      toStatus: e.to_status == null ? null : String(e.to_status),
      actor: { kind: String(e.actor_kind), name: e.actor_name == null ? null : String(e.actor_name) },
      data: e.data == null ? null : (JSON.parse(String(e.data)) as Record<string, unknown>),
    })),
  };
}

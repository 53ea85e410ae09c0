// One deal registration with its timeline, for whoever may see it (see
// deal-access.ts): one read batch, the scope in the SQL itself.
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../platform/context.ts";
import { NotFound } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { dealScopeOf, scopeSql } from "./deal-access.ts";
import { dealCommentSchema } from "./comment-on-deal.ts";
import { DEAL_COLUMNS, DEAL_FROM, dealFromRow, dealSchema } from "./deal-schema.ts";
import { dealExtensionSchema, EXTENSION_COLUMNS, extensionFromRow } from "./extension-schema.ts";

export const dealTimelineEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actor: z.object({ kind: z.string(), name: z.string().nullable() }),
  data: z.record(z.string(), z.unknown()).nullable(),
});

export const dealDetailSchema = z
  .object({
    deal: dealSchema,
    timeline: z.array(dealTimelineEntrySchema),
    comments: z.array(dealCommentSchema),
    extensions: z.array(dealExtensionSchema),
  })
  .openapi("DealDetail");
export type DealDetail = z.infer<typeof dealDetailSchema>;

export async function getDeal({ ctx, id }: { ctx: Ctx; id: string }): Promise<DealDetail> {
  authorize(ctx.actor, "deals.read");
  const scope = dealScopeOf(ctx.actor);
  const filter = scopeSql(scope);
  const [dealRs, eventsRs, commentsRs, extensionsRs] = await ctx.db.$client.batch(
    [
      { sql: `SELECT ${DEAL_COLUMNS} FROM ${DEAL_FROM} WHERE d.id = ? ${filter.sql}`, args: [id, ...filter.args] },
      {
        sql: `SELECT e.id, e.at, e.kind, e.from_status, e.to_status, e.actor_kind, e.data, m.name AS actor_name
              FROM deal_events e JOIN deals d ON d.id = e.deal_id LEFT JOIN memberships m ON m.id = e.actor_id
              WHERE e.deal_id = ? ${filter.sql} ORDER BY e.at, e.rowid`,
        args: [id, ...filter.args],
      },
      {
        sql: `SELECT c.id, c.author_side, c.body, c.created_at, m.name AS author_name
              FROM deal_comments c JOIN deals d ON d.id = c.deal_id LEFT JOIN memberships m ON m.id = c.author_id
              WHERE c.deal_id = ? ${filter.sql} ORDER BY c.created_at, c.rowid`,
        args: [id, ...filter.args],
      },
      {
        sql: `SELECT ${EXTENSION_COLUMNS} FROM deal_extension_requests x JOIN deals d ON d.id = x.deal_id
              LEFT JOIN memberships m ON m.id = x.requested_by WHERE x.deal_id = ? ${filter.sql} ORDER BY x.created_at, x.rowid`,
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
    comments: commentsRs!.rows.map((c) => ({
      id: String(c.id),
      side: String(c.author_side) as "partner" | "vendor",
      author: c.author_name == null ? null : String(c.author_name),
      body: String(c.body),
      createdAt: Number(c.created_at),
    })),
    extensions: extensionsRs!.rows.map(extensionFromRow),
  };
}

// A partner organization's recent history for the vendor console, read from
// the audit log: changes to the organization itself and to its people
// (memberships and invitations), newest first.
import { z } from "@hono/zod-openapi";
import { rowOf } from "../../db/rows.ts";
import { auditLog } from "../../db/tenant/schema.ts";
import type { Ctx } from "../platform/context.ts";
import { NotFound } from "../platform/errors.ts";
import { assertInScope, authorize } from "../platform/policy.ts";

export const partnerActivitySchema = z
  .object({
    id: z.string(),
    at: z.number(),
    action: z.string(),
    actor: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
    target: z.object({ type: z.string(), id: z.string() }),
    data: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi("PartnerActivity");

export type PartnerActivity = z.infer<typeof partnerActivitySchema>;

const LIMIT = 50;

export async function listPartnerActivity({ ctx, id }: { ctx: Ctx; id: string }): Promise<{ items: PartnerActivity[] }> {
  // Another organization's history does not exist for a partner role; their own is vendor-only.
  assertInScope(ctx.actor, id, "Partner organization");
  authorize(ctx.actor, "partners.read");
  const [org, rs] = await ctx.db.$client.batch(
    [
      { sql: "SELECT 1 FROM partner_orgs WHERE id = ?", args: [id] },
      {
        // Three indexed lookups on (target_type, target_id), merged.
        sql: `SELECT a.id, a.at, a.action, a.actor_kind, a.actor_id, a.target_type, a.target_id, a.data,
                (SELECT name FROM memberships am WHERE am.id = a.actor_id) AS actor_name
              FROM audit_log a
              WHERE (a.target_type = 'partner_org' AND a.target_id = ?)
                 OR (a.target_type = 'membership' AND a.target_id IN (SELECT id FROM memberships WHERE partner_org_id = ?))
                 OR (a.target_type = 'invitation' AND a.target_id IN (SELECT id FROM invitations WHERE partner_org_id = ?))
              ORDER BY a.at DESC, a.rowid DESC LIMIT ?`,
        args: [id, id, id, LIMIT],
      },
    ],
    "read",
  );
  if (org!.rows.length === 0) throw new NotFound("Partner organization not found.");
  return {
    items: rs!.rows.map((r) => {
      const { actorKind, actorId, targetType, targetId, ...entry } = rowOf(auditLog, r);
      const actorName = r.actor_name == null ? null : String(r.actor_name);
      // The WHERE above names a target type and id on every row it returns.
      return { ...entry, actor: { kind: actorKind, id: actorId, name: actorName }, target: { type: targetType!, id: targetId! } };
    }),
  };
}

// A person decides a proposed tier change: apply it (the partner moves, its
// other proposals are withdrawn, a promotion is announced to its admins) or
// dismiss it (evaluation will not propose the same move again for a while).
import { z } from "@hono/zod-openapi";
import { auditWhen } from "../platform/audit.ts";
import { actorId, type Ctx } from "../platform/context.ts";
import { Conflict, NotFound } from "../platform/errors.ts";
import { publishOutbox } from "../platform/outbox/outbox.ts";
import { authorize } from "../platform/policy.ts";
import type { Guard } from "./sql.ts";
import { TIER_CHANGE_COLUMNS, TIER_CHANGE_FROM, tierChangeFromRow, type TierChange } from "./tier-change-schema.ts";
import { mailsWhenAppliedStatement, promotionMails, recipientFromRow } from "./tier-notifications.ts";

export const decideTierChangeInput = z.object({ decision: z.enum(["apply", "dismiss"]) }).openapi("DecideTierChangeInput");

export async function decideTierChange({
  ctx,
  id,
  decision,
}: {
  ctx: Ctx;
  id: string;
  decision: "apply" | "dismiss";
}): Promise<TierChange> {
  authorize(ctx.actor, "tiers.evaluate");
  const [changeRs, adminsRs] = await ctx.db.$client.batch(
    [
      {
        sql: `SELECT ${TIER_CHANGE_COLUMNS}, o.tier_id AS current_tier_id, tt.archived_at AS to_archived_at FROM ${TIER_CHANGE_FROM} WHERE c.id = ?`,
        args: [id],
      },
      {
        sql: `SELECT m.email, m.locale FROM memberships m JOIN tier_changes c ON c.partner_org_id = m.partner_org_id
              WHERE c.id = ? AND m.role = 'partner_admin' AND m.status = 'active'`,
        args: [id],
      },
    ],
    "read",
  );
  const row = changeRs!.rows[0];
  if (!row) throw new NotFound("Tier change not found.");
  const change = tierChangeFromRow(row);
  if (change.status !== "proposed") throw new Conflict(`This tier change was already ${change.status}.`, "already_decided");
  const from = change.fromTier?.id ?? null;
  const to = change.toTier?.id ?? null;
  if (decision === "apply") {
    if ((row.current_tier_id == null ? null : String(row.current_tier_id)) !== from) {
      throw new Conflict("The partner's tier changed since this was proposed. Evaluate again.", "stale_tier_change");
    }
    if (row.to_archived_at != null) throw new Conflict("The proposed tier has been archived.", "tier_archived");
  }

  const { now } = ctx;
  const by = actorId(ctx.actor);
  const proposed: Guard = { sql: "SELECT 1 FROM tier_changes WHERE id = ? AND status = 'proposed'", args: [id] };
  const read = { sql: `SELECT ${TIER_CHANGE_COLUMNS} FROM ${TIER_CHANGE_FROM} WHERE c.id = ?`, args: [id] };

  if (decision === "dismiss") {
    const [, updated, after] = await ctx.db.$client.batch(
      [
        auditWhen(ctx.actor, now, "tier_change.dismissed", { type: "tier_change", id }, proposed, { partnerOrgId: change.partnerOrg.id, from, to }),
        { sql: "UPDATE tier_changes SET status = 'dismissed', decided_by = ?, decided_at = ? WHERE id = ? AND status = 'proposed' RETURNING id", args: [by, now, id] },
        read,
      ],
      "write",
    );
    if (updated!.rows.length === 0) throw new Conflict("This tier change was decided meanwhile.", "already_decided");
    return tierChangeFromRow(after!.rows[0]!);
  }

  // Applies only while the partner still holds the tier the change starts from.
  const applies: Guard = {
    sql: `SELECT 1 FROM tier_changes c JOIN partner_orgs p ON p.id = c.partner_org_id
          WHERE c.id = ? AND c.status = 'proposed' AND p.tier_id IS c.from_tier_id
            AND (c.to_tier_id IS NULL OR EXISTS (SELECT 1 FROM tiers t WHERE t.id = c.to_tier_id AND t.archived_at IS NULL))`,
    args: [id],
  };
  const mails =
    change.direction === "promotion" && change.toTier
      ? promotionMails(ctx, id, { name: change.partnerOrg.name, admins: adminsRs!.rows.map(recipientFromRow) }, change.toTier.name)
      : [];
  const [, updated, , , inserted, after] = await ctx.db.$client.batch(
    [
      auditWhen(ctx.actor, now, "tier_change.applied", { type: "tier_change", id }, applies, { partnerOrgId: change.partnerOrg.id, from, to }),
      {
        sql: `UPDATE tier_changes SET status = 'applied', decided_by = ?, decided_at = ? WHERE id = ? AND EXISTS (${applies.sql}) RETURNING id`,
        args: [by, now, id, ...applies.args],
      },
      {
        sql: `UPDATE partner_orgs SET tier_id = ?, tier_since = ?
              WHERE id = ? AND EXISTS (SELECT 1 FROM tier_changes WHERE id = ? AND status = 'applied' AND decided_at = ?)`,
        args: [to, now, change.partnerOrg.id, id, now],
      },
      {
        // The partner's other proposals were measured from a standing it no longer has.
        sql: `UPDATE tier_changes SET status = 'dismissed', decided_by = ?, decided_at = ?, reason = json_set(reason, '$.autoDismissed', 'stale')
              WHERE partner_org_id = ? AND status = 'proposed' AND id <> ?
                AND EXISTS (SELECT 1 FROM tier_changes WHERE id = ? AND status = 'applied' AND decided_at = ?)`,
        args: [by, now, change.partnerOrg.id, id, id, now],
      },
      mailsWhenAppliedStatement(mails, now),
      read,
    ],
    "write",
  );
  if (updated!.rows.length === 0) throw new Conflict("The tier change or the partner's tier changed meanwhile. Reload and try again.", "stale_tier_change");
  await publishOutbox(ctx.env, ctx.tenant.id, inserted!.rows.map((r) => String(r.id)));
  return tierChangeFromRow(after!.rows[0]!);
}

// Vendor admins retire a tier. Partners holding it must go somewhere: with
// `moveToTierId` they move in the same batch (each move recorded as an applied
// tier change, reason "tier archived"); without it the archive is refused.
// Proposals to or from the retired tier are dismissed: the next evaluation
// proposes again from where partners now stand.
import type { z } from "@hono/zod-openapi";
import { auditWhen } from "../platform/audit.ts";
import { actorId, type Ctx } from "../platform/context.ts";
import { Conflict, NotFound, PreconditionFailed, ValidationFailed } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { SQL_NEW_ID, type Guard, whereGuard } from "./sql.ts";
import { TIER_COLUMNS, tierFromRow, type archiveTierInput, type Tier } from "./tier-schema.ts";

export async function archiveTier({
  ctx,
  id,
  input = {},
}: {
  ctx: Ctx;
  id: string;
  input?: z.output<typeof archiveTierInput>;
}): Promise<{ tier: Tier; movedPartners: number }> {
  authorize(ctx.actor, "program.manage");
  const moveTo = input.moveToTierId ?? null;
  const [tierRs, holdersRs, targetRs] = await ctx.db.$client.batch(
    [
      { sql: "SELECT id, name, rank, archived_at FROM tiers WHERE id = ?", args: [id] },
      { sql: "SELECT count(*) AS n FROM partner_orgs WHERE tier_id = ?", args: [id] },
      { sql: "SELECT id, name, rank, archived_at FROM tiers WHERE id = ?", args: [moveTo] },
    ],
    "read",
  );
  const tier = tierRs!.rows[0];
  if (!tier) throw new NotFound("Tier not found.");
  if (tier.archived_at != null) throw new PreconditionFailed("This tier is already archived.", "tier_archived");
  const target = targetRs!.rows[0];
  if (moveTo !== null && (moveTo === id || !target || target.archived_at != null)) {
    throw new ValidationFailed([{ field: "moveToTierId", message: "Choose another tier that is in use.", code: "invalid_value" }]);
  }
  const holders = Number(holdersRs!.rows[0]!.n);
  if (holders > 0 && moveTo === null) {
    throw new PreconditionFailed(
      `${holders} partner${holders === 1 ? " holds" : "s hold"} this tier. Choose a tier to move ${holders === 1 ? "it" : "them"} to.`,
      "tier_in_use",
    );
  }

  const { now } = ctx;
  const decidedBy = actorId(ctx.actor);
  // Every statement runs only while the facts checked above still hold, so a
  // concurrent change turns the whole batch into a no-op instead of half an archive.
  const stillValid: Guard = {
    sql: `SELECT 1 WHERE EXISTS (SELECT 1 FROM tiers WHERE id = ? AND archived_at IS NULL)
            AND (? IS NULL OR EXISTS (SELECT 1 FROM tiers WHERE id = ? AND archived_at IS NULL))
            AND (? IS NOT NULL OR NOT EXISTS (SELECT 1 FROM partner_orgs WHERE tier_id = ?))`,
    args: [id, moveTo, moveTo, moveTo, id],
  };
  const direction = target && Number(target.rank) > Number(tier.rank) ? "promotion" : "demotion";
  const reason = { kind: "tier_archived", summary: "tier archived", archivedTier: { id, name: String(tier.name) } };
  const [, moved, , , archived, after] = await ctx.db.$client.batch(
    [
      auditWhen(ctx.actor, now, "tier.archived", { type: "tier", id }, stillValid, { moveToTierId: moveTo, movedPartners: holders }),
      {
        sql: `INSERT INTO tier_changes (id, partner_org_id, from_tier_id, to_tier_id, direction, status, reason, evaluated_at, decided_by, decided_at)
              SELECT ${SQL_NEW_ID}, p.id, p.tier_id, ?, ?, 'applied', ?, ?, ?, ?
              FROM partner_orgs p WHERE p.tier_id = ? AND ? IS NOT NULL AND ${whereGuard(stillValid)}`,
        args: [moveTo, direction, JSON.stringify(reason), now, decidedBy, now, id, moveTo, ...stillValid.args],
      },
      {
        sql: `UPDATE tier_changes SET status = 'dismissed', decided_by = ?, decided_at = ?
              WHERE status = 'proposed' AND (to_tier_id = ? OR from_tier_id = ?) AND ${whereGuard(stillValid)}`,
        args: [decidedBy, now, id, id, ...stillValid.args],
      },
      {
        sql: `UPDATE partner_orgs SET tier_id = ?, tier_since = ? WHERE tier_id = ? AND ? IS NOT NULL AND ${whereGuard(stillValid)}`,
        args: [moveTo, now, id, moveTo, ...stillValid.args],
      },
      {
        sql: `UPDATE tiers SET archived_at = ?, updated_at = ? WHERE id = ? AND ${whereGuard(stillValid)} RETURNING id`,
        args: [now, now, id, ...stillValid.args],
      },
      { sql: `SELECT ${TIER_COLUMNS} FROM tiers t WHERE t.id = ?`, args: [id] },
    ],
    "write",
  );
  if (archived!.rows.length === 0) {
    throw new Conflict("The tier or its partners changed while archiving. Reload and try again.", "tier_changed");
  }
  return { tier: tierFromRow(after!.rows[0]!), movedPartners: moved!.rowsAffected };
}

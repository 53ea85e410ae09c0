// Moves a partner organization through its lifecycle:
//   applicant -> onboarding -> active <-> suspended -> offboarded,
//   plus onboarding -> offboarded and active -> offboarded.
// Suspending or offboarding ends its members' sessions in the same batch
// (sign-in is already refused for organizations outside onboarding/active).
import { z } from "@hono/zod-openapi";
import type { InStatement } from "@libsql/client/web";
import { auditWhen } from "../platform/audit.ts";
import type { Ctx } from "../platform/context.ts";
import { NotFound, PreconditionFailed, ValidationFailed } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import type { PartnerStatus } from "../../db/tenant/schema.ts";
import { PARTNER_ORG_DETAIL_SQL, toPartnerOrgDetail } from "./get-partner-org.ts";
import { partnerStatusField, type PartnerOrgDetail } from "./partner-org-schema.ts";

export const PARTNER_TRANSITIONS: Record<PartnerStatus, readonly PartnerStatus[]> = {
  applicant: ["onboarding"],
  onboarding: ["active", "offboarded"],
  active: ["suspended", "offboarded"],
  suspended: ["active", "offboarded"],
  offboarded: [],
};

const NEEDS_REASON: ReadonlySet<PartnerStatus> = new Set(["suspended", "offboarded"]);
const ENDS_SESSIONS: ReadonlySet<PartnerStatus> = new Set(["suspended", "offboarded"]);

export const changePartnerStatusInput = z
  .object({
    status: partnerStatusField,
    reason: z.string().trim().max(1000, "Use at most 1000 characters.").optional(),
  })
  .openapi("ChangePartnerStatusInput");

export async function changePartnerStatus({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: z.infer<typeof changePartnerStatusInput>;
}): Promise<PartnerOrgDetail> {
  authorize(ctx.actor, "partners.manage");
  const to = input.status;
  const reason = input.reason?.trim() || null;
  if (NEEDS_REASON.has(to) && !reason) {
    throw new ValidationFailed([{ field: "reason", message: "Say why, for the partner and the audit trail.", code: "required" }]);
  }
  const rs = await ctx.db.$client.execute({ sql: "SELECT status FROM partner_orgs WHERE id = ?", args: [id] });
  const from = rs.rows[0]?.status as PartnerStatus | undefined;
  if (!from) throw new NotFound("Partner organization not found.");
  if (!PARTNER_TRANSITIONS[from].includes(to)) {
    throw new PreconditionFailed(`A partner cannot move from ${from} to ${to}.`, "illegal_transition");
  }

  const { now } = ctx;
  // The update is guarded by the status just read, so a concurrent change
  // wins cleanly. What follows is chained on `changes()` (rows changed by the
  // statement just before, on this connection, inside this batch): the audit
  // row only if this update landed, the session revocation only if that
  // audit row was written. A racing call in the same millisecond that lost
  // the update therefore writes nothing.
  const statements: InStatement[] = [
    {
      sql: `UPDATE partner_orgs SET status = ?, status_reason = ?, status_changed_at = ?, updated_at = ? WHERE id = ? AND status = ?`,
      args: [to, reason, now, now, id, from],
    },
    auditWhen(ctx.actor, now, "partner_org.status_changed", { type: "partner_org", id }, { sql: "SELECT 1 WHERE changes() = 1", args: [] }, {
      from,
      to,
      reason,
    }),
  ];
  if (ENDS_SESSIONS.has(to)) {
    statements.push({
      sql: `UPDATE sessions SET revoked_at = ? WHERE changes() = 1 AND revoked_at IS NULL
            AND membership_id IN (SELECT id FROM memberships WHERE partner_org_id = ?)`,
      args: [now, id],
    });
  }
  statements.push({ sql: PARTNER_ORG_DETAIL_SQL, args: [id] });
  const results = await ctx.db.$client.batch(statements, "write");
  const [update] = results;
  const detail = results.at(-1);
  if (update!.rowsAffected === 0) {
    throw new PreconditionFailed("This partner's status changed meanwhile. Reload and try again.", "status_changed");
  }
  return toPartnerOrgDetail(detail!.rows[0]!);
}

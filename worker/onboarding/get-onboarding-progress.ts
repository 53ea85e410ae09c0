// One partner organization's way through the onboarding checklist. Automatic
// steps are judged from live data through the owning modules' verbs
// (agreements: signed the current version; partners: profile complete;
// platform: team size) and recorded the first time they are seen done, so
// "done at" is stable and a step, once reached, stays done: onboarding is a
// milestone list, and later changes (a new agreement version, an invitation
// expiring) are enforced where they matter (agreement status gates the portal)
// rather than by un-ticking it. When every step is done for an organization
// still in `onboarding`, the completion is audited once and the partners
// module's status verb moves the organization to `active`.
import type { InStatement } from "@libsql/client/web";
import { getAgreementStatus } from "../agreements/get-agreement-status.ts";
import { changePartnerStatus } from "../partners/change-partner-status.ts";
import { getPartnerOrg, profileCompleteness } from "../partners/get-partner-org.ts";
import { auditWhen } from "../platform/audit.ts";
import type { Ctx } from "../platform/context.ts";
import { PreconditionFailed } from "../platform/errors.ts";
import { countTeam } from "../platform/users/count-team.ts";
import { progressOrgId } from "./onboarding-access.ts";
import { AUTOMATIC_KINDS, STEP_COLUMNS, stepFromRow, type OnboardingProgress, type OnboardingStepProgress } from "./onboarding-schema.ts";

export async function getOnboardingProgress({ ctx, partnerOrgId }: { ctx: Ctx; partnerOrgId?: string | null }): Promise<OnboardingProgress> {
  const orgId = progressOrgId(ctx, partnerOrgId);
  return evaluateOnboardingProgress(ctx, orgId);
}

/** For verbs that have already authorized the actor for `orgId`. */
export async function evaluateOnboardingProgress(ctx: Ctx, orgId: string): Promise<OnboardingProgress> {
  // The four reads are independent, so they run side by side: one round trip
  // of latency, though each module's verb reaches the database itself.
  const [[stepsRs, completionsRs, completedAuditRs], org, agreement, team] = await Promise.all([
    ctx.db.$client.batch(
      [
        `SELECT ${STEP_COLUMNS} FROM onboarding_steps s WHERE s.archived_at IS NULL ORDER BY s.position, s.created_at, s.id`,
        { sql: "SELECT step_id, completed_at FROM onboarding_completions WHERE partner_org_id = ?", args: [orgId] },
        {
          sql: "SELECT MAX(at) AS at FROM audit_log WHERE target_type = 'partner_org' AND target_id = ? AND action = 'onboarding.completed'",
          args: [orgId],
        },
      ],
      "read",
    ),
    getPartnerOrg({ ctx, id: orgId }),
    getAgreementStatus({ ctx, partnerOrgId: orgId }),
    countTeam({ ctx, partnerOrgId: orgId }),
  ]);
  const recorded = new Map(completionsRs!.rows.map((r) => [String(r.step_id), Number(r.completed_at)]));
  const profile = profileCompleteness(org);
  const { now } = ctx;

  const writes: InStatement[] = [];
  const steps: OnboardingStepProgress[] = stepsRs!.rows.map((row) => {
    const step = stepFromRow(row);
    const auto = AUTOMATIC_KINDS.has(step.kind);
    const extra: Pick<OnboardingStepProgress, "profileMissing" | "team"> = {};
    let live = false;
    if (step.kind === "sign_agreement") live = agreement.signed;
    if (step.kind === "complete_profile") {
      live = profile.complete;
      extra.profileMissing = profile.missing;
    }
    if (step.kind === "invite_team") {
      const minMembers = step.config?.minMembers ?? 1;
      live = team.members + team.pendingInvitations >= minMembers;
      extra.team = { ...team, minMembers };
    }
    let doneAt = recorded.get(step.id) ?? null;
    if (auto && live && doneAt === null) {
      doneAt = now;
      writes.push({
        sql: "INSERT INTO onboarding_completions (partner_org_id, step_id, completed_at, completed_by) VALUES (?, ?, ?, NULL) ON CONFLICT DO NOTHING",
        args: [orgId, step.id, now],
      });
    }
    return { ...step, auto, done: doneAt !== null, doneAt, ...extra };
  });

  const completed = steps.filter((s) => s.done).length;
  const allDone = steps.length > 0 && completed === steps.length;
  let status = org.status;
  // Only the reader whose batch records the completion asks for activation,
  // so concurrent readers do not all move the organization. A completion
  // recorded by an earlier request while the organization is still in
  // onboarding means that request's activation failed: retry it.
  let activate = false;
  let completionAt: number | null = null;
  if (allDone && status === "onboarding") {
    const enteredOnboarding = org.statusChangedAt ?? org.createdAt;
    const lastAudit = completedAuditRs!.rows[0]?.at;
    if (lastAudit != null && Number(lastAudit) >= enteredOnboarding) {
      activate = Number(lastAudit) < now;
    } else {
      completionAt = writes.length;
      writes.push(
        auditWhen(
          ctx.actor,
          now,
          "onboarding.completed",
          { type: "partner_org", id: orgId },
          {
            sql: `SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM audit_log WHERE target_type = 'partner_org' AND target_id = ?
                    AND action = 'onboarding.completed' AND at >= ?)`,
            args: [orgId, enteredOnboarding],
          },
          { steps: steps.length },
        ),
        "SELECT changes() AS n",
      );
    }
  }
  if (writes.length > 0) {
    const results = await ctx.db.$client.batch(writes, "write");
    if (completionAt !== null) activate = Number(results[completionAt + 1]!.rows[0]!.n) > 0;
  }
  // A reader that lost the race reports the status it read; the winner is moving it.
  if (activate) status = await activatePartner(ctx, orgId);
  return { partnerOrgId: orgId, partnerOrgStatus: status, steps, completed, total: steps.length, allDone };
}

/**
 * Onboarding is over: the partners module moves the organization to
 * `active`, as the system (the partner who finished did not decide it).
 * Losing a race with another reader or a vendor's own status change is fine:
 * the organization's status is then whatever the winner set.
 */
async function activatePartner(ctx: Ctx, orgId: string): Promise<OnboardingProgress["partnerOrgStatus"]> {
  try {
    const org = await changePartnerStatus({ ctx: { ...ctx, actor: { kind: "system", job: "onboarding-completed" } }, id: orgId, input: { status: "active" } });
    return org.status;
  } catch (e) {
    if (e instanceof PreconditionFailed) return (await getPartnerOrg({ ctx, id: orgId })).status;
    throw e;
  }
}

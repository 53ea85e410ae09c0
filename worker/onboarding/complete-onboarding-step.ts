// Ticking a custom onboarding step off (or back on) for an organization: a
// partner admin for their own, vendor staff for any. Automatic steps cannot
// be ticked: they follow the data they describe. Both verbs answer with the
// organization's progress, since ticking the last step completes onboarding.
import { getPartnerOrg } from "../partners/get-partner-org.ts";
import { auditWhen } from "../platform/audit.ts";
import { actorId, type Ctx } from "../platform/context.ts";
import { Conflict, NotFound } from "../platform/errors.ts";
import { orgScope } from "../platform/policy.ts";
import { evaluateOnboardingProgress } from "./get-onboarding-progress.ts";
import { completionOrgId } from "./onboarding-access.ts";
import type { OnboardingProgress } from "./onboarding-schema.ts";

interface StepTarget {
  ctx: Ctx;
  stepId: string;
  partnerOrgId?: string | null;
}

/** The organization to act on, known to exist: a partner's own always does; vendor staff may name any id. */
async function targetOrg({ ctx, partnerOrgId }: StepTarget): Promise<string> {
  const orgId = completionOrgId(ctx, partnerOrgId);
  if (orgScope(ctx.actor) === null) await getPartnerOrg({ ctx, id: orgId });
  return orgId;
}

function explainRefusal(stepExists: boolean): never {
  if (!stepExists) throw new NotFound("Onboarding step not found.");
  throw new Conflict("This step completes itself when its condition is met; it cannot be ticked by hand.", "automatic_step");
}

export async function completeOnboardingStep(target: StepTarget): Promise<OnboardingProgress> {
  const { ctx, stepId } = target;
  const orgId = await targetOrg(target);
  const { now } = ctx;
  const [, , stepRs] = await ctx.db.$client.batch(
    [
      {
        sql: `INSERT INTO onboarding_completions (partner_org_id, step_id, completed_at, completed_by)
              SELECT ?, id, ?, ? FROM onboarding_steps WHERE id = ? AND archived_at IS NULL AND kind = 'custom'
              ON CONFLICT DO NOTHING`,
        args: [orgId, now, actorId(ctx.actor), stepId],
      },
      auditWhen(
        ctx.actor,
        now,
        "onboarding.step_completed",
        { type: "onboarding_step", id: stepId },
        {
          sql: "SELECT 1 FROM onboarding_completions WHERE partner_org_id = ? AND step_id = ? AND completed_at = ? AND completed_by IS ?",
          args: [orgId, stepId, now, actorId(ctx.actor)],
        },
        { partnerOrgId: orgId },
      ),
      { sql: "SELECT kind FROM onboarding_steps WHERE id = ? AND archived_at IS NULL", args: [stepId] },
    ],
    "write",
  );
  const step = stepRs!.rows[0];
  if (!step || step.kind !== "custom") explainRefusal(step !== undefined);
  return evaluateOnboardingProgress(ctx, orgId);
}

export async function uncompleteOnboardingStep(target: StepTarget): Promise<OnboardingProgress> {
  const { ctx, stepId } = target;
  const orgId = await targetOrg(target);
  const customCompletion = {
    sql: `SELECT 1 FROM onboarding_completions c JOIN onboarding_steps s ON s.id = c.step_id
          WHERE c.partner_org_id = ? AND c.step_id = ? AND s.kind = 'custom' AND s.archived_at IS NULL`,
    args: [orgId, stepId],
  };
  const [, , stepRs] = await ctx.db.$client.batch(
    [
      auditWhen(ctx.actor, ctx.now, "onboarding.step_uncompleted", { type: "onboarding_step", id: stepId }, customCompletion, { partnerOrgId: orgId }),
      {
        sql: `DELETE FROM onboarding_completions WHERE partner_org_id = ? AND step_id = ?
              AND step_id IN (SELECT id FROM onboarding_steps WHERE kind = 'custom' AND archived_at IS NULL)`,
        args: [orgId, stepId],
      },
      { sql: "SELECT kind FROM onboarding_steps WHERE id = ? AND archived_at IS NULL", args: [stepId] },
    ],
    "write",
  );
  const step = stepRs!.rows[0];
  if (!step || step.kind !== "custom") explainRefusal(step !== undefined);
  return evaluateOnboardingProgress(ctx, orgId);
}

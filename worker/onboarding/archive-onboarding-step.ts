// Vendor admins remove a step from the checklist. It is archived, not
// deleted, so completions already recorded keep their meaning in the audit.
import { auditWhen } from "../platform/audit.ts";
import type { Ctx } from "../platform/context.ts";
import { NotFound } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";

export async function archiveOnboardingStep({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  authorize(ctx.actor, "onboarding.manage");
  const { now } = ctx;
  const [, archived] = await ctx.db.$client.batch(
    [
      auditWhen(ctx.actor, now, "onboarding.step_archived", { type: "onboarding_step", id }, {
        sql: "SELECT 1 FROM onboarding_steps WHERE id = ? AND archived_at IS NULL",
        args: [id],
      }),
      { sql: "UPDATE onboarding_steps SET archived_at = ? WHERE id = ? AND archived_at IS NULL RETURNING id", args: [now, id] },
    ],
    "write",
  );
  if (archived!.rows.length === 0) throw new NotFound("Onboarding step not found.");
}

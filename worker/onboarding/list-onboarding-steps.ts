// The onboarding checklist as configured, in order (vendor staff; partners
// see it through their progress).
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import { STEP_COLUMNS, stepFromRow, type OnboardingStep } from "./onboarding-schema.ts";

export async function listOnboardingSteps({ ctx }: { ctx: Ctx }): Promise<{ items: OnboardingStep[] }> {
  authorize(ctx.actor, "onboarding.read");
  const rs = await ctx.db.$client.execute(
    `SELECT ${STEP_COLUMNS} FROM onboarding_steps s WHERE s.archived_at IS NULL ORDER BY s.position, s.created_at, s.id`,
  );
  return { items: rs.rows.map(stepFromRow) };
}

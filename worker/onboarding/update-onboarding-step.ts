// Vendor admins edit a step's wording, link (custom steps) or team size
// (invite_team). Its kind never changes: that would silently re-judge every
// organization's progress.
import type { z } from "@hono/zod-openapi";
import type { InValue } from "@libsql/client/web";
import { auditStatement } from "../platform/audit.ts";
import type { Ctx } from "../platform/context.ts";
import { NotFound, ValidationFailed } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { STEP_COLUMNS, stepFromRow, type OnboardingStep, type updateOnboardingStepInput } from "./onboarding-schema.ts";

export async function updateOnboardingStep({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: z.infer<typeof updateOnboardingStepInput>;
}): Promise<OnboardingStep> {
  authorize(ctx.actor, "onboarding.manage");
  const found = await ctx.db.$client.execute({ sql: `SELECT ${STEP_COLUMNS} FROM onboarding_steps s WHERE s.id = ? AND s.archived_at IS NULL`, args: [id] });
  if (!found.rows[0]) throw new NotFound("Onboarding step not found.");
  const step = stepFromRow(found.rows[0]);
  if (input.linkUrl !== undefined && step.kind !== "custom") {
    throw new ValidationFailed([{ field: "linkUrl", message: "Only custom steps have a link." }]);
  }
  if (input.config !== undefined && step.kind !== "invite_team") {
    throw new ValidationFailed([{ field: "config", message: "Only the invite-your-team step has settings." }]);
  }

  const updated: OnboardingStep = {
    ...step,
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.linkUrl !== undefined ? { linkUrl: input.linkUrl } : {}),
    ...(input.config !== undefined ? { config: { minMembers: input.config.minMembers } } : {}),
  };
  const args: InValue[] = [updated.title, updated.description, updated.linkUrl, updated.config ? JSON.stringify(updated.config) : null, id];
  const [result] = await ctx.db.$client.batch(
    [
      {
        sql: "UPDATE onboarding_steps SET title = ?, description = ?, link_url = ?, config = ? WHERE id = ? AND archived_at IS NULL RETURNING id",
        args,
      },
      auditStatement(ctx.actor, ctx.now, "onboarding.step_updated", { type: "onboarding_step", id }, { fields: Object.keys(input) }),
    ],
    "write",
  );
  // Archived between the read and the write: the audit row says "updated" for
  // a step nobody sees any more, which is harmless; the caller gets 404.
  if (result!.rows.length === 0) throw new NotFound("Onboarding step not found.");
  return updated;
}

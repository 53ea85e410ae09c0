// Vendor admins put the checklist in a new order by listing every current
// step once; all positions are rewritten in one batch.
import { auditStatement } from "../platform/audit.ts";
import type { Ctx } from "../platform/context.ts";
import { ValidationFailed } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";

export async function reorderOnboardingSteps({ ctx, ids }: { ctx: Ctx; ids: string[] }): Promise<void> {
  authorize(ctx.actor, "onboarding.manage");
  const rs = await ctx.db.$client.execute("SELECT id FROM onboarding_steps WHERE archived_at IS NULL");
  const current = new Set(rs.rows.map((r) => String(r.id)));
  const given = new Set(ids);
  if (given.size !== ids.length || given.size !== current.size || ids.some((id) => !current.has(id))) {
    throw new ValidationFailed([{ field: "ids", message: "List every current step exactly once.", code: "invalid_order" }]);
  }
  await ctx.db.$client.batch(
    [
      ...ids.map((id, position) => ({ sql: "UPDATE onboarding_steps SET position = ? WHERE id = ?", args: [position, id] })),
      auditStatement(ctx.actor, ctx.now, "onboarding.steps_reordered", null, { ids }),
    ],
    "write",
  );
}

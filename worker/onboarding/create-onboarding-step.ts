// Vendor admins add a step to the end of the onboarding checklist. Each
// automatic kind appears at most once: two "sign the agreement" steps would
// only ever complete together.
import type { z } from "@hono/zod-openapi";
import { auditWhen } from "../platform/audit.ts";
import { newId } from "../platform/auth/tokens.ts";
import type { Ctx } from "../platform/context.ts";
import { Conflict } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import type { createOnboardingStepInput, OnboardingStep } from "./onboarding-schema.ts";

export async function createOnboardingStep({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof createOnboardingStepInput>;
}): Promise<OnboardingStep> {
  authorize(ctx.actor, "onboarding.manage");
  const { now } = ctx;
  const id = newId();
  const linkUrl = input.kind === "custom" ? (input.linkUrl ?? null) : null;
  const config = input.kind === "invite_team" ? { minMembers: input.config.minMembers } : null;
  const description = input.description ?? null;
  const [inserted] = await ctx.db.$client.batch(
    [
      {
        sql: `INSERT INTO onboarding_steps (id, position, kind, title, description, link_url, config, created_at)
              SELECT ?, COALESCE((SELECT MAX(position) FROM onboarding_steps WHERE archived_at IS NULL), -1) + 1, ?, ?, ?, ?, ?, ?
              WHERE ? = 'custom' OR NOT EXISTS (SELECT 1 FROM onboarding_steps WHERE kind = ? AND archived_at IS NULL)
              RETURNING position`,
        args: [id, input.kind, input.title, description, linkUrl, config ? JSON.stringify(config) : null, now, input.kind, input.kind],
      },
      auditWhen(
        ctx.actor,
        now,
        "onboarding.step_created",
        { type: "onboarding_step", id },
        { sql: "SELECT 1 FROM onboarding_steps WHERE id = ?", args: [id] },
        { kind: input.kind, title: input.title },
      ),
    ],
    "write",
  );
  const row = inserted!.rows[0];
  if (!row) {
    throw new Conflict("The checklist already has a step of this kind.", "duplicate_step", [
      { field: "kind", message: "The checklist already has a step of this kind.", code: "duplicate" },
    ]);
  }
  return { id, position: Number(row.position), kind: input.kind, title: input.title, description, linkUrl, config, createdAt: now };
}

// Vendor staff add a partner organization, the home of partner users.
import type { z } from "@hono/zod-openapi";
import { auditStatement } from "../platform/audit.ts";
import { newId } from "../platform/auth/tokens.ts";
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import type { createPartnerOrgInput, PartnerOrg } from "./partner-org-schema.ts";

export async function createPartnerOrg({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof createPartnerOrgInput>;
}): Promise<PartnerOrg> {
  authorize(ctx.actor, "partners.manage");
  const id = newId();
  await ctx.db.$client.batch(
    [
      { sql: "INSERT INTO partner_orgs (id, name, status, created_at) VALUES (?, ?, 'active', ?)", args: [id, input.name, ctx.now] },
      auditStatement(ctx.actor, ctx.now, "partner_org.created", { type: "partner_org", id }, { name: input.name }),
    ],
    "write",
  );
  return { id, name: input.name, userCount: 0, createdAt: ctx.now };
}

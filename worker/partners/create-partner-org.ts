// Vendor staff add a partner organization, the home of partner users. Only
// the name is required; the rest of the profile can follow (or come from the
// partner admin later). New organizations are active unless told otherwise.
import type { z } from "@hono/zod-openapi";
import { auditStatement } from "../platform/audit.ts";
import { newId } from "../platform/auth/tokens.ts";
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import { insertPartnerOrgStatement, type NewPartnerOrg } from "./partner-org-record.ts";
import type { createPartnerOrgInput, PartnerOrg } from "./partner-org-schema.ts";

export async function createPartnerOrg({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof createPartnerOrgInput>;
}): Promise<PartnerOrg> {
  authorize(ctx.actor, "partners.manage");
  const org: NewPartnerOrg = { ...input, id: newId(), status: input.status ?? "active" };
  await ctx.db.$client.batch(
    [
      insertPartnerOrgStatement(org, ctx.now),
      auditStatement(ctx.actor, ctx.now, "partner_org.created", { type: "partner_org", id: org.id }, { name: org.name, status: org.status }),
    ],
    "write",
  );
  return {
    id: org.id,
    name: org.name,
    status: org.status,
    tierId: null,
    ownerId: null,
    partnerType: org.partnerType ?? null,
    region: org.region ?? null,
    country: org.country ?? null,
    websiteDomain: org.websiteDomain ?? null,
    userCount: 0,
    createdAt: ctx.now,
  };
}

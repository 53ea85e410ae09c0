// Vendor staff's view of any partner's standing: the partner's own view plus
// its metric values and the proposal awaiting review, if any.
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import { loadPartnerTierStatus, type PartnerTierStatus } from "./tier-status.ts";

export async function getPartnerTierStatus({ ctx, partnerOrgId }: { ctx: Ctx; partnerOrgId: string }): Promise<PartnerTierStatus> {
  authorize(ctx.actor, "program.read");
  return loadPartnerTierStatus(ctx, partnerOrgId);
}

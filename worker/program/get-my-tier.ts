// A partner's own standing in the program (partner admins and users, their
// organization only). Proposals awaiting review and raw metrics stay internal.
import type { Ctx } from "../platform/context.ts";
import { NotFound } from "../platform/errors.ts";
import { authorize, orgScope } from "../platform/policy.ts";
import { loadPartnerTierStatus, type TierStatus } from "./tier-status.ts";

export async function getMyTier({ ctx }: { ctx: Ctx }): Promise<TierStatus> {
  authorize(ctx.actor, "tiers.own");
  const own = orgScope(ctx.actor);
  if (own === null) throw new NotFound("Only partner organizations have a tier.");
  const { metrics: _metrics, pendingChange: _pending, ...status } = await loadPartnerTierStatus(ctx, own);
  return status;
}

// Whose onboarding an actor may see or tick off. Partner roles are confined
// to their own organization (another organization does not exist for them);
// vendor staff name the organization they are looking at.
import type { Ctx } from "../platform/context.ts";
import { Forbidden, NotFound, ValidationFailed } from "../platform/errors.ts";
import { authorize, orgScope, roleOf } from "../platform/policy.ts";

function resolveOrg(ctx: Ctx, scope: string | null, partnerOrgId: string | null | undefined): string {
  if (scope !== null) {
    if (partnerOrgId && partnerOrgId !== scope) throw new NotFound("Partner organization not found.");
    return scope;
  }
  if (!partnerOrgId) throw new ValidationFailed([{ field: "partnerOrgId", message: "Choose a partner organization.", code: "required" }]);
  return partnerOrgId;
}

/** Partners read their own progress (`onboarding.own`); vendor staff any organization's (`onboarding.read`). */
export function progressOrgId(ctx: Ctx, partnerOrgId: string | null | undefined): string {
  const scope = orgScope(ctx.actor);
  authorize(ctx.actor, scope !== null ? "onboarding.own" : "onboarding.read");
  return resolveOrg(ctx, scope, partnerOrgId);
}

/**
 * Custom steps are ticked by a partner admin for their own organization, or
 * by vendor staff (who work the partners) for any organization.
 */
export function completionOrgId(ctx: Ctx, partnerOrgId: string | null | undefined): string {
  const scope = orgScope(ctx.actor);
  if (scope !== null) {
    authorize(ctx.actor, "onboarding.own");
    if (roleOf(ctx.actor) !== "partner_admin") throw new Forbidden("Only a partner admin can tick off onboarding steps.");
  } else {
    authorize(ctx.actor, "onboarding.read");
  }
  return resolveOrg(ctx, scope, partnerOrgId);
}

// What a branding change would look like, checked by the same rules as
// saving it, without saving: the portal previews before the admin commits.
import type { Ctx } from "../../platform/context.ts";
import { authorize } from "../../platform/policy.ts";
import { assertReadablePrimaryColor, toBranding, type Branding, type UpdateBrandingInput } from "./branding-schema.ts";

export function previewBranding({ ctx, input }: { ctx: Ctx; input: UpdateBrandingInput }): Branding {
  authorize(ctx.actor, "branding.manage");
  assertReadablePrimaryColor(input.primaryColor);
  return toBranding(input, ctx.now);
}

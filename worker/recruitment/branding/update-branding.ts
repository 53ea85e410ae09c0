// Vendor admins set the portal's name, logo, colour and public text. One row
// (id 'portal'), upserted together with its audit row.
import { actorId, type Ctx } from "../../platform/context.ts";
import { auditStatement } from "../../platform/audit.ts";
import { authorize } from "../../platform/policy.ts";
import { assertReadablePrimaryColor, BRANDING_ROW_ID, toBranding, type Branding, type UpdateBrandingInput } from "./branding-schema.ts";

export async function updateBranding({ ctx, input }: { ctx: Ctx; input: UpdateBrandingInput }): Promise<Branding> {
  authorize(ctx.actor, "branding.manage");
  assertReadablePrimaryColor(input.primaryColor);
  const { now } = ctx;
  await ctx.db.$client.batch(
    [
      {
        sql: `INSERT INTO portal_branding (id, portal_name, logo_url, primary_color, welcome_text, program_description, updated_by, updated_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT(id) DO UPDATE SET portal_name = excluded.portal_name, logo_url = excluded.logo_url,
                primary_color = excluded.primary_color, welcome_text = excluded.welcome_text,
                program_description = excluded.program_description, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        args: [
          BRANDING_ROW_ID,
          input.portalName,
          input.logoUrl,
          input.primaryColor,
          input.welcomeText,
          input.programDescription,
          actorId(ctx.actor) ?? "system",
          now,
        ],
      },
      auditStatement(ctx.actor, now, "branding.updated", { type: "portal_branding", id: BRANDING_ROW_ID }, {
        portalName: input.portalName,
        logoUrl: input.logoUrl,
        primaryColor: input.primaryColor,
      }),
    ],
    "write",
  );
  return toBranding(input, now);
}

// The portal's look and public text. Anyone may read it, signed in or not:
// the public landing and "become a partner" pages render with it. A portal
// that never saved branding gets its tenant name and the default colour.
import type { Ctx } from "../../platform/context.ts";
import { BRANDING_ROW_ID, brandingFromRow, type Branding } from "./branding-schema.ts";

export async function getBranding({ ctx }: { ctx: Ctx }): Promise<Branding> {
  const rs = await ctx.db.$client.execute({
    sql: "SELECT portal_name, logo_url, primary_color, welcome_text, program_description, updated_at FROM portal_branding WHERE id = ?",
    args: [BRANDING_ROW_ID],
  });
  return brandingFromRow(rs.rows[0], ctx.tenant);
}

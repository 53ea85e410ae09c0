// The portal's look and public text. Anyone may read it, signed in or not:
// the public landing and "become a partner" pages render with it. A portal
// that never saved branding gets its tenant name and the default colour.
import type { InStatement } from "@libsql/client/web";
import type { Ctx } from "../../platform/context.ts";
import { BRANDING_ROW_ID, brandingFromRow, type Branding } from "./branding-schema.ts";

/** The branding read, for callers that put it in a batch of their own (email delivery); read with `brandingFromRow`. */
export function brandingStatement(): InStatement {
  return {
    sql: "SELECT portal_name, logo_url, primary_color, welcome_text, program_description, updated_at FROM portal_branding WHERE id = ?",
    args: [BRANDING_ROW_ID],
  };
}

export async function getBranding({ ctx }: { ctx: Ctx }): Promise<Branding> {
  const rs = await ctx.db.$client.execute(brandingStatement());
  return brandingFromRow(rs.rows[0], ctx.tenant);
}

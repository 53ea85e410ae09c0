// The agreement in force: the highest published version, or null before the
// vendor publishes one. Everyone in the portal may read it.
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import { AGREEMENT_SUMMARY_COLUMNS, agreementFromRow, type Agreement } from "./agreement-schema.ts";

export async function getCurrentAgreement({ ctx }: { ctx: Ctx }): Promise<Agreement | null> {
  authorize(ctx.actor, "agreements.read");
  const rs = await ctx.db.$client.execute(`SELECT ${AGREEMENT_SUMMARY_COLUMNS}, a.body FROM agreements a ORDER BY a.version DESC LIMIT 1`);
  const row = rs.rows[0];
  return row ? agreementFromRow(row) : null;
}

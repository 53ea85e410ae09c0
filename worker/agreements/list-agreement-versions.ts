// Every published agreement version, newest first, without their text.
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import { AGREEMENT_SUMMARY_COLUMNS, summaryFromRow, type AgreementSummary } from "./agreement-schema.ts";

export async function listAgreementVersions({ ctx }: { ctx: Ctx }): Promise<{ items: AgreementSummary[] }> {
  authorize(ctx.actor, "agreements.read");
  const rs = await ctx.db.$client.execute(`SELECT ${AGREEMENT_SUMMARY_COLUMNS} FROM agreements a ORDER BY a.version DESC LIMIT 500`);
  return { items: rs.rows.map(summaryFromRow) };
}

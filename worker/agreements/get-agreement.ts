// One published version, current or not, with its text.
import type { Ctx } from "../platform/context.ts";
import { NotFound } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { AGREEMENT_SUMMARY_COLUMNS, agreementFromRow, type Agreement } from "./agreement-schema.ts";

export async function getAgreement({ ctx, id }: { ctx: Ctx; id: string }): Promise<Agreement> {
  authorize(ctx.actor, "agreements.read");
  const rs = await ctx.db.$client.execute({ sql: `SELECT ${AGREEMENT_SUMMARY_COLUMNS}, a.body FROM agreements a WHERE a.id = ?`, args: [id] });
  const row = rs.rows[0];
  if (!row) throw new NotFound("Agreement not found.");
  return agreementFromRow(row);
}

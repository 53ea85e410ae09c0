// Where one partner organization stands against the current agreement, and
// whether the portal must stop it until a partner admin signs. An
// organization that signed an earlier version keeps working for the new
// version's grace days; one that never signed must sign before anything else.
import type { Ctx } from "../platform/context.ts";
import { NotFound, ValidationFailed } from "../platform/errors.ts";
import { authorize, orgScope } from "../platform/policy.ts";
import { AGREEMENT_SUMMARY_COLUMNS, DAY_MS, summaryFromRow, type AgreementStatus } from "./agreement-schema.ts";

/** Partners get their own organization; vendor staff and the system name one. */
export function statusOrgId(ctx: Ctx, partnerOrgId: string | null | undefined): string {
  const scope = orgScope(ctx.actor);
  if (scope !== null) {
    if (partnerOrgId && partnerOrgId !== scope) throw new NotFound("Partner organization not found.");
    return scope;
  }
  if (!partnerOrgId) throw new ValidationFailed([{ field: "partnerOrgId", message: "Choose a partner organization.", code: "required" }]);
  return partnerOrgId;
}

export async function getAgreementStatus({ ctx, partnerOrgId }: { ctx: Ctx; partnerOrgId?: string | null }): Promise<AgreementStatus> {
  authorize(ctx.actor, "agreements.read");
  const orgId = statusOrgId(ctx, partnerOrgId);
  const [currentRs, signedRs] = await ctx.db.$client.batch(
    [
      `SELECT ${AGREEMENT_SUMMARY_COLUMNS} FROM agreements a ORDER BY a.version DESC LIMIT 1`,
      {
        sql: `SELECT a.version, x.accepted_at FROM agreement_acceptances x JOIN agreements a ON a.id = x.agreement_id
              WHERE x.partner_org_id = ? ORDER BY a.version DESC, x.accepted_at LIMIT 1`,
        args: [orgId],
      },
    ],
    "read",
  );
  const currentRow = currentRs!.rows[0];
  const signedRow = signedRs!.rows[0];
  const signedVersion = signedRow ? Number(signedRow.version) : null;
  const signedAt = signedRow ? Number(signedRow.accepted_at) : null;
  if (!currentRow) {
    return { partnerOrgId: orgId, current: null, signed: false, signedVersion, signedAt, mustSignBy: null, blocking: false };
  }
  const current = summaryFromRow(currentRow);
  const signed = signedVersion === current.version;
  const mustSignBy = signed ? null : signedVersion === null ? current.publishedAt : current.publishedAt + current.graceDays * DAY_MS;
  return {
    partnerOrgId: orgId,
    current,
    signed,
    signedVersion,
    signedAt,
    mustSignBy,
    blocking: mustSignBy !== null && ctx.now >= mustSignBy,
  };
}

// Who signed what and when, for vendor staff: newest first, optionally for
// one version.
import type { Ctx } from "../platform/context.ts";
import { Forbidden } from "../platform/errors.ts";
import { authorize, orgScope } from "../platform/policy.ts";
import { ACCEPTANCE_COLUMNS, acceptanceFromRow, type Acceptance } from "./agreement-schema.ts";

export type AcceptanceReportRow = Acceptance & { partnerOrgName: string | null; signerEmail: string | null };

export async function listAcceptances({ ctx, agreementId }: { ctx: Ctx; agreementId?: string | null }): Promise<{ items: AcceptanceReportRow[] }> {
  authorize(ctx.actor, "agreements.read");
  if (orgScope(ctx.actor) !== null) throw new Forbidden("The signature report is for vendor staff.");
  // The organization's name comes from a join on partner_orgs rather than a
  // getPartnerOrg call per row: this is a read-only vendor report over many
  // organizations, and one query keeps it to one round trip. Nothing here
  // writes to or interprets another module's table beyond its display name.
  const rs = await ctx.db.$client.execute({
    sql: `SELECT ${ACCEPTANCE_COLUMNS}, o.name AS partner_org_name, m.email AS signer_email
          FROM agreement_acceptances x
          JOIN agreements a ON a.id = x.agreement_id
          LEFT JOIN partner_orgs o ON o.id = x.partner_org_id
          LEFT JOIN memberships m ON m.id = x.membership_id
          WHERE (? IS NULL OR x.agreement_id = ?)
          ORDER BY x.accepted_at DESC, x.rowid DESC LIMIT 1000`,
    args: [agreementId ?? null, agreementId ?? null],
  });
  return {
    items: rs.rows.map((r) => ({
      ...acceptanceFromRow(r),
      partnerOrgName: r.partner_org_name == null ? null : String(r.partner_org_name),
      signerEmail: r.signer_email == null ? null : String(r.signer_email),
    })),
  };
}

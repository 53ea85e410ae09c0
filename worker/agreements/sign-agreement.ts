// A partner admin accepts the current agreement version for their
// organization by typing their name. The signature keeps who, when, from
// which address and browser, and which version. Signing is idempotent per
// organization and version: a second signature returns the first one.
import type { z } from "@hono/zod-openapi";
import { auditWhen } from "../platform/audit.ts";
import { newId } from "../platform/auth/tokens.ts";
import type { Ctx } from "../platform/context.ts";
import { Conflict, Forbidden, NotFound, ValidationFailed } from "../platform/errors.ts";
import { authorize, orgScope } from "../platform/policy.ts";
import { ACCEPTANCE_COLUMNS, acceptanceFromRow, normalizePersonName, type Acceptance, type signAgreementInput } from "./agreement-schema.ts";

export async function signAgreement({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { agreementId: string } & z.infer<typeof signAgreementInput>;
}): Promise<Acceptance> {
  authorize(ctx.actor, "agreements.sign");
  if (ctx.actor.kind !== "user") throw new Forbidden("An agreement is signed by a person: sign in to sign it.", "person_required");
  const partnerOrgId = orgScope(ctx.actor);
  if (partnerOrgId === null) throw new Forbidden("Only a partner admin signs for their organization.");
  const member = ctx.actor.membership;
  if (normalizePersonName(input.signedName) !== normalizePersonName(member.name)) {
    throw new ValidationFailed([
      { field: "signedName", code: "name_mismatch", message: `Type your name as it appears on your profile (${member.name}) to sign.` },
    ]);
  }

  const { now } = ctx;
  const id = newId();
  const signedName = input.signedName.trim().replace(/\s+/g, " ");
  // One write: the guards (current version, not yet signed) are in SQL, so a
  // version published or a colleague signing in between cannot slip through.
  const [, , agreementRs, acceptanceRs] = await ctx.db.$client.batch(
    [
      {
        sql: `INSERT INTO agreement_acceptances (id, agreement_id, partner_org_id, membership_id, signed_name, ip, user_agent, accepted_at)
              SELECT ?, a.id, ?, ?, ?, ?, ?, ? FROM agreements a
              WHERE a.id = ? AND a.version = (SELECT MAX(version) FROM agreements)
                AND NOT EXISTS (SELECT 1 FROM agreement_acceptances x WHERE x.agreement_id = a.id AND x.partner_org_id = ?)`,
        args: [id, partnerOrgId, member.id, signedName, ctx.client?.ip ?? null, ctx.client?.userAgent?.slice(0, 500) ?? null, now, input.agreementId, partnerOrgId],
      },
      auditWhen(
        ctx.actor,
        now,
        "agreement.signed",
        { type: "agreement", id: input.agreementId },
        { sql: "SELECT 1 FROM agreement_acceptances WHERE id = ?", args: [id] },
        { partnerOrgId, acceptanceId: id },
      ),
      {
        sql: "SELECT a.version, a.version = (SELECT MAX(version) FROM agreements) AS is_current FROM agreements a WHERE a.id = ?",
        args: [input.agreementId],
      },
      {
        sql: `SELECT ${ACCEPTANCE_COLUMNS} FROM agreement_acceptances x JOIN agreements a ON a.id = x.agreement_id
              WHERE x.agreement_id = ? AND x.partner_org_id = ? ORDER BY x.accepted_at, x.rowid LIMIT 1`,
        args: [input.agreementId, partnerOrgId],
      },
    ],
    "write",
  );
  const agreement = agreementRs!.rows[0];
  if (!agreement) throw new NotFound("Agreement not found.");
  if (Number(agreement.is_current) !== 1) {
    throw new Conflict("A newer version of this agreement has been published. Review and sign the current version.", "not_current_version");
  }
  return acceptanceFromRow(acceptanceRs!.rows[0]!);
}

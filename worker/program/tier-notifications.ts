// Promotion mail to a partner's admins. The rows are the outbox's (same shape
// `emailStatement` writes) but inserted only if the tier change they announce
// was actually applied by the same batch: tier changes are guarded writes, and
// a change that lost a race must not send mail.
import type { InStatement } from "@libsql/client/web";
import { newId } from "../platform/auth/tokens.ts";
import type { Ctx } from "../platform/context.ts";
import type { EmailIntent } from "../platform/email/templates.ts";

export interface PendingMail {
  id: string;
  /** The tier change the mail announces; no applied change, no mail. */
  changeId: string;
  intent: EmailIntent;
}

export function promotionMails(
  ctx: Ctx,
  changeId: string,
  partner: { name: string; adminEmails: readonly string[] },
  tierName: string,
): PendingMail[] {
  return partner.adminEmails.map((to) => ({
    id: newId(),
    changeId,
    intent: {
      template: "tier-changed",
      to,
      // Memberships carry no language yet; mail from jobs goes out in English.
      locale: "en",
      tenantSlug: ctx.tenant.slug,
      data: { tenantName: ctx.tenant.name, partnerName: partner.name, tierName, link: `${ctx.env.portalUrl}/t/${ctx.tenant.slug}/tier` },
    },
  }));
}

/** One statement for all `mails`; RETURNING the ids actually written, for `publishOutbox`. */
export function mailsWhenAppliedStatement(mails: readonly PendingMail[], decidedAt: number): InStatement {
  return {
    sql: `INSERT INTO outbox (id, kind, payload, status, attempts, created_at)
          SELECT j.value ->> 'id', 'email', j.value -> 'intent', 'pending', 0, ?
          FROM json_each(?) j
          WHERE EXISTS (SELECT 1 FROM tier_changes c WHERE c.id = j.value ->> 'changeId' AND c.status = 'applied' AND c.decided_at = ?)
          RETURNING id`,
    args: [decidedAt, JSON.stringify(mails), decidedAt],
  };
}

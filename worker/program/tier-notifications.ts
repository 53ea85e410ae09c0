// Promotion mail to a partner's admins: outbox rows (platform/side-rows.ts)
// inserted only if the tier change they announce was actually applied by the
// same batch: tier changes are guarded writes, and a change that lost a race
// must not send mail.
import type { InStatement, Row } from "@libsql/client/web";
import { newId } from "../platform/auth/tokens.ts";
import type { Ctx } from "../platform/context.ts";
import { locales, type EmailIntent, type Locale } from "../platform/email/templates.ts";
import { guardOver, outboxMail, sql } from "../platform/side-rows.ts";

/** Someone mail goes to, in the language they chose. */
export interface Recipient {
  email: string;
  locale: Locale;
}

/** A membership row's `email` and `locale` (an unknown stored language falls back to English). */
export function recipientFromRow(row: Row): Recipient {
  const locale = String(row.locale);
  return { email: String(row.email), locale: (locales as readonly string[]).includes(locale) ? (locale as Locale) : "en" };
}

export interface PendingMail {
  id: string;
  /** The tier change the mail announces; no applied change, no mail. */
  changeId: string;
  intent: EmailIntent;
}

export function promotionMails(
  ctx: Ctx,
  changeId: string,
  partner: { name: string; admins: readonly Recipient[] },
  tierName: string,
): PendingMail[] {
  return partner.admins.map(({ email: to, locale }) => ({
    id: newId(),
    changeId,
    intent: {
      template: "tier-changed",
      to,
      locale,
      tenantSlug: ctx.tenant.slug,
      data: { tenantName: ctx.tenant.name, partnerName: partner.name, tierName, link: `${ctx.env.portalUrl}/t/${ctx.tenant.slug}/tier` },
    },
  }));
}

/** One statement for all `mails`; RETURNING the ids actually written, for `publishOutbox`. */
export function mailsWhenAppliedStatement(mails: readonly PendingMail[], decidedAt: number): InStatement {
  return outboxMail(
    decidedAt,
    { id: sql("j.value ->> 'id'"), payload: sql("j.value -> 'intent'") },
    guardOver(
      sql("json_each(?) j", JSON.stringify(mails)),
      sql("EXISTS (SELECT 1 FROM tier_changes c WHERE c.id = j.value ->> 'changeId' AND c.status = 'applied' AND c.decided_at = ?)", decidedAt),
    ),
    { returningId: true },
  );
}

// Deal notifications through the transactional outbox. Statements select the
// deals they are about (`where` over `deals d`), so a transition's mail is
// written in the transition's own batch and only if it moves the deal, and a
// sweep writes one mail per due deal in one statement. Ids are random per
// batch plus the deal id; the sweep-outbox job delivers what no nudge sent.
import type { InStatement, InValue } from "@libsql/client/web";
import { newId } from "../platform/auth/tokens.ts";
import type { Ctx } from "../platform/context.ts";
import type { DealMailEvent } from "../platform/email/templates.ts";
import { ESCALATION_IDS_SQL } from "../notifications/deal-notifications.ts";

/** The partner rep who registered the deal hears of `event`; `detail` and `date` are SQL expressions over `d`. */
export function dealUpdateMail(
  ctx: Pick<Ctx, "env" | "tenant" | "now">,
  event: DealMailEvent,
  where: string,
  whereArgs: InValue[],
  {
    detail = "NULL",
    date = "NULL",
    detailArgs = [],
    run = newId(),
  }: { detail?: string; date?: string; detailArgs?: InValue[]; /** The id prefix: the row's id is `${run}:${dealId}`. */ run?: string } = {},
): InStatement {
  const link = `${ctx.env.portalUrl}/t/${ctx.tenant.slug}/deals/`;
  return {
    sql: `INSERT INTO outbox (id, kind, payload, status, attempts, created_at)
          SELECT ? || ':' || d.id, 'email', json_object(
              'template', 'deal-update', 'to', m.email, 'locale', m.locale, 'tenantSlug', ?,
              'data', json_object('tenantName', ?, 'customerName', d.customer_name, 'event', ?,
                'detail', ${detail}, 'date', ${date}, 'link', ? || d.id)),
            'pending', 0, ?
          FROM deals d JOIN memberships m ON m.id = d.submitted_by AND m.status = 'active'
          WHERE ${where}`,
    args: [run, ctx.tenant.slug, ctx.tenant.name, event, ...detailArgs, link, ctx.now, ...whereArgs],
  };
}

/** `YYYY-MM-DD` of an epoch-ms SQL expression. */
export const sqlDate = (expr: string) => `strftime('%Y-%m-%d', ${expr} / 1000, 'unixepoch')`;

/** An overdue review is escalated: the reviewer and every vendor admin hear of it. */
export function reviewOverdueMail(ctx: Pick<Ctx, "env" | "tenant" | "now">, where: string, whereArgs: InValue[]): InStatement {
  const link = `${ctx.env.portalUrl}/t/${ctx.tenant.slug}/deals/`;
  return {
    sql: `INSERT INTO outbox (id, kind, payload, status, attempts, created_at)
          SELECT ? || ':' || d.id || ':' || m.id, 'email', json_object(
              'template', 'deal-review-overdue', 'to', m.email, 'locale', m.locale, 'tenantSlug', ?,
              'data', json_object('tenantName', ?, 'customerName', d.customer_name, 'partnerName', o.name, 'link', ? || d.id)),
            'pending', 0, ?
          FROM deals d JOIN partner_orgs o ON o.id = d.partner_org_id
            JOIN memberships m ON m.status = 'active' AND m.id IN (${ESCALATION_IDS_SQL})
          WHERE ${where}`,
    args: [newId(), ctx.tenant.slug, ctx.tenant.name, link, ctx.now, ...whereArgs],
  };
}

// Deal notifications through the transactional outbox. Statements select the
// deals they are about (a guard over `deals d`, see platform/side-rows.ts),
// so a transition's mail is written in the transition's own batch and only if
// it moves the deal, and a sweep writes one mail per due deal in one
// statement. Ids are random per batch plus the deal id; the sweep-outbox job
// delivers what no nudge sent.
import type { InStatement } from "@libsql/client/web";
import { newId } from "../platform/auth/tokens.ts";
import type { Ctx } from "../platform/context.ts";
import type { DealMailEvent } from "../platform/email/templates.ts";
import { asSql, type Guard, joinedTo, outboxMail, Sql, sql, type Value } from "../platform/side-rows.ts";
import { ESCALATION_IDS_SQL } from "../notifications/deal-notifications.ts";


/** The partner rep who registered the deal hears of `event`; `detail` and `date` are values or `sql(...)` over `d`. */
export function dealUpdateMail(
  ctx: Pick<Ctx, "env" | "tenant" | "now">,
  event: DealMailEvent,
  guard: Guard,
  {
    detail = null,
    date = null,
    run = newId(),
  }: { detail?: Value; date?: Value; /** The id prefix: the row's id is `${run}:${dealId}`. */ run?: string } = {},
): InStatement {
  const link = `${ctx.env.portalUrl}/t/${ctx.tenant.slug}/deals/`;
  const [d, at] = [asSql(detail), asSql(date)];
  return outboxMail(
    ctx.now,
    {
      id: sql("? || ':' || d.id", run),
      payload: new Sql(
        `json_object(
              'template', 'deal-update', 'to', m.email, 'locale', m.locale, 'tenantSlug', ?,
              'data', json_object('tenantName', ?, 'customerName', d.customer_name, 'event', ?,
                'detail', ${d.sql}, 'date', ${at.sql}, 'link', ? || d.id))`,
        [ctx.tenant.slug, ctx.tenant.name, event, ...d.args, ...at.args, link],
      ),
    },
    joinedTo(guard, "JOIN memberships m ON m.id = d.submitted_by AND m.status = 'active'"),
  );
}

/** `YYYY-MM-DD` of an epoch-ms SQL expression. */
export const sqlDate = (expr: string) => `strftime('%Y-%m-%d', ${expr} / 1000, 'unixepoch')`;

/** An overdue review is escalated: the reviewer and every vendor admin hear of it. */
export function reviewOverdueMail(ctx: Pick<Ctx, "env" | "tenant" | "now">, guard: Guard): InStatement {
  const link = `${ctx.env.portalUrl}/t/${ctx.tenant.slug}/deals/`;
  return outboxMail(
    ctx.now,
    {
      id: sql("? || ':' || d.id || ':' || m.id", newId()),
      payload: sql(
        `json_object(
              'template', 'deal-review-overdue', 'to', m.email, 'locale', m.locale, 'tenantSlug', ?,
              'data', json_object('tenantName', ?, 'customerName', d.customer_name, 'partnerName', o.name, 'link', ? || d.id))`,
        ctx.tenant.slug,
        ctx.tenant.name,
        link,
      ),
    },
    joinedTo(
      guard,
      `JOIN partner_orgs o ON o.id = d.partner_org_id
            JOIN memberships m ON m.status = 'active' AND m.id IN (${ESCALATION_IDS_SQL})`,
    ),
  );
}

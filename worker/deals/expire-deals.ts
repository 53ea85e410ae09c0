// The hourly deal sweep for one tenant, run as the system actor with the
// injected clock: protection windows that ended expire; partners get a
// reminder a week before theirs ends; registrations past the vendor's review
// deadline are escalated once and, where the rules say so, approved.
//
// Set-based: each step is one guarded INSERT ... SELECT for its timeline
// rows and one UPDATE over the same rows, all in one write batch, so a sweep
// costs in proportion to the deals due, and a second run (or an overlapping
// one) finds nothing left to do. Each step's mail (reminder, expiry,
// overdue review to the reviewer and the vendor admins) and in-app
// notification are written by one INSERT ... SELECT each in the same batch;
// the outbox sweep delivers the mail.
import type { InStatement, InValue } from "@libsql/client/web";
import { newId } from "../platform/auth/tokens.ts";
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import { currentRulesStatement, rulesFromResult } from "../program/program-rules-schema.ts";
import { dealNotification } from "../notifications/deal-notifications.ts";
import { dealUpdateMail, reviewOverdueMail, sqlDate } from "./deal-mail.ts";

const DAY = 24 * 60 * 60 * 1000;
/** How long before expiry the partner is reminded. */
export const EXPIRY_REMINDER_DAYS = 7;

export interface DealSweep {
  expired: number;
  reminded: number;
  escalated: number;
  autoApproved: number;
}

/** Timeline, audit and domain rows for every deal `where` selects, written before the UPDATE that moves them. */
function rowsFor(
  ctx: Ctx,
  where: string,
  args: InValue[],
  kind: string,
  toStatus: string | null,
  domainEvent: string | null,
): InStatement[] {
  const job = ctx.actor.kind === "system" ? ctx.actor.job : "deal-sweep";
  // One id per row: a random prefix for this sweep and the deal's own id keep them unique and unguessable.
  const run = newId();
  const statements: InStatement[] = [
    {
      sql: `INSERT INTO deal_events (id, deal_id, at, actor_kind, actor_id, kind, from_status, to_status, data)
            SELECT ? || ':' || d.id, d.id, ?, 'system', ?, ?, d.status, ?, NULL FROM deals d WHERE ${where}`,
      args: [`${run}:${kind}`, ctx.now, job, kind, toStatus, ...args],
    },
    {
      sql: `INSERT INTO audit_log (id, at, actor_kind, actor_id, action, target_type, target_id, data)
            SELECT ? || ':' || d.id, ?, 'system', ?, ?, 'deal', d.id, NULL FROM deals d WHERE ${where}`,
      args: [`${run}:audit:${kind}`, ctx.now, job, `deal.${kind}`, ...args],
    },
  ];
  if (domainEvent) {
    statements.push({
      sql: `INSERT INTO domain_events (id, at, kind, partner_org_id, subject_type, subject_id, data)
            SELECT ? || ':' || d.id, ?, ?, d.partner_org_id, 'deal', d.id, NULL FROM deals d WHERE ${where}`,
      args: [`${run}:event:${kind}`, ctx.now, domainEvent, ...args],
    });
  }
  return statements;
}

export async function expireDueDeals({ ctx }: { ctx: Ctx }): Promise<DealSweep> {
  authorize(ctx.actor, "deals.review");
  const { now } = ctx;
  const rules = rulesFromResult("deal_registration", await ctx.db.$client.execute(currentRulesStatement("deal_registration"))).rules;

  const expiring = "d.status = 'approved' AND d.expires_at <= ?";
  const reminding = "d.status = 'approved' AND d.expires_at > ? AND d.expires_at <= ? AND d.reminder_sent_at IS NULL";
  const overdue = "d.status = 'submitted' AND d.review_due_at <= ? AND d.review_escalated_at IS NULL";
  const soon = now + EXPIRY_REMINDER_DAYS * DAY;

  const statements: InStatement[] = [
    ...rowsFor(ctx, expiring, [now], "expired", "expired", "deal.expired"),
    dealUpdateMail(ctx, "expired", expiring, [now], { date: sqlDate("d.expires_at") }),
    dealNotification(ctx, "deal.expired", expiring, [now], { to: "submitter", date: "d.expires_at" }),
    { sql: `UPDATE deals AS d SET status = 'expired', updated_at = ? WHERE ${expiring}`, args: [now, now] },
    ...rowsFor(ctx, reminding, [now, soon], "expiry_reminder", null, null),
    dealUpdateMail(ctx, "expiring", reminding, [now, soon], { date: sqlDate("d.expires_at") }),
    dealNotification(ctx, "deal.expiring", reminding, [now, soon], { to: "submitter", date: "d.expires_at" }),
    { sql: `UPDATE deals AS d SET reminder_sent_at = ?, updated_at = ? WHERE ${reminding}`, args: [now, now, now, soon] },
  ];
  if (rules.autoApproveOnSlaBreach) {
    statements.push(
      ...rowsFor(ctx, overdue, [now], "approved_on_sla_breach", "approved", "deal.approved"),
      dealUpdateMail(ctx, "approved", overdue, [now], {
        date: sqlDate("(? + coalesce(d.protection_days, ?) * ?)"),
        detailArgs: [now, rules.defaultProtectionDays, DAY],
      }),
      dealNotification(ctx, "deal.approved", overdue, [now], {
        to: "submitter",
        date: "(? + coalesce(d.protection_days, ?) * ?)",
        detailArgs: [now, rules.defaultProtectionDays, DAY],
      }),
      {
        sql: `UPDATE deals AS d SET status = 'approved', approved_at = ?, decided_at = ?, review_escalated_at = ?,
                expires_at = ? + coalesce(d.protection_days, ?) * ?, updated_at = ?
              WHERE ${overdue}`,
        args: [now, now, now, now, rules.defaultProtectionDays, DAY, now, now],
      },
    );
  } else {
    statements.push(
      ...rowsFor(ctx, overdue, [now], "review_sla_breached", null, null),
      reviewOverdueMail(ctx, overdue, [now]),
      dealNotification(ctx, "deal.review_overdue", overdue, [now], { to: "escalation" }),
      {
        sql: `UPDATE deals AS d SET review_escalated_at = ?, updated_at = ? WHERE ${overdue}`,
        args: [now, now, now],
      },
    );
  }
  const results = await ctx.db.$client.batch(statements, "write");
  const updates = statements.map((s, i) => ((s as { sql: string }).sql.startsWith("UPDATE") ? results[i]!.rowsAffected : null)).filter((n): n is number => n !== null);
  const [expired = 0, reminded = 0, overdueCount = 0] = updates;
  return {
    expired,
    reminded,
    escalated: rules.autoApproveOnSlaBreach ? 0 : overdueCount,
    autoApproved: rules.autoApproveOnSlaBreach ? overdueCount : 0,
  };
}

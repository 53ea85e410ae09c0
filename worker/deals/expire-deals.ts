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
import type { InStatement } from "@libsql/client/web";
import { newId } from "../platform/auth/tokens.ts";
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import { auditRow, domainEvent, type Guard, guardRows, Sql, sql, timelineEvent, updateRows } from "../platform/side-rows.ts";
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

/** Timeline, audit and domain rows for every deal `due` selects, written before the UPDATE that moves them. */
function rowsFor(ctx: Ctx, due: Guard, kind: string, toStatus: string | null, domainEventKind: string | null): InStatement[] {
  const by = { actor: { kind: "system", job: ctx.actor.kind === "system" ? ctx.actor.job : "deal-sweep" } as const, now: ctx.now };
  // One id per row: a random prefix for this sweep and the deal's own id keep them unique and unguessable.
  const run = newId();
  const deal = { type: "deal", id: sql("d.id") } as const;
  const statements: InStatement[] = [
    timelineEvent(by, { id: sql("? || ':' || d.id", `${run}:${kind}`), subject: deal, kind, from: sql("d.status"), to: toStatus }, due),
    auditRow(by, { id: sql("? || ':' || d.id", `${run}:audit:${kind}`), action: `deal.${kind}`, target: deal }, due),
  ];
  if (domainEventKind) {
    statements.push(domainEvent(ctx.now, { id: sql("? || ':' || d.id", `${run}:event:${kind}`), kind: domainEventKind, partnerOrgId: sql("d.partner_org_id"), subject: deal }, due));
  }
  return statements;
}

export async function expireDueDeals({ ctx }: { ctx: Ctx }): Promise<DealSweep> {
  authorize(ctx.actor, "deals.review");
  const { now } = ctx;
  const rules = rulesFromResult("deal_registration", await ctx.db.$client.execute(currentRulesStatement("deal_registration"))).rules;

  const soon = now + EXPIRY_REMINDER_DAYS * DAY;
  const expiring = guardRows("deals", "d", "d.status = 'approved' AND d.expires_at <= ?", [now]);
  const reminding = guardRows("deals", "d", "d.status = 'approved' AND d.expires_at > ? AND d.expires_at <= ? AND d.reminder_sent_at IS NULL", [now, soon]);
  const overdue = guardRows("deals", "d", "d.status = 'submitted' AND d.review_due_at <= ? AND d.review_escalated_at IS NULL", [now]);
  const protectedUntil = sql("(? + coalesce(d.protection_days, ?) * ?)", now, rules.defaultProtectionDays, DAY);

  // The steps' UPDATEs, whose rows moved are what the sweep reports.
  const updates: InStatement[] = [];
  const update = (due: Guard, set: Parameters<typeof updateRows>[1]) => {
    const st = updateRows(due, set);
    updates.push(st);
    return st;
  };
  const statements: InStatement[] = [
    ...rowsFor(ctx, expiring, "expired", "expired", "deal.expired"),
    dealUpdateMail(ctx, "expired", expiring, { date: sql(sqlDate("d.expires_at")) }),
    dealNotification(ctx, "deal.expired", expiring, { to: "submitter", date: sql("d.expires_at") }),
    update(expiring, { status: "expired", updated_at: now }),
    ...rowsFor(ctx, reminding, "expiry_reminder", null, null),
    dealUpdateMail(ctx, "expiring", reminding, { date: sql(sqlDate("d.expires_at")) }),
    dealNotification(ctx, "deal.expiring", reminding, { to: "submitter", date: sql("d.expires_at") }),
    update(reminding, { reminder_sent_at: now, updated_at: now }),
  ];
  if (rules.autoApproveOnSlaBreach) {
    statements.push(
      ...rowsFor(ctx, overdue, "approved_on_sla_breach", "approved", "deal.approved"),
      dealUpdateMail(ctx, "approved", overdue, { date: new Sql(sqlDate(protectedUntil.sql), protectedUntil.args) }),
      dealNotification(ctx, "deal.approved", overdue, { to: "submitter", date: protectedUntil }),
      update(overdue, { status: "approved", approved_at: now, decided_at: now, review_escalated_at: now, expires_at: protectedUntil, updated_at: now }),
    );
  } else {
    statements.push(
      ...rowsFor(ctx, overdue, "review_sla_breached", null, null),
      reviewOverdueMail(ctx, overdue),
      dealNotification(ctx, "deal.review_overdue", overdue, { to: "escalation" }),
      update(overdue, { review_escalated_at: now, updated_at: now }),
    );
  }
  const results = await ctx.db.$client.batch(statements, "write");
  const [expired = 0, reminded = 0, overdueCount = 0] = updates.map((st) => results[statements.indexOf(st)]!.rowsAffected);
  return {
    expired,
    reminded,
    escalated: rules.autoApproveOnSlaBreach ? 0 : overdueCount,
    autoApproved: rules.autoApproveOnSlaBreach ? overdueCount : 0,
  };
}

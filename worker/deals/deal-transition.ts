// The one way a deal registration changes state: a guarded UPDATE (only from
// the states the transition allows, only inside the caller's scope) with its
// timeline entry, audit row, domain event, mail and in-app notification
// chained on it in the same write batch, and the deal read back. A refused transition writes nothing and says
// why: not found (out of reach), or an illegal move from the current state.
import type { InStatement, InValue } from "@libsql/client/web";
import type { DealStatus } from "../../db/tenant/schema.ts";
import { newId } from "../platform/auth/tokens.ts";
import type { Ctx } from "../platform/context.ts";
import { Conflict, NotFound } from "../platform/errors.ts";
import { dealScopeOf, scopeSql } from "./deal-access.ts";
import type { DealMailEvent } from "../platform/email/templates.ts";
import { publishOutbox } from "../platform/outbox/outbox.ts";
import { auditRow, domainEvent, type Guard, guardRows, sql, timelineEvent, updateRows } from "../platform/side-rows.ts";
import { dealNotification, type DealRecipients } from "../notifications/deal-notifications.ts";
import type { NotificationKind } from "../notifications/notification-schema.ts";
import { dealUpdateMail, sqlDate } from "./deal-mail.ts";
import { DEAL_COLUMNS, DEAL_FROM, dealFromRow, type Deal } from "./deal-schema.ts";

export interface Transition {
  id: string;
  from: readonly DealStatus[];
  to: DealStatus;
  /** Columns to set besides status and updated_at. */
  set: Record<string, InValue>;
  event: string;
  eventData?: Record<string, unknown>;
  audit: string;
  domainEvent?: { kind: string; data?: Record<string, unknown> };
  /** Extra rows written only when the deal moves: built under the transition's guard over `deals d`. */
  extra?: ((moves: Guard) => InStatement)[];
  /** The email the partner rep gets about this move (see deal-mail.ts). */
  mail?: { event: DealMailEvent; detail?: string | null; date?: number | null };
  /**
   * The in-app notification of this move. Without one, a move that mails the
   * rep notifies them of the same event (`deal.<event>`, same detail and date).
   */
  notify?: { kind: NotificationKind; to: DealRecipients; detail?: string | null; date?: number | null };
}

const STATUS_WORDS: Record<DealStatus, string> = {
  draft: "a draft",
  submitted: "waiting for review",
  needs_info: "waiting for more information",
  approved: "approved",
  rejected: "rejected",
  expired: "expired",
  won: "won",
  lost: "lost",
};

export async function transitionDeal(ctx: Ctx, t: Transition): Promise<Deal> {
  const scope = dealScopeOf(ctx.actor);
  const filter = scopeSql(scope);
  // Every row of the transition is written under the same guard as the
  // UPDATE, before it, so each sees the state it moves from (the timeline
  // records it) and none is written when the move is refused.
  const moves = guardRows("deals", "d", `d.id = ? AND d.status IN (${t.from.map(() => "?").join(", ")}) ${filter.sql}`, [t.id, ...t.from, ...filter.args]);
  const statements: InStatement[] = [
    timelineEvent(ctx, { subject: { type: "deal", id: sql("d.id") }, kind: t.event, from: sql("d.status"), to: t.to, data: t.eventData ?? null }, moves),
    auditRow(ctx, { action: t.audit, target: { type: "deal", id: sql("d.id") }, data: t.eventData ?? null }, moves),
  ];
  if (t.domainEvent) {
    statements.push(
      domainEvent(ctx.now, { kind: t.domainEvent.kind, partnerOrgId: sql("d.partner_org_id"), subject: { type: "deal", id: sql("d.id") }, data: t.domainEvent.data ?? null }, moves),
    );
  }
  for (const extra of t.extra ?? []) statements.push(extra(moves));
  const notify = t.notify ?? (t.mail && { kind: `deal.${t.mail.event}` as const, to: "submitter" as const, detail: t.mail.detail, date: t.mail.date });
  if (notify) statements.push(dealNotification(ctx, notify.kind, moves, { to: notify.to, detail: notify.detail ?? null, date: notify.date ?? null }));
  const mailRun = newId();
  if (t.mail) {
    statements.push(
      dealUpdateMail(ctx, t.mail.event, moves, {
        detail: t.mail.detail ?? null,
        date: t.mail.date ? sql(sqlDate("?"), t.mail.date) : null,
        run: mailRun,
      }),
    );
  }
  statements.push(updateRows(moves, { status: t.to, updated_at: ctx.now, ...t.set }), {
    sql: `SELECT ${DEAL_COLUMNS} FROM ${DEAL_FROM} WHERE d.id = ? ${filter.sql}`,
    args: [t.id, ...filter.args],
  });
  const results = await ctx.db.$client.batch(statements, "write");
  const row = results.at(-1)!.rows[0];
  if (!row) throw new NotFound("Deal not found.");
  const deal = dealFromRow(row, scope.viewer);
  if (results.at(-2)!.rowsAffected > 0 && t.mail) await publishOutbox(ctx.env, ctx.tenant.id, [`${mailRun}:${t.id}`]);
  if (results.at(-2)!.rowsAffected === 0) {
    const verb = t.to === "needs_info" ? "sent back for information" : t.to === "submitted" ? "resubmitted" : `marked ${t.to}`;
    throw new Conflict(`This registration is ${STATUS_WORDS[deal.status]}, so it cannot be ${verb} now.`, "illegal_transition");
  }
  return deal;
}

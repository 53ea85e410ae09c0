// In-app notifications about deals, written like deal mail (deal-mail.ts):
// one INSERT ... SELECT over the deals a change's own guard selects
// (`deals d`, see platform/side-rows.ts), in the change's batch, so a notification exists only if the
// deal really moved (a refused transition writes none) and a sweep writes
// one per due deal and recipient in one statement. The row keeps facts, not
// sentences: the portal words it in the reader's language.
import type { InStatement, InValue } from "@libsql/client/web";
import type { Actor, Ctx } from "../platform/context.ts";
import { isPartnerRole, roleOf } from "../platform/policy.ts";
import { asSql, type Guard, guardRows, joinedTo, notification, Sql, sql, type Value } from "../platform/side-rows.ts";
import type { NotificationKind } from "./notification-schema.ts";

/**
 * Who hears: the partner rep who registered the deal; its reviewer (or, when
 * it has no active one, every active vendor admin); the reviewer and every
 * vendor admin (an escalation); or one given member.
 */
export type DealRecipients = "submitter" | "reviewers" | "escalation" | { memberId: string };

export interface DealNotificationOptions {
  to: DealRecipients;
  /** The vendor's reason, a comment's opening, a justification: a value, or `sql(...)` over `d`. */
  detail?: Value;
  /** An epoch-ms moment the sentence names (the protection window's end): a value, or `sql(...)` over `d`. */
  date?: Value;
}

/**
 * The members who review deal `d`: its reviewer, or, without an active one,
 * every active vendor admin. Two index lookups (the reviewer by id, the admins
 * by role), never a pass over every partner's people: an SQL set over `d`.
 */
export const REVIEWER_IDS_SQL = `SELECT d.reviewer_id
    UNION ALL
    SELECT a.id FROM memberships a WHERE a.role = 'vendor_admin' AND a.status = 'active' AND NOT EXISTS (
      SELECT 1 FROM memberships r WHERE r.id = d.reviewer_id AND r.status = 'active' AND r.role IN ('vendor_admin', 'channel_manager'))`;

/** An overdue review goes up the line: the reviewer and every active vendor admin (each once). */
export const ESCALATION_IDS_SQL = `SELECT d.reviewer_id
    UNION
    SELECT a.id FROM memberships a WHERE a.role = 'vendor_admin' AND a.status = 'active'`;

const RECIPIENTS = {
  submitter: "m.id = d.submitted_by",
  reviewers: `m.id IN (${REVIEWER_IDS_SQL})`,
  escalation: `m.id IN (${ESCALATION_IDS_SQL})`,
} as const;

/**
 * The statement that notifies `to` of `kind` for every deal `guard` selects
 * (a guard over `deals d`, see side-rows.ts). Put it in the change's write
 * batch under the change's own guard, before the UPDATE that moves the deal
 * out of it. The actor never hears of their own action.
 *
 *   dealNotification(ctx, "deal.submitted", guardRows("deals", "d", "d.id = ?", [id]), { to: "reviewers" })
 */
export function dealNotification(
  ctx: Pick<Ctx, "actor" | "now">,
  kind: NotificationKind,
  guard: Guard,
  options: DealNotificationOptions,
): InStatement;
/** The same, with the guard spelled as a condition over `deals d` and its arguments. */
export function dealNotification(
  ctx: Pick<Ctx, "actor" | "now">,
  kind: NotificationKind,
  where: string,
  whereArgs: InValue[],
  options: DealNotificationOptions,
): InStatement;
export function dealNotification(
  ctx: Pick<Ctx, "actor" | "now">,
  kind: NotificationKind,
  guardOrWhere: Guard | string,
  ...rest: [DealNotificationOptions] | [InValue[], DealNotificationOptions]
): InStatement {
  const guard = typeof guardOrWhere === "string" ? guardRows("deals", "d", guardOrWhere, rest[0] as InValue[]) : guardOrWhere;
  const { to, detail = null, date = null } = rest.at(-1) as DealNotificationOptions;
  const person = ctx.actor.kind === "user" ? ctx.actor.membership : null;
  const [d, at] = [asSql(detail), asSql(date)];
  return notification(
    ctx,
    {
      kind,
      subject: { type: "deal", id: sql("d.id") },
      to: typeof to === "string" ? sql(RECIPIENTS[to]) : sql("m.id = ?", to.memberId),
      data: new Sql(
        `json_object('customerName', d.customer_name, 'partnerName', o.name, 'actorName', ?, 'detail', ${d.sql}, 'date', ${at.sql})`,
        [person?.name ?? null, ...d.args, ...at.args],
      ),
    },
    joinedTo(guard, "LEFT JOIN partner_orgs o ON o.id = d.partner_org_id"),
  );
}

/** The other side of a deal from the actor: vendor staff's doings reach the rep, a partner's the reviewers. */
export function counterpartOf(actor: Actor): DealRecipients {
  const role = roleOf(actor);
  return role !== null && isPartnerRole(role) ? "reviewers" : "submitter";
}

// In-app notifications about deals, written like deal mail (deal-mail.ts):
// one INSERT ... SELECT over the deals a change's own `where` selects
// (`deals d`), in the change's batch, so a notification exists only if the
// deal really moved (a refused transition writes none) and a sweep writes
// one per due deal and recipient in one statement. The row keeps facts, not
// sentences: the portal words it in the reader's language.
import type { InStatement, InValue } from "@libsql/client/web";
import { newId } from "../platform/auth/tokens.ts";
import type { Actor, Ctx } from "../platform/context.ts";
import { isPartnerRole, roleOf } from "../platform/policy.ts";
import type { NotificationKind } from "./notification-schema.ts";

/**
 * Who hears: the partner rep who registered the deal; its reviewer (or, when
 * it has no active one, every active vendor admin); the reviewer and every
 * vendor admin (an escalation); or one given member.
 */
export type DealRecipients = "submitter" | "reviewers" | "escalation" | { memberId: string };

export interface DealNotificationOptions {
  to: DealRecipients;
  /** SQL over `d` for the vendor's reason, a comment's opening, a justification; `detailArgs` bind its and `date`'s `?`s. */
  detail?: string;
  /** SQL over `d` for an epoch-ms moment the sentence names (the protection window's end). */
  date?: string;
  detailArgs?: InValue[];
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
 * The statement that notifies `to` of `kind` for every deal `where` (over
 * `deals d`, with `whereArgs`) selects. Put it in the change's write batch
 * under the same condition as the change, before the UPDATE that moves the
 * deal out of that condition. The actor never hears of their own action.
 *
 *   dealNotification(ctx, "deal.submitted", "d.id = ?", [id], { to: "reviewers" })
 */
export function dealNotification(
  ctx: Pick<Ctx, "actor" | "now">,
  kind: NotificationKind,
  where: string,
  whereArgs: InValue[],
  { to, detail = "NULL", date = "NULL", detailArgs = [] }: DealNotificationOptions,
): InStatement {
  const person = ctx.actor.kind === "user" ? ctx.actor.membership : null;
  const recipient = typeof to === "string" ? RECIPIENTS[to] : "m.id = ?";
  return {
    sql: `INSERT INTO notifications (id, recipient_id, kind, subject_type, subject_id, data, created_at)
          SELECT ? || ':' || d.id || ':' || m.id, m.id, ?, 'deal', d.id, json_object(
              'customerName', d.customer_name, 'partnerName', o.name, 'actorName', ?, 'detail', ${detail}, 'date', ${date}), ?
          FROM deals d LEFT JOIN partner_orgs o ON o.id = d.partner_org_id
            JOIN memberships m ON m.status = 'active' AND ${recipient}
          WHERE m.id IS NOT ? AND ${where}`,
    args: [
      newId(),
      kind,
      person?.name ?? null,
      ...detailArgs,
      ctx.now,
      ...(typeof to === "string" ? [] : [to.memberId]),
      person?.id ?? null,
      ...whereArgs,
    ],
  };
}

/** The other side of a deal from the actor: vendor staff's doings reach the rep, a partner's the reviewers. */
export function counterpartOf(actor: Actor): DealRecipients {
  const role = roleOf(actor);
  return role !== null && isPartnerRole(role) ? "reviewers" : "submitter";
}

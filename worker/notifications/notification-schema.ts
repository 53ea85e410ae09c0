// What an in-app notification is on the wire: its kind, what it is about,
// the facts its sentence needs (the portal writes the sentence in the
// reader's language), and the row mapping. Also who may have notifications:
// people only. An API key or the system has no bell.
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
import type { Actor, MembershipRef } from "../platform/context.ts";
import { Forbidden } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { notifications } from "../../db/tenant/schema.ts";
import { pickRow } from "../../db/rows.ts";

export const notificationKinds = [
  // To the partner rep who registered the deal.
  "deal.approved",
  "deal.rejected",
  "deal.info_requested",
  "deal.extension_granted",
  "deal.extension_denied",
  "deal.expiring",
  "deal.expired",
  // To the deal's reviewer, or the vendor admins when it has none.
  "deal.submitted",
  "deal.resubmitted",
  "deal.extension_requested",
  "deal.review_overdue",
  "deal.review_assigned",
  // To the other side of the deal from whoever acted.
  "deal.commented",
  "deal.won",
  "deal.lost",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** The bell counts at most this many; the portal shows "99+" beyond 99. */
export const UNREAD_CAP = 100;

/** The capped unread count of the membership `memberId` (an SQL expression), as a scalar subquery. */
export const unreadCountSql = (memberId: string) =>
  `(SELECT count(*) FROM (SELECT 1 FROM notifications n WHERE n.recipient_id = ${memberId} AND n.read_at IS NULL LIMIT ${UNREAD_CAP}))`;

export const notificationDataSchema = z
  .object({
    customerName: z.string().nullable(),
    partnerName: z.string().nullable(),
    /** Who acted, where the sentence names them (a comment's author, who reassigned a review). */
    actorName: z.string().nullable(),
    /** The vendor's reason or question, a comment's opening, a partner's justification: shown as written. */
    detail: z.string().nullable(),
    /** Epoch ms: the protection window's end, where the event has one. */
    date: z.number().nullable(),
  })
  .openapi("NotificationData");

export const notificationSchema = z
  .object({
    id: z.string(),
    kind: z.enum(notificationKinds),
    subject: z.object({ type: z.literal("deal"), id: z.string() }),
    data: notificationDataSchema,
    createdAt: z.number(),
    readAt: z.number().nullable(),
  })
  .openapi("Notification");

export type Notification = z.infer<typeof notificationSchema>;

export const NOTIFICATION_COLUMNS = "n.id, n.kind, n.subject_type, n.subject_id, n.data, n.created_at, n.read_at";

export function notificationFromRow(r: Row): Notification {
  const row = pickRow(notifications, r, ["id", "kind", "subjectType", "subjectId", "data", "createdAt", "readAt"]);
  const text = (v: unknown) => (v == null ? null : String(v));
  return {
    id: row.id,
    kind: row.kind as Notification["kind"],
    subject: { type: row.subjectType as "deal", id: row.subjectId },
    data: {
      customerName: text(row.data.customerName),
      partnerName: text(row.data.partnerName),
      actorName: text(row.data.actorName),
      detail: text(row.data.detail),
      date: row.data.date == null ? null : Number(row.data.date),
    },
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}

/** The signed-in person whose notifications these are; anyone else (an API key) is refused. */
export function recipientOf(actor: Actor): MembershipRef {
  authorize(actor, "notifications.own");
  if (actor.kind !== "user") throw new Forbidden("Notifications belong to people; an API key has none.");
  return actor.membership;
}

// The signed-in person's notifications, newest first, in keyset pages (page N
// costs what page 1 does), optionally only the unread ones, with the bell's
// capped unread count: one read batch, so one round trip.
import { z } from "@hono/zod-openapi";
import type { InValue } from "@libsql/client/web";
import type { Ctx } from "../platform/context.ts";
import { decodeKeyset, encodeKeyset } from "../platform/keyset-cursor.ts";
import { NOTIFICATION_COLUMNS, notificationFromRow, notificationSchema, recipientOf, UNREAD_CAP, unreadCountSql } from "./notification-schema.ts";

export const listNotificationsQuery = z.object({
  unread: z.enum(["true", "false"]).optional().openapi({ description: "`true`: only the unread ones." }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(300).optional(),
});

export const notificationPageSchema = z
  .object({
    items: z.array(notificationSchema),
    nextCursor: z.string().nullable(),
    unreadCount: z.number().openapi({ description: `Unread notifications, counted up to ${UNREAD_CAP}.` }),
  })
  .openapi("NotificationPage");

export type NotificationPage = z.infer<typeof notificationPageSchema>;

export async function listNotifications({ ctx, query }: { ctx: Ctx; query: z.output<typeof listNotificationsQuery> }): Promise<NotificationPage> {
  const me = recipientOf(ctx.actor);
  const where = ["n.recipient_id = ?"];
  const args: InValue[] = [me.id];
  if (query.unread === "true") where.push("n.read_at IS NULL");
  if (query.cursor) {
    const [at, id] = decodeKeyset(query.cursor);
    where.push("(n.created_at < ? OR (n.created_at = ? AND n.id < ?))");
    args.push(at, at, id);
  }
  const [page, unread] = await ctx.db.$client.batch(
    [
      {
        sql: `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n WHERE ${where.join(" AND ")}
              ORDER BY n.created_at DESC, n.id DESC LIMIT ?`,
        args: [...args, query.limit + 1],
      },
      { sql: `SELECT ${unreadCountSql("?")} AS n`, args: [me.id] },
    ],
    "read",
  );
  const rows = page!.rows.slice(0, query.limit);
  const last = rows.at(-1);
  return {
    items: rows.map(notificationFromRow),
    nextCursor: page!.rows.length > query.limit && last ? encodeKeyset(Number(last.created_at), String(last.id)) : null,
    unreadCount: Number(unread!.rows[0]!.n),
  };
}

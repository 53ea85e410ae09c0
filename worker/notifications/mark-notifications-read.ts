// Marks the caller's own notifications read: the ones named, or all of them.
// Ids that are not the caller's (someone else's, another portal's, made up)
// are left alone without saying so. One write batch: the update and the new
// unread count.
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../platform/context.ts";
import { recipientOf, UNREAD_CAP, unreadCountSql } from "./notification-schema.ts";

export const markNotificationsReadInput = z
  .object({
    ids: z.array(z.string().min(1).max(200)).min(1, "Name at least one notification.").max(100, "Name at most 100 notifications.").optional(),
    all: z.literal(true).optional().openapi({ description: "Every unread notification of the caller." }),
  })
  .superRefine((v, ctx) => {
    if ((v.ids === undefined) === (v.all === undefined)) ctx.addIssue({ code: "custom", path: ["ids"], message: "Send either `ids` or `all: true`." });
  })
  .openapi("MarkNotificationsReadInput");

export const markNotificationsReadResultSchema = z
  .object({
    marked: z.number().openapi({ description: "How many of the caller's unread notifications this marked read." }),
    unreadCount: z.number().openapi({ description: `Unread notifications left, counted up to ${UNREAD_CAP}.` }),
  })
  .openapi("MarkNotificationsReadResult");

export async function markNotificationsRead({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof markNotificationsReadInput>;
}): Promise<z.infer<typeof markNotificationsReadResultSchema>> {
  const me = recipientOf(ctx.actor);
  const ids = input.all ? [] : [...new Set(input.ids)];
  const [updated, unread] = await ctx.db.$client.batch(
    [
      {
        sql: `UPDATE notifications SET read_at = ? WHERE recipient_id = ? AND read_at IS NULL
              ${input.all ? "" : `AND id IN (${ids.map(() => "?").join(", ")})`}`,
        args: [ctx.now, me.id, ...ids],
      },
      { sql: `SELECT ${unreadCountSql("?")} AS n`, args: [me.id] },
    ],
    "write",
  );
  return { marked: updated!.rowsAffected, unreadCount: Number(unread!.rows[0]!.n) };
}

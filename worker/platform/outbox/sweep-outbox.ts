// Safety net of the outbox: rows still pending a while after their change
// committed (the queue nudge was lost) are enqueued again.
import type { Ctx } from "../context.ts";
import { publishOutbox } from "./outbox.ts";

const GRACE_MS = 2 * 60 * 1000;

export async function sweepOutbox({ ctx }: { ctx: Ctx }): Promise<{ requeued: number }> {
  const rs = await ctx.db.$client.execute({
    sql: "SELECT id FROM outbox WHERE status = 'pending' AND created_at < ? ORDER BY created_at LIMIT 500",
    args: [ctx.now - GRACE_MS],
  });
  const ids = rs.rows.map((r) => String(r.id));
  await publishOutbox(ctx.env, ctx.tenant.id, ids);
  return { requeued: ids.length };
}

// Cron work is fanned out: one tenant-ops message per tenant, so each tenant's
// sweep runs (and fails, and retries) on its own.
import type { TenantOpsMessage } from "../../config.ts";
import type { PlatformCtx } from "../context.ts";

const SEND_BATCH_MAX = 100;

export async function fanOutToTenants({
  ctx,
  job,
  statuses = ["active"],
}: {
  ctx: PlatformCtx;
  job: TenantOpsMessage["job"];
  statuses?: string[];
}): Promise<{ enqueued: number }> {
  const rs = await ctx.control.$client.execute({
    sql: `SELECT id FROM tenants WHERE status IN (${statuses.map(() => "?").join(",")}) ORDER BY created_at`,
    args: statuses,
  });
  const messages = rs.rows.map((r) => ({ body: { job, tenantId: String(r.id) } satisfies TenantOpsMessage }));
  for (let i = 0; i < messages.length; i += SEND_BATCH_MAX) {
    await ctx.env.queues.tenantOps.sendBatch(messages.slice(i, i + SEND_BATCH_MAX));
  }
  return { enqueued: messages.length };
}

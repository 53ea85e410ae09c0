// Nightly/hourly per-tenant check: is the database reachable, is the schema
// current, is mail stuck? The result is kept on the tenant's control row.
import { migrations as tenantMigrations } from "../../../db/migrations/tenant.gen.ts";
import { latestVersion } from "../../../db/migrate.ts";
import type { PlatformCtx } from "../context.ts";
import { openTenantDb } from "../db.ts";
import { findTenantById } from "../tenancy/tenant-context.ts";

export interface TenantHealth {
  reachable: boolean;
  latencyMs: number;
  schemaCurrent: boolean;
  members?: number;
  stuckOutbox?: number;
  failedOutbox?: number;
  error?: string;
}

export async function checkTenantHealth({ ctx, tenantId }: { ctx: PlatformCtx; tenantId: string }): Promise<TenantHealth | null> {
  const tenant = await findTenantById(ctx, tenantId);
  if (!tenant || tenant.status === "provisioning") return null;
  const db = openTenantDb(ctx.databases.locate(tenant), ctx.trips);
  const started = Date.now();
  let health: TenantHealth;
  try {
    const rs = await db.$client.execute({
      sql: `SELECT (SELECT count(*) FROM memberships) AS members,
              (SELECT count(*) FROM outbox WHERE status = 'pending' AND created_at < ?) AS stuck,
              (SELECT count(*) FROM outbox WHERE status = 'failed') AS failed,
              (SELECT max(tag) FROM schema_migrations) AS version`,
      args: [ctx.now - 15 * 60 * 1000],
    });
    const r = rs.rows[0]!;
    health = {
      reachable: true,
      latencyMs: Date.now() - started,
      schemaCurrent: r.version === latestVersion(tenantMigrations),
      members: Number(r.members),
      stuckOutbox: Number(r.stuck),
      failedOutbox: Number(r.failed),
    };
  } catch (e) {
    health = { reachable: false, latencyMs: Date.now() - started, schemaCurrent: false, error: String(e).slice(0, 300) };
  }
  await ctx.control.$client.execute({
    sql: "UPDATE tenants SET health = ?, health_checked_at = ? WHERE id = ?",
    args: [JSON.stringify(health), ctx.now, tenantId],
  });
  return health;
}

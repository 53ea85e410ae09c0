// Brings one tenant's database to the latest schema and records the version
// in the control database. A tenant whose migration fails keeps its old
// schema (the batch is atomic) and is reported; a transient failure is
// thrown so the queue retries it with backoff.
//
// The nightly fan-out is not the only way: a request or job that reaches a
// tenant still behind the deployed code (just after a deploy) migrates it
// first (ensureCurrentSchema), so new code never runs on an old schema.
import { LibsqlError } from "@libsql/client/web";
import { migrations as tenantMigrations } from "../../../db/migrations/tenant.gen.ts";
import { applyMigrations, latestVersion } from "../../../db/migrate.ts";
import type { PlatformCtx, TenantRef } from "../context.ts";
import { ServiceUnavailable } from "../errors.ts";
import { openTenantDb } from "../db.ts";
import { log } from "../log.ts";
import { findTenantById } from "./tenant-context.ts";

export type MigrateTenantResult =
  | { status: "migrated" | "current"; applied: string[]; version: string | null }
  | { status: "failed"; error: string }
  | { status: "skipped" };

export async function migrateTenant({
  ctx,
  tenantId,
  migrations = tenantMigrations,
}: {
  ctx: PlatformCtx;
  tenantId: string;
  migrations?: typeof tenantMigrations;
}): Promise<MigrateTenantResult> {
  const tenant = await findTenantById(ctx, tenantId);
  if (!tenant || tenant.status === "provisioning") return { status: "skipped" };
  const db = openTenantDb(ctx.databases.locate(tenant), ctx.trips);
  try {
    const result = await applyMigrations(db.$client, migrations, ctx.now);
    await ctx.control.$client.execute({
      sql: "UPDATE tenants SET schema_version = ?, migration_error = NULL, updated_at = ? WHERE id = ?",
      args: [result.version, ctx.now, tenantId],
    });
    return { status: result.applied.length > 0 ? "migrated" : "current", ...result };
  } catch (e) {
    if (!(e instanceof LibsqlError) || !e.code.startsWith("SQLITE_")) throw e;
    log("error", "tenant migration failed; tenant stays on its version", { tenantId, error: e.message });
    // A concurrent run that already brought the tenant up to date is not a failure to report.
    await ctx.control.$client.execute({
      sql: "UPDATE tenants SET migration_error = ?, updated_at = ? WHERE id = ? AND schema_version IS NOT ?",
      args: [e.message.slice(0, 1000), ctx.now, tenantId, latestVersion(migrations)],
    });
    return { status: "failed", error: e.message };
  }
}

/**
 * True when `version` is older than the code's latest. A version the code
 * does not know is a newer one (code rolled back): never "migrated" down.
 */
export function isSchemaBehind(version: string | null, migrations = tenantMigrations): boolean {
  if (migrations.length === 0) return false;
  if (version === null) return true;
  const at = migrations.findIndex((m) => m.tag === version);
  return at >= 0 && at < migrations.length - 1;
}

/**
 * The tenant on the deployed code's schema: migrated first when it is behind
 * (the first request or job after a deploy pays one migration; the rest find
 * it current). When the migration fails and no concurrent run finished it,
 * the portal answers 503 rather than running new code on an old schema.
 */
export async function ensureCurrentSchema(ctx: PlatformCtx, tenant: TenantRef, migrations = tenantMigrations): Promise<TenantRef> {
  if (!isSchemaBehind(tenant.schemaVersion, migrations)) return tenant;
  const result = await migrateTenant({ ctx, tenantId: tenant.id, migrations });
  if (result.status === "migrated" || result.status === "current") return { ...tenant, schemaVersion: result.version };
  const again = await findTenantById(ctx, tenant.id);
  if (again && !isSchemaBehind(again.schemaVersion, migrations)) return again;
  throw new ServiceUnavailable("This partner portal is being upgraded. Try again in a minute.", "tenant_upgrading");
}

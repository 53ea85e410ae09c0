// Brings one tenant's database to the latest schema and records the version
// in the control database. A tenant whose migration fails keeps its old
// schema (the batch is atomic) and is reported; a transient failure is
// thrown so the queue retries it with backoff.
import { LibsqlError } from "@libsql/client/web";
import { migrations as tenantMigrations } from "../../../db/migrations/tenant.gen.ts";
import { applyMigrations } from "../../../db/migrate.ts";
import type { PlatformCtx } from "../context.ts";
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
    await ctx.control.$client.execute({
      sql: "UPDATE tenants SET migration_error = ?, updated_at = ? WHERE id = ?",
      args: [e.message.slice(0, 1000), ctx.now, tenantId],
    });
    return { status: "failed", error: e.message };
  }
}

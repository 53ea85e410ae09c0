// Builds a tenant-scoped context outside a request (cron and queue work), as
// the system actor, with the same database handle shape a request gets.
import type { Row } from "@libsql/client/web";
import type { Actor, Ctx, PlatformCtx, TenantRef } from "../context.ts";
import { openTenantDb } from "../db.ts";
import { tenants } from "../../../db/control/schema.ts";
import { pickRow } from "../../../db/rows.ts";

export function tenantFromRow(r: Row): TenantRef {
  return pickRow(tenants, r, ["id", "slug", "name", "status", "databaseName", "databaseHost", "schemaVersion"]);
}

export async function findTenantById(p: PlatformCtx, tenantId: string): Promise<TenantRef | null> {
  const rs = await p.control.$client.execute({
    sql: "SELECT id, slug, name, status, database_name, database_host, schema_version FROM tenants WHERE id = ?",
    args: [tenantId],
  });
  return rs.rows[0] ? tenantFromRow(rs.rows[0]) : null;
}

export function tenantCtx(p: PlatformCtx, tenant: TenantRef, actor: Actor): Ctx {
  return { ...p, tenant, actor, db: openTenantDb(p.databases.locate(tenant), p.trips) };
}

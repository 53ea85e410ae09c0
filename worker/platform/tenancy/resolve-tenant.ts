// Finds the tenant a request is for: `/api/t/<slug>` path, `<slug>.<base>`
// subdomain, or a custom domain. Answers are cached per isolate for a short
// time so a warm request does not reach the control database at all.
import type { TenantRef } from "../context.ts";
import type { ControlDb } from "../db.ts";
import { Forbidden, NotFound } from "../errors.ts";

const TTL_MS = 30_000;
const MAX_ENTRIES = 5_000;
const cache = new Map<string, { tenant: TenantRef; at: number }>();

const COLUMNS = "t.id, t.slug, t.name, t.status, t.database_name, t.database_host, t.schema_version";

import { tenantFromRow as fromRow } from "./tenant-context.ts";


async function cached(key: string, now: number, load: () => Promise<TenantRef | null>): Promise<TenantRef | null> {
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.tenant;
  const tenant = await load();
  // Misses and half-provisioned tenants are not cached: a portal created a
  // moment ago must be reachable at once.
  if (tenant && tenant.status !== "provisioning") {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, { tenant, at: now });
  }
  return tenant;
}

export function forgetTenant(slug: string): void {
  for (const [key, value] of cache) if (key === `slug:${slug}` || value.tenant?.slug === slug) cache.delete(key);
}

export function findTenantBySlug(control: ControlDb, slug: string, now: number): Promise<TenantRef | null> {
  return cached(`slug:${slug}`, now, async () => {
    const rs = await control.$client.execute({ sql: `SELECT ${COLUMNS} FROM tenants t WHERE t.slug = ?`, args: [slug] });
    return rs.rows[0] ? fromRow(rs.rows[0]) : null;
  });
}

/** The slug a host names, or null when it is not one of our subdomains. */
export function slugFromHost(host: string, baseDomain: string | undefined): string | null {
  if (!baseDomain) return null;
  const h = host.toLowerCase().replace(/:\d+$/, "");
  const suffix = `.${baseDomain.toLowerCase()}`;
  if (!h.endsWith(suffix)) return null;
  const label = h.slice(0, -suffix.length);
  return /^[a-z0-9-]+$/.test(label) ? label : null;
}

export async function findTenantByHost(
  control: ControlDb,
  host: string,
  baseDomain: string | undefined,
  now: number,
): Promise<TenantRef | null> {
  const slug = slugFromHost(host, baseDomain);
  if (slug) return findTenantBySlug(control, slug, now);
  const hostname = host.toLowerCase().replace(/:\d+$/, "");
  return cached(`host:${hostname}`, now, async () => {
    const rs = await control.$client.execute({
      sql: `SELECT ${COLUMNS} FROM domains d JOIN tenants t ON t.id = d.tenant_id WHERE d.hostname = ?`,
      args: [hostname],
    });
    return rs.rows[0] ? fromRow(rs.rows[0]) : null;
  });
}

/** Unknown and still-provisioning tenants do not exist; suspended ones say so. */
export function assertTenantUsable(tenant: TenantRef | null): asserts tenant is TenantRef {
  if (!tenant || tenant.status === "provisioning") {
    throw new NotFound("There is no partner portal at this address.", "tenant_not_found");
  }
  if (tenant.status === "suspended") {
    throw new Forbidden("This partner portal is suspended. Contact the vendor.", "tenant_suspended");
  }
}

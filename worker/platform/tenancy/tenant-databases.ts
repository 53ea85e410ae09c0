// Creates and deletes the one-database-per-tenant. Two real backends: the
// local libSQL server's namespace admin API (dev, test) and the Turso
// Platform API (production), chosen by configuration only.
import { createClient as createTursoClient } from "@tursodatabase/api";
import type { Config } from "../../config.ts";
import type { DatabaseLocation } from "../db.ts";

export interface CreatedDatabase {
  name: string;
  /** Only where the hostname cannot be derived from the name. */
  host: string | null;
}

export interface TenantDatabases {
  create(name: string): Promise<CreatedDatabase>;
  /** Idempotent: deleting a database that is already gone succeeds. */
  delete(name: string): Promise<void>;
  locate(tenant: { databaseName: string; databaseHost: string | null }): DatabaseLocation;
}

export class DatabaseProvisioningError extends Error {}

export class LocalTenantDatabases implements TenantDatabases {
  constructor(
    private readonly baseUrl: string,
    private readonly authToken: string | undefined,
    private readonly fetcher: typeof fetch = (i, init) => fetch(i, init),
  ) {}

  private headers(): HeadersInit {
    return this.authToken
      ? { authorization: `Bearer ${this.authToken}`, "content-type": "application/json" }
      : { "content-type": "application/json" };
  }

  async create(name: string): Promise<CreatedDatabase> {
    const res = await this.fetcher(`${this.baseUrl}/v1/namespaces/${name}/create`, {
      method: "POST",
      headers: this.headers(),
      body: "{}",
    });
    if (!res.ok) {
      throw new DatabaseProvisioningError(`creating database ${name} failed: ${res.status} ${await res.text()}`);
    }
    await res.body?.cancel();
    return { name, host: null };
  }

  async delete(name: string): Promise<void> {
    const res = await this.fetcher(`${this.baseUrl}/v1/namespaces/${name}`, {
      method: "DELETE",
      headers: this.headers(),
    });
    await res.body?.cancel();
    if (!res.ok && res.status !== 404) {
      throw new DatabaseProvisioningError(`deleting database ${name} failed: ${res.status}`);
    }
  }

  locate(tenant: { databaseName: string }): DatabaseLocation {
    return { url: `${this.baseUrl}/${tenant.databaseName}/`, authToken: this.authToken };
  }
}

export class TursoTenantDatabases implements TenantDatabases {
  private readonly turso;

  constructor(
    private readonly opts: { org: string; apiToken: string; group: string; groupToken: string; baseUrl?: string },
  ) {
    this.turso = createTursoClient({
      org: opts.org,
      token: opts.apiToken,
      ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
    });
  }

  async create(name: string): Promise<CreatedDatabase> {
    const db = await this.turso.databases.create(name, { group: this.opts.group });
    return { name: db.name, host: db.hostname };
  }

  async delete(name: string): Promise<void> {
    try {
      await this.turso.databases.delete(name);
    } catch (e) {
      if ((e as { status?: number }).status === 404) return;
      throw e;
    }
  }

  /** One group-scoped token reaches every tenant database of the group. */
  locate(tenant: { databaseName: string; databaseHost: string | null }): DatabaseLocation {
    const host = tenant.databaseHost ?? `${tenant.databaseName}-${this.opts.org}.turso.io`;
    return { url: `https://${host}`, authToken: this.opts.groupToken };
  }
}

export function tenantDatabasesFor(config: Config): TenantDatabases {
  const t = config.tenantDatabases;
  return t.backend === "turso"
    ? new TursoTenantDatabases(t)
    : new LocalTenantDatabases(t.url, t.authToken);
}

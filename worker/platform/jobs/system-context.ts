// The platform context for work outside requests: same databases and config,
// the system actor, and an injected clock.
import type { Config } from "../../config.ts";
import type { PlatformCtx } from "../context.ts";
import { openControlDb } from "../db.ts";
import { tenantDatabasesFor } from "../tenancy/tenant-databases.ts";

export function systemContext(config: Config, now: number, job: string): PlatformCtx {
  const trips = { count: 0 };
  return {
    control: openControlDb(config.control, trips),
    databases: tenantDatabasesFor(config),
    now,
    env: config,
    requestId: `${job}-${crypto.randomUUID()}`,
    trips,
  };
}

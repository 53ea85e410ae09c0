// Opens libSQL databases over HTTP (the only way a Worker can reach them) and
// counts round trips, so benchmarks and tests can hold requests to budget.
import { createClient, type Client } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import * as controlSchema from "../../db/control/schema.ts";
import * as tenantSchema from "../../db/tenant/schema.ts";

export type ControlDb = LibSQLDatabase<typeof controlSchema> & { $client: Client };
export type TenantDb = LibSQLDatabase<typeof tenantSchema> & { $client: Client };

export interface RoundTrips {
  count: number;
}

export interface DatabaseLocation {
  url: string;
  authToken: string | undefined;
}

function clientFor(location: DatabaseLocation, trips?: RoundTrips): Client {
  return createClient({
    url: location.url,
    ...(location.authToken ? { authToken: location.authToken } : {}),
    // One HTTP request to the database is one round trip, whatever it carries.
    ...(trips
      ? {
          fetch: (input: Request) => {
            trips.count++;
            return fetch(input);
          },
        }
      : {}),
  });
}

export function openControlDb(location: DatabaseLocation, trips?: RoundTrips): ControlDb {
  return controlDbOver(clientFor(location, trips));
}

export function openTenantDb(location: DatabaseLocation, trips?: RoundTrips): TenantDb {
  return tenantDbOver(clientFor(location, trips));
}

/** A handle over a given client (a wrapped one: see `auth/deferred-session.ts`); drizzle queries go through it too. */
export function controlDbOver(client: Client): ControlDb {
  return drizzle({ client, schema: controlSchema });
}

export function tenantDbOver(client: Client): TenantDb {
  return drizzle({ client, schema: tenantSchema });
}

// The explicit context every service verb receives. Nothing reaches for
// globals: the tenant's database, the actor, the clock and config come in here.
import type { Config } from "../config.ts";
import type { Role } from "../../db/tenant/schema.ts";
import type { ControlDb, RoundTrips, TenantDb } from "./db.ts";
import type { TenantDatabases } from "./tenancy/tenant-databases.ts";

export interface TenantRef {
  id: string;
  slug: string;
  name: string;
  status: "provisioning" | "active" | "suspended";
  databaseName: string;
  databaseHost: string | null;
  schemaVersion: string | null;
}

export interface MembershipRef {
  id: string;
  identityId: string;
  email: string;
  name: string;
  role: Role;
  partnerOrgId: string | null;
  partnerOrgName: string | null;
  /** Unread in-app notifications, capped (see notification-schema.ts): read with the session, for the shell's bell. */
  unreadNotifications: number;
  /** The portal's saved branding row (portal_name, logo_url, primary_color, updated_at), read with the session; null if never saved. */
  brandingRow: Record<string, unknown> | null;
}

export type Actor =
  | { kind: "user"; membership: MembershipRef; role: Role; partnerOrgId: string | null; sessionId: string }
  | { kind: "apiKey"; keyId: string; role: Role; partnerOrgId: string | null }
  | { kind: "system"; job: string }
  | { kind: "anonymous" };

/** What a verb needs that is not tenant-specific (signup, login's identity step). */
export interface PlatformCtx {
  control: ControlDb;
  databases: TenantDatabases;
  now: number;
  env: Config;
  requestId: string;
  trips: RoundTrips;
  client?: { ip: string | null; userAgent: string | null };
}

export interface Ctx extends PlatformCtx {
  tenant: TenantRef;
  actor: Actor;
  db: TenantDb;
}

export function actorId(actor: Actor): string | null {
  switch (actor.kind) {
    case "user":
      return actor.membership.id;
    case "apiKey":
      return actor.keyId;
    case "system":
      return actor.job;
    case "anonymous":
      return null;
  }
}

// The control database: which tenants exist, where their databases live, and
// one identity per person across the platform. Never a tenant's business data.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const tenantStatuses = ["provisioning", "active", "suspended"] as const;
export type TenantStatus = (typeof tenantStatuses)[number];

export const tenants = sqliteTable("tenants", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  status: text("status", { enum: tenantStatuses }).notNull(),
  plan: text("plan").notNull().default("trial"),
  region: text("region").notNull().default("default"),
  databaseName: text("database_name").notNull(),
  // Set by backends whose hostnames are not derivable from the name (Turso).
  databaseHost: text("database_host"),
  // Tag of the last tenant migration applied; null until provisioning finishes.
  schemaVersion: text("schema_version"),
  migrationError: text("migration_error"),
  health: text("health", { mode: "json" }).$type<Record<string, unknown>>(),
  healthCheckedAt: integer("health_checked_at"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const domains = sqliteTable(
  "domains",
  {
    hostname: text("hostname").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    verifiedAt: integer("verified_at"),
  },
  (t) => [index("domains_tenant_idx").on(t.tenantId)],
);

export const identities = sqliteTable("identities", {
  id: text("id").primaryKey(),
  // Stored lower-cased: one person, one identity, whatever casing they type.
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

// Reset tokens belong to the identity (credentials are platform-wide); the
// tenant only says which portal the person asked from, for the link and login.
export const passwordResets = sqliteTable(
  "password_resets",
  {
    tokenHash: text("token_hash").primaryKey(),
    identityId: text("identity_id")
      .notNull()
      .references(() => identities.id, { onDelete: "cascade" }),
    tenantId: text("tenant_id").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("password_resets_identity_idx").on(t.identityId)],
);

// Fixed-window counters for login and reset throttling, shared by every isolate.
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});

// A tenant's own database: memberships, sessions, partner organizations,
// invitations, audit and outbox. Deleting the tenant is deleting this database.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const roles = ["vendor_admin", "channel_manager", "partner_admin", "partner_user"] as const;
export type Role = (typeof roles)[number];
export const partnerRoles = ["partner_admin", "partner_user"] as const satisfies readonly Role[];
export const vendorRoles = ["vendor_admin", "channel_manager"] as const satisfies readonly Role[];

export const partnerOrgs = sqliteTable(
  "partner_orgs",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    status: text("status", { enum: ["active", "suspended"] }).notNull().default("active"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("partner_orgs_name_idx").on(t.name)],
);

// A person's membership in this vendor's portal. The identity (credentials)
// lives in the control database; only its opaque id is kept here.
export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    identityId: text("identity_id").notNull(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: roles }).notNull(),
    partnerOrgId: text("partner_org_id").references(() => partnerOrgs.id),
    status: text("status", { enum: ["active", "disabled"] }).notNull().default("active"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("memberships_identity_idx").on(t.identityId),
    uniqueIndex("memberships_email_idx").on(t.email),
    index("memberships_org_idx").on(t.partnerOrgId, t.createdAt),
    index("memberships_created_idx").on(t.createdAt, t.id),
  ],
);

// Only a SHA-256 of the cookie token is stored, so a leaked database cannot
// be replayed as sessions.
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    membershipId: text("membership_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_membership_idx").on(t.membershipId)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: roles }).notNull(),
    partnerOrgId: text("partner_org_id").references(() => partnerOrgs.id),
    invitedBy: text("invited_by").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    acceptedAt: integer("accepted_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("invitations_email_idx").on(t.email), index("invitations_org_idx").on(t.partnerOrgId)],
);

export const apiKeys = sqliteTable("api_keys", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  role: text("role", { enum: roles }).notNull(),
  partnerOrgId: text("partner_org_id").references(() => partnerOrgs.id),
  createdBy: text("created_by").notNull(),
  createdAt: integer("created_at").notNull(),
  lastUsedAt: integer("last_used_at"),
  revokedAt: integer("revoked_at"),
});

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: integer("at").notNull(),
    actorKind: text("actor_kind", { enum: ["user", "apiKey", "system", "anonymous"] }).notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_target_idx").on(t.targetType, t.targetId)],
);

export const outboxStatuses = ["pending", "delivered", "failed"] as const;

// Transactional outbox: written in the same batch as the change that causes
// it, delivered later by the outbox queue consumer.
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["email"] }).notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: outboxStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    deliveredAt: integer("delivered_at"),
    lastError: text("last_error"),
  },
  (t) => [index("outbox_status_idx").on(t.status, t.createdAt)],
);

// A tenant's own database: memberships, sessions, partner organizations,
// invitations, audit and outbox. Deleting the tenant is deleting this database.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const roles = ["vendor_admin", "channel_manager", "partner_admin", "partner_user"] as const;
export type Role = (typeof roles)[number];
export const partnerRoles = ["partner_admin", "partner_user"] as const satisfies readonly Role[];
export const vendorRoles = ["vendor_admin", "channel_manager"] as const satisfies readonly Role[];

export const partnerTypes = ["reseller", "referral", "msp", "systems_integrator", "technology"] as const;
export type PartnerType = (typeof partnerTypes)[number];
export const partnerStatuses = ["applicant", "onboarding", "active", "suspended", "offboarded"] as const;
export type PartnerStatus = (typeof partnerStatuses)[number];
export const companySizes = ["1-10", "11-50", "51-200", "201-1000", "1001+"] as const;

export interface PostalAddress {
  line1?: string;
  line2?: string;
  city?: string;
  postalCode?: string;
  state?: string;
  country?: string;
}

// A partner organization: its profile, where it stands in the lifecycle and
// in the program (tier), and who at the vendor owns the relationship.
export const partnerOrgs = sqliteTable(
  "partner_orgs",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    status: text("status", { enum: partnerStatuses }).notNull().default("active"),
    createdAt: integer("created_at").notNull(),
    legalName: text("legal_name"),
    websiteDomain: text("website_domain"),
    // ISO 3166-1 alpha-2, and the vendor's own sales region label.
    country: text("country"),
    region: text("region"),
    partnerType: text("partner_type", { enum: partnerTypes }),
    industries: text("industries", { mode: "json" }).$type<string[]>(),
    products: text("products", { mode: "json" }).$type<string[]>(),
    size: text("size", { enum: companySizes }),
    address: text("address", { mode: "json" }).$type<PostalAddress>(),
    logoUrl: text("logo_url"),
    // The channel manager (membership id) who owns the relationship.
    ownerId: text("owner_id"),
    statusReason: text("status_reason"),
    statusChangedAt: integer("status_changed_at"),
    tierId: text("tier_id"),
    tierSince: integer("tier_since"),
    // Lower-cased name, legal name and domain: what the partner list searches.
    searchText: text("search_text"),
    updatedAt: integer("updated_at"),
  },
  (t) => [
    index("partner_orgs_name_idx").on(t.name),
    index("partner_orgs_status_idx").on(t.status, t.name),
    index("partner_orgs_tier_idx").on(t.tierId, t.name),
    index("partner_orgs_type_idx").on(t.partnerType, t.name),
    index("partner_orgs_region_idx").on(t.region, t.name),
    index("partner_orgs_owner_idx").on(t.ownerId, t.name),
    index("partner_orgs_created_idx").on(t.createdAt, t.id),
  ],
);

// Program tiers, configured per tenant. Benefits and criteria are JSON
// documents validated by the program module's zod schemas.
export const tiers = sqliteTable(
  "tiers",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    // Higher rank = higher tier. Unique among tiers that are not archived.
    rank: integer("rank").notNull(),
    color: text("color").notNull(),
    benefits: text("benefits", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    criteria: text("criteria", { mode: "json" }).$type<Record<string, unknown>[]>().notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    archivedAt: integer("archived_at"),
  },
  (t) => [index("tiers_rank_idx").on(t.rank)],
);

// What tier evaluation proposed or applied for a partner, and why.
export const tierChanges = sqliteTable(
  "tier_changes",
  {
    id: text("id").primaryKey(),
    partnerOrgId: text("partner_org_id").notNull(),
    fromTierId: text("from_tier_id"),
    toTierId: text("to_tier_id"),
    direction: text("direction", { enum: ["promotion", "demotion", "initial"] }).notNull(),
    status: text("status", { enum: ["proposed", "applied", "dismissed"] }).notNull(),
    reason: text("reason", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    evaluatedAt: integer("evaluated_at").notNull(),
    decidedBy: text("decided_by"),
    decidedAt: integer("decided_at"),
  },
  (t) => [index("tier_changes_org_idx").on(t.partnerOrgId, t.evaluatedAt), index("tier_changes_status_idx").on(t.status, t.evaluatedAt)],
);

// Per-partner metric values tier criteria read: computed ones (won revenue,
// deals, certifications) written by later modules, and tenant-defined custom
// metrics set by the vendor.
export const partnerMetrics = sqliteTable(
  "partner_metrics",
  {
    partnerOrgId: text("partner_org_id").notNull(),
    metric: text("metric").notNull(),
    value: real("value").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerOrgId, t.metric] })],
);

// Versioned program rules (deal registration, leads, MDF, tier policy): every
// edit is a new version; the highest version of a kind is in force.
export const programRules = sqliteTable(
  "program_rules",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["deal_registration", "leads", "mdf", "tier_policy"] }).notNull(),
    version: integer("version").notNull(),
    rules: text("rules", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("program_rules_kind_version_idx").on(t.kind, t.version)],
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
    /** The portal language the person last chose (or signed up in): their email goes out in it. */
    locale: text("locale").notNull().default("en"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("memberships_identity_idx").on(t.identityId),
    uniqueIndex("memberships_email_idx").on(t.email),
    index("memberships_org_idx").on(t.partnerOrgId, t.createdAt),
    index("memberships_created_idx").on(t.createdAt, t.id),
    // Who reviews when a deal has no reviewer: the active vendor admins, found without reading every partner's people.
    index("memberships_role_idx").on(t.role, t.status),
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

// The portal's look and public text, set by vendor admins (one row).
export const portalBranding = sqliteTable("portal_branding", {
  id: text("id").primaryKey(),
  portalName: text("portal_name").notNull(),
  logoUrl: text("logo_url"),
  primaryColor: text("primary_color").notNull(),
  welcomeText: text("welcome_text"),
  programDescription: text("program_description"),
  updatedBy: text("updated_by").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const applicationStatuses = ["pending", "info_requested", "approved", "declined"] as const;

// "Become a partner" applications from the public page, reviewed by channel managers.
export const partnerApplications = sqliteTable(
  "partner_applications",
  {
    id: text("id").primaryKey(),
    company: text("company").notNull(),
    websiteDomain: text("website_domain"),
    country: text("country"),
    partnerType: text("partner_type", { enum: partnerTypes }),
    contactName: text("contact_name").notNull(),
    contactEmail: text("contact_email").notNull(),
    message: text("message"),
    status: text("status", { enum: applicationStatuses }).notNull(),
    decisionReason: text("decision_reason"),
    partnerOrgId: text("partner_org_id"),
    reviewedBy: text("reviewed_by"),
    reviewedAt: integer("reviewed_at"),
    createdAt: integer("created_at").notNull(),
    ip: text("ip"),
  },
  (t) => [index("partner_applications_status_idx").on(t.status, t.createdAt), index("partner_applications_email_idx").on(t.contactEmail)],
);

// Published partner agreement versions; the highest version is current.
export const agreements = sqliteTable("agreements", {
  id: text("id").primaryKey(),
  version: integer("version").notNull().unique(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  // Days a partner may keep working on the previous version after a new one.
  graceDays: integer("grace_days").notNull(),
  publishedBy: text("published_by").notNull(),
  publishedAt: integer("published_at").notNull(),
});

// A partner admin's signature: typed name, when, from where, which version.
export const agreementAcceptances = sqliteTable(
  "agreement_acceptances",
  {
    id: text("id").primaryKey(),
    agreementId: text("agreement_id").notNull(),
    partnerOrgId: text("partner_org_id").notNull(),
    membershipId: text("membership_id").notNull(),
    signedName: text("signed_name").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    acceptedAt: integer("accepted_at").notNull(),
  },
  (t) => [index("agreement_acceptances_org_idx").on(t.partnerOrgId, t.acceptedAt), index("agreement_acceptances_agreement_idx").on(t.agreementId)],
);

export const onboardingStepKinds = ["sign_agreement", "complete_profile", "invite_team", "custom"] as const;

// The vendor's onboarding checklist, in order.
export const onboardingSteps = sqliteTable(
  "onboarding_steps",
  {
    id: text("id").primaryKey(),
    position: integer("position").notNull(),
    kind: text("kind", { enum: onboardingStepKinds }).notNull(),
    title: text("title").notNull(),
    description: text("description"),
    linkUrl: text("link_url"),
    config: text("config", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: integer("created_at").notNull(),
    archivedAt: integer("archived_at"),
  },
  (t) => [index("onboarding_steps_position_idx").on(t.position)],
);

export const onboardingCompletions = sqliteTable(
  "onboarding_completions",
  {
    partnerOrgId: text("partner_org_id").notNull(),
    stepId: text("step_id").notNull(),
    completedAt: integer("completed_at").notNull(),
    completedBy: text("completed_by"),
  },
  (t) => [primaryKey({ columns: [t.partnerOrgId, t.stepId] })],
);

export const dealStatuses = ["draft", "submitted", "needs_info", "approved", "rejected", "expired", "won", "lost"] as const;
export type DealStatus = (typeof dealStatuses)[number];

// A deal registration: a partner's claim on a customer opportunity. The
// `*_key` columns are the normalized customer keys conflict detection looks
// up by index (see worker/deals/customer-keys.ts); `conflict` keeps what the
// check found at submission, so the partner's explanation and the channel
// manager's side-by-side view read the same facts.
export const deals = sqliteTable(
  "deals",
  {
    id: text("id").primaryKey(),
    partnerOrgId: text("partner_org_id").notNull(),
    // The partner rep (membership id) who registered it.
    submittedBy: text("submitted_by").notNull(),
    // The channel manager (membership id) reviewing it.
    reviewerId: text("reviewer_id"),
    status: text("status", { enum: dealStatuses }).notNull(),
    customerName: text("customer_name").notNull(),
    customerNameKey: text("customer_name_key").notNull(),
    customerDomain: text("customer_domain"),
    customerDomainKey: text("customer_domain_key"),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    country: text("country"),
    valueMinor: integer("value_minor").notNull(),
    currency: text("currency").notNull(),
    // UTC midnight of the expected close date.
    expectedCloseAt: integer("expected_close_at"),
    products: text("products", { mode: "json" }).$type<string[]>().notNull(),
    productKeys: text("product_keys", { mode: "json" }).$type<string[]>().notNull(),
    notes: text("notes"),
    customFields: text("custom_fields", { mode: "json" }).$type<Record<string, string | number>>().notNull(),
    conflict: text("conflict", { mode: "json" }).$type<Record<string, unknown>>(),
    rulesVersion: integer("rules_version").notNull(),
    submittedAt: integer("submitted_at"),
    reviewDueAt: integer("review_due_at"),
    reviewEscalatedAt: integer("review_escalated_at"),
    decidedAt: integer("decided_at"),
    decidedBy: text("decided_by"),
    decisionReason: text("decision_reason"),
    approvedAt: integer("approved_at"),
    protectionDays: integer("protection_days"),
    expiresAt: integer("expires_at"),
    reminderSentAt: integer("reminder_sent_at"),
    extensionsUsed: integer("extensions_used").notNull().default(0),
    wonAmountMinor: integer("won_amount_minor"),
    closedAt: integer("closed_at"),
    lostReason: text("lost_reason"),
    idempotencyKey: text("idempotency_key"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("deals_domain_key_idx").on(t.customerDomainKey, t.status),
    index("deals_name_key_idx").on(t.customerNameKey, t.status),
    index("deals_status_expires_idx").on(t.status, t.expiresAt),
    index("deals_status_review_idx").on(t.status, t.reviewDueAt),
    index("deals_org_created_idx").on(t.partnerOrgId, t.createdAt, t.id),
    index("deals_submitter_created_idx").on(t.submittedBy, t.createdAt, t.id),
    index("deals_created_idx").on(t.createdAt, t.id),
    uniqueIndex("deals_idempotency_idx").on(t.submittedBy, t.idempotencyKey),
  ],
);

// Distinctive tokens of each registration's normalized customer name: how a
// fuzzy name match finds its candidates through an index, not a table scan.
export const dealNameTokens = sqliteTable(
  "deal_name_tokens",
  {
    token: text("token").notNull(),
    dealId: text("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.token, t.dealId] }), index("deal_name_tokens_deal_idx").on(t.dealId)],
);

// A deal's timeline: every transition and notable change, with who and when.
export const dealEvents = sqliteTable(
  "deal_events",
  {
    id: text("id").primaryKey(),
    dealId: text("deal_id").notNull(),
    at: integer("at").notNull(),
    actorKind: text("actor_kind", { enum: ["user", "apiKey", "system", "anonymous"] }).notNull(),
    actorId: text("actor_id"),
    kind: text("kind").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("deal_events_deal_idx").on(t.dealId, t.at)],
);

// Domain events other modules turn into rollups (won revenue, deal counts,
// co-op accrual): written in the batch of the change, consumed later by the
// metrics queue, so no fact is lost if aggregation lags.
export const domainEvents = sqliteTable(
  "domain_events",
  {
    id: text("id").primaryKey(),
    at: integer("at").notNull(),
    kind: text("kind").notNull(),
    partnerOrgId: text("partner_org_id"),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
    processedAt: integer("processed_at"),
  },
  (t) => [index("domain_events_pending_idx").on(t.processedAt, t.at)],
);

// The conversation on a deal between the partner and the vendor.
export const dealComments = sqliteTable(
  "deal_comments",
  {
    id: text("id").primaryKey(),
    dealId: text("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    authorId: text("author_id"),
    authorSide: text("author_side", { enum: ["partner", "vendor"] }).notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("deal_comments_deal_idx").on(t.dealId, t.createdAt)],
);

export const extensionStatuses = ["pending", "approved", "denied"] as const;

// A partner's request for more protection time, decided by the vendor within
// the program's extension policy (how many, how long each).
export const dealExtensionRequests = sqliteTable(
  "deal_extension_requests",
  {
    id: text("id").primaryKey(),
    dealId: text("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    requestedBy: text("requested_by").notNull(),
    justification: text("justification").notNull(),
    status: text("status", { enum: extensionStatuses }).notNull(),
    days: integer("days"),
    decidedBy: text("decided_by"),
    decidedAt: integer("decided_at"),
    decisionReason: text("decision_reason"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("deal_extensions_deal_idx").on(t.dealId, t.createdAt),
    index("deal_extensions_status_idx").on(t.status, t.createdAt),
    // At most one pending request per deal: a second waits for the first decision.
    uniqueIndex("deal_extensions_one_pending_idx").on(t.dealId).where(sql`status = 'pending'`),
  ],
);

// In-app notifications: what a member hears about in the portal's bell. Rows
// are written in the batch of the change they report (see
// worker/notifications/deal-notifications.ts) and keep the facts the
// sentence needs in `data`, never the sentence itself, so each reader sees
// it in their own language.
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    // The membership that reads it.
    recipientId: text("recipient_id").notNull(),
    // What happened, e.g. `deal.approved`; with `data` it picks the sentence.
    kind: text("kind").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer("created_at").notNull(),
    readAt: integer("read_at"),
  },
  (t) => [
    // "My newest first", keyset by (created_at, id).
    index("notifications_recipient_idx").on(t.recipientId, t.createdAt, t.id),
    // Only unread rows: the bell's count and the unread filter stay small however much is kept.
    index("notifications_unread_idx").on(t.recipientId, t.createdAt, t.id).where(sql`read_at IS NULL`),
  ],
);

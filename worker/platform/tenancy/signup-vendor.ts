// Vendor self-signup: one flow creates the tenant row, its database (with the
// latest schema), the first vendor admin and their session. Any failure
// half-way undoes what was done, so the same slug can be tried again.
import { z } from "@hono/zod-openapi";
import { LibsqlError } from "@libsql/client/web";
import { migrations as tenantMigrations } from "../../../db/migrations/tenant.gen.ts";
import { latestVersion, migrationStatements } from "../../../db/migrate.ts";
import { auditStatement } from "../audit.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { hitStatement, assertWithinLimit, limits } from "../auth/rate-limit.ts";
import { insertSessionForIdentity, memberFromRow, newSession, selectMemberByIdentity } from "../auth/sessions.ts";
import { newId } from "../auth/tokens.ts";
import { toMe, type Me } from "../auth/me.ts";
import type { PlatformCtx, TenantRef } from "../context.ts";
import { openTenantDb } from "../db.ts";
import type { Locale } from "../email/templates.ts";
import { ServiceUnavailable, ValidationFailed } from "../errors.ts";
import { emailField, passwordField, personNameField, slugField } from "../fields.ts";
import { log } from "../log.ts";
import { emailStatement, publishOutbox } from "../outbox/outbox.ts";

export const signupVendorInput = z
  .object({
    company: z.string().trim().min(2, "Enter your company name.").max(120, "Use at most 120 characters."),
    slug: slugField,
    name: personNameField,
    email: emailField,
    password: passwordField,
  })
  .openapi("SignupVendorInput");

export type SignupVendorInput = z.infer<typeof signupVendorInput>;

// A tenant stuck in `provisioning` this long was abandoned by a crashed signup.
const ABANDONED_AFTER_MS = 10 * 60 * 1000;

const slugTaken = () =>
  new ValidationFailed([{ field: "slug", message: "This portal address is taken. Choose another.", code: "taken" }]);

export async function signupVendor({
  ctx,
  input,
  locale = "en",
}: {
  ctx: PlatformCtx;
  input: SignupVendorInput;
  locale?: Locale;
}): Promise<{ tenant: { id: string; slug: string; name: string }; session: { token: string; expiresAt: number }; user: Me }> {
  const { control, now } = ctx;
  const ip = ctx.client?.ip ?? null;
  const ipLimit = ip ? limits.signupPerIp(ip) : null;

  const reads = await control.$client.batch(
    [
      ...(ipLimit ? [hitStatement(ipLimit, now)] : []),
      { sql: "SELECT id, status, created_at, database_name FROM tenants WHERE slug = ?", args: [input.slug] },
      { sql: "SELECT id, password_hash FROM identities WHERE email = ?", args: [input.email] },
    ],
    "write",
  );
  if (ipLimit) assertWithinLimit(ipLimit, reads[0], now);
  const [existingTenant] = reads.at(-2)!.rows;
  const [existingIdentity] = reads.at(-1)!.rows;

  const abandoned =
    existingTenant && existingTenant.status === "provisioning" && Number(existingTenant.created_at) < now - ABANDONED_AFTER_MS;
  if (existingTenant && !abandoned) throw slugTaken();

  // One identity per person: an existing one must prove it is theirs.
  let identityId: string;
  let createdIdentity = false;
  if (existingIdentity) {
    if (!(await verifyPassword(input.password, existingIdentity.password_hash as string | null))) {
      throw new ValidationFailed([
        {
          field: "password",
          message: "You already have an account with this email. Enter its password to add this portal to it.",
          code: "existing_account",
        },
      ]);
    }
    identityId = String(existingIdentity.id);
  } else {
    identityId = newId();
    createdIdentity = true;
  }
  const passwordHash = createdIdentity ? await hashPassword(input.password) : null;

  const tenantId = newId();
  const suffix = tenantId.replace(/-/g, "").slice(0, 8);
  const databaseName = `t-${input.slug}-${suffix}`;

  try {
    await control.$client.batch(
      [
        ...(abandoned ? [{ sql: "DELETE FROM tenants WHERE id = ? AND status = 'provisioning'", args: [String(existingTenant!.id)] }] : []),
        {
          sql: `INSERT INTO tenants (id, slug, name, status, plan, region, database_name, created_at, updated_at)
                VALUES (?, ?, ?, 'provisioning', 'trial', 'default', ?, ?, ?)`,
          args: [tenantId, input.slug, input.company, databaseName, now, now],
        },
        ...(createdIdentity
          ? [
              {
                sql: "INSERT INTO identities (id, email, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                args: [identityId, input.email, passwordHash, now, now],
              },
            ]
          : []),
      ],
      "write",
    );
  } catch (e) {
    if (e instanceof LibsqlError && e.code === "SQLITE_CONSTRAINT" && e.message.includes("tenants.slug")) throw slugTaken();
    throw e;
  }
  if (abandoned) await ctx.databases.delete(String(existingTenant!.database_name)).catch(() => undefined);

  const undo = async (reason: unknown) => {
    log("warn", "signup rolled back", { requestId: ctx.requestId, slug: input.slug, reason: String(reason) });
    await ctx.databases.delete(databaseName).catch(() => undefined);
    await control.$client
      .batch(
        [
          { sql: "DELETE FROM tenants WHERE id = ?", args: [tenantId] },
          ...(createdIdentity ? [{ sql: "DELETE FROM identities WHERE id = ?", args: [identityId] }] : []),
        ],
        "write",
      )
      .catch(() => undefined);
  };

  const session = await newSession(now);
  const membershipId = newId();
  const tenant: TenantRef = {
    id: tenantId,
    slug: input.slug,
    name: input.company,
    status: "active",
    databaseName,
    databaseHost: null,
    schemaVersion: latestVersion(tenantMigrations),
  };
  const welcome = emailStatement(
    {
      template: "welcome",
      to: input.email,
      locale,
      tenantSlug: input.slug,
      data: { tenantName: input.company, name: input.name, link: `${ctx.env.portalUrl}/t/${input.slug}` },
    },
    now,
  );
  let member;
  try {
    const created = await ctx.databases.create(databaseName);
    tenant.databaseHost = created.host;
    const db = openTenantDb(ctx.databases.locate(tenant), ctx.trips);
    const results = await db.$client.batch(
      [
        ...migrationStatements(tenantMigrations, now),
        {
          sql: `INSERT INTO memberships (id, identity_id, email, name, role, partner_org_id, status, locale, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'vendor_admin', NULL, 'active', ?, ?, ?)`,
          args: [membershipId, identityId, input.email, input.name, locale, now, now],
        },
        insertSessionForIdentity(session, identityId, now, ctx.client),
        auditStatement({ kind: "system", job: "signup" }, now, "tenant.created", { type: "tenant", id: tenantId }, {
          slug: input.slug,
          adminMembershipId: membershipId,
        }),
        welcome.statement,
        selectMemberByIdentity(identityId),
      ],
      "write",
    );
    member = memberFromRow(results.at(-1)!.rows[0]!);
    await control.$client.execute({
      sql: "UPDATE tenants SET status = 'active', database_host = ?, schema_version = ?, updated_at = ? WHERE id = ?",
      args: [created.host, tenant.schemaVersion, now, tenantId],
    });
  } catch (e) {
    await undo(e);
    throw new ServiceUnavailable("We could not finish creating your portal. Nothing was kept; please try again.", "provisioning_failed");
  }
  await publishOutbox(ctx.env, tenantId, [welcome.id]);
  return {
    tenant: { id: tenantId, slug: input.slug, name: input.company },
    session: { token: session.token, expiresAt: session.expiresAt },
    user: toMe(member, tenant),
  };
}

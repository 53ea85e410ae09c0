// Work that runs outside requests: tenant migrations, cron fan-out, health
// checks and the outbox (sweep, delivery, dead-lettering), plus the email
// templates and retry backoff they rely on. Each job touching the control
// database is checked to leave other tenants alone.
import { describe, expect, it } from "vitest";
import { migrations as tenantMigrations } from "../../../db/migrations/tenant.gen.ts";
import { DevMailbox, type MailProvider } from "../../../worker/platform/email/providers.ts";
import { pickLocale, renderEmail, type EmailIntent, type Locale } from "../../../worker/platform/email/templates.ts";
import { fanOutToTenants } from "../../../worker/platform/jobs/fan-out.ts";
import { backoffSeconds } from "../../../worker/platform/jobs/queues.ts";
import { checkTenantHealth } from "../../../worker/platform/jobs/tenant-health.ts";
import { deliverOutboxMessage, markOutboxFailed } from "../../../worker/platform/outbox/deliver-outbox-message.ts";
import { sweepOutbox } from "../../../worker/platform/outbox/sweep-outbox.ts";
import { ensureCurrentSchema, isSchemaBehind, migrateTenant } from "../../../worker/platform/tenancy/migrate-tenant.ts";
import { findTenantById } from "../../../worker/platform/tenancy/tenant-context.ts";
import { ServiceUnavailable } from "../../../worker/platform/errors.ts";
import type { Ctx } from "../../../worker/platform/context.ts";
import { inviteUser } from "../../../worker/platform/users/invite-user.ts";
import { updateBranding } from "../../../worker/recruitment/branding/update-branding.ts";
import { createTenant, createTestPlatform, systemCtx, tenantCtx, uniqueName, type TestPlatform, type TestTenant } from "../../support/platform.ts";

// Signup is throttled per client address (20 an hour): outbox delivery gets
// a platform (and dev mailbox) of its own.
const p = await createTestPlatform();
const d = await createTestPlatform();

const MINUTE = 60_000;

async function controlRow(platform: TestPlatform, tenantId: string) {
  const rs = await platform.ctx().control.$client.execute({
    sql: "SELECT schema_version, migration_error, health, health_checked_at, updated_at FROM tenants WHERE id = ?",
    args: [tenantId],
  });
  return rs.rows[0]!;
}

async function tableNames(ctx: Ctx): Promise<string[]> {
  const rs = await ctx.db.$client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'probe%' ORDER BY name");
  return rs.rows.map((r) => String(r.name));
}

async function outboxRows(ctx: Ctx) {
  const rs = await ctx.db.$client.execute(
    "SELECT id, status, attempts, last_error, delivered_at, json_extract(payload, '$.template') AS template FROM outbox ORDER BY created_at, rowid",
  );
  return rs.rows.map((r) => ({
    id: String(r.id),
    status: String(r.status),
    attempts: Number(r.attempts),
    lastError: r.last_error == null ? null : String(r.last_error),
    deliveredAt: r.delivered_at == null ? null : Number(r.delivered_at),
    template: String(r.template),
  }));
}

async function welcomeId(t: TestTenant, platform = p): Promise<string> {
  const rows = await outboxRows(systemCtx(platform, t.tenant));
  return rows.find((r) => r.template === "welcome")!.id;
}

// The schema every new tenant gets, and a test migration after it.
const LATEST = tenantMigrations.at(-1)!.tag;
const SHIPPED = tenantMigrations.map((m) => m.tag);
const probe = { tag: "9999_test", statements: ["CREATE TABLE probe (id TEXT PRIMARY KEY)"] };

describe("migrateTenant", () => {
  it("reports a tenant on the latest schema as current and changes nothing", async () => {
    const t = await createTenant(p);
    const before = await controlRow(p, t.tenant.id);
    const result = await migrateTenant({ ctx: p.ctx(), tenantId: t.tenant.id });
    expect(result).toEqual({ status: "current", applied: [], version: LATEST });
    expect((await controlRow(p, t.tenant.id)).schema_version).toBe(before.schema_version);
  });

  it("applies a new migration and records the version in the control database", async () => {
    const t = await createTenant(p);
    const other = await createTenant(p);
    const now = Date.now() + MINUTE;
    const result = await migrateTenant({ ctx: p.ctx(now), tenantId: t.tenant.id, migrations: [...tenantMigrations, probe] });
    expect(result).toEqual({ status: "migrated", applied: ["9999_test"], version: "9999_test" });

    const row = await controlRow(p, t.tenant.id);
    expect([row.schema_version, row.migration_error, row.updated_at]).toEqual(["9999_test", null, now]);
    const ctx = systemCtx(p, t.tenant);
    expect(await tableNames(ctx)).toEqual(["probe"]);
    const tags = await ctx.db.$client.execute("SELECT tag, applied_at FROM schema_migrations ORDER BY tag");
    expect(tags.rows.map((r) => [r.tag, r.applied_at])).toEqual([
      ...SHIPPED.map((tag) => [tag, expect.any(Number)]),
      ["9999_test", now],
    ]);
    // Running it again is a no-op.
    expect((await migrateTenant({ ctx: p.ctx(), tenantId: t.tenant.id, migrations: [...tenantMigrations, probe] })).status).toBe("current");
    // The other tenant was not touched.
    expect((await controlRow(p, other.tenant.id)).schema_version).toBe(LATEST);
    expect(await tableNames(systemCtx(p, other.tenant))).toEqual([]);
  });

  it("keeps a tenant on its version when a migration fails, records why, and does not block other tenants", async () => {
    const broken = await createTenant(p);
    const healthy = await createTenant(p);
    const bad = { tag: "9999_test", statements: ["CREATE TABLE probe_before (id TEXT)", "CREATE TABLE probe ("] };

    const failed = await migrateTenant({ ctx: p.ctx(), tenantId: broken.tenant.id, migrations: [...tenantMigrations, bad] });
    expect(failed.status).toBe("failed");
    const row = await controlRow(p, broken.tenant.id);
    expect(row.schema_version).toBe(LATEST);
    expect(String(row.migration_error)).toBe(failed.status === "failed" ? failed.error.slice(0, 1000) : "");
    expect(String(row.migration_error).length).toBeGreaterThan(0);
    // Atomic: the statement before the broken one did not stick either.
    const ctx = systemCtx(p, broken.tenant);
    expect(await tableNames(ctx)).toEqual([]);
    const tags = await ctx.db.$client.execute("SELECT tag FROM schema_migrations");
    expect(tags.rows.map((r) => r.tag)).toEqual(SHIPPED);

    const ok = await migrateTenant({ ctx: p.ctx(), tenantId: healthy.tenant.id, migrations: [...tenantMigrations, probe] });
    expect(ok.status).toBe("migrated");
    expect((await controlRow(p, healthy.tenant.id)).schema_version).toBe("9999_test");
    expect((await controlRow(p, healthy.tenant.id)).migration_error).toBeNull();

    // Once the migration is fixed, the broken tenant catches up and the error is cleared.
    const fixed = await migrateTenant({ ctx: p.ctx(), tenantId: broken.tenant.id, migrations: [...tenantMigrations, probe] });
    expect(fixed.status).toBe("migrated");
    const after = await controlRow(p, broken.tenant.id);
    expect([after.schema_version, after.migration_error]).toEqual(["9999_test", null]);
  });

  it("is run first by whatever reaches a tenant still behind the deployed code, which then finds it current", async () => {
    const t = await createTenant(p);
    const now = Date.now() + MINUTE;
    const code = [...tenantMigrations, probe];
    expect(isSchemaBehind(LATEST, code)).toBe(true);
    expect(isSchemaBehind("9999_test", code)).toBe(false);
    // A version this code does not know is newer (a rolled-back deploy): never touched.
    expect(isSchemaBehind("9999_newer", code)).toBe(false);
    const tenant = (await findTenantById(p.ctx(), t.tenant.id))!;
    const current = await ensureCurrentSchema(p.ctx(now), tenant, code);
    expect(current.schemaVersion).toBe("9999_test");
    expect(await tableNames(systemCtx(p, t.tenant))).toEqual(["probe"]);
    expect((await controlRow(p, t.tenant.id)).schema_version).toBe("9999_test");
    // Current already: no database is asked.
    const ctx = p.ctx(now);
    const trips = ctx.trips.count;
    expect(await ensureCurrentSchema(ctx, current, code)).toBe(current);
    expect(ctx.trips.count).toBe(trips);
  });

  it("answers 503 rather than running new code on an old schema when the catch-up fails", async () => {
    const t = await createTenant(p);
    const bad = { tag: "9999_test", statements: ["CREATE TABLE probe ("] };
    const tenant = (await findTenantById(p.ctx(), t.tenant.id))!;
    const error = await ensureCurrentSchema(p.ctx(), tenant, [...tenantMigrations, bad]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailable);
    expect((error as ServiceUnavailable).code).toBe("tenant_upgrading");
    const row = await controlRow(p, t.tenant.id);
    expect(row.schema_version).toBe(LATEST);
    expect(String(row.migration_error).length).toBeGreaterThan(0);
  });

  it("skips tenants that do not exist or are still provisioning", async () => {
    expect(await migrateTenant({ ctx: p.ctx(), tenantId: crypto.randomUUID() })).toEqual({ status: "skipped" });
    const t = await createTenant(p);
    const control = p.ctx().control;
    await control.$client.execute({ sql: "UPDATE tenants SET status = 'provisioning' WHERE id = ?", args: [t.tenant.id] });
    expect(await migrateTenant({ ctx: p.ctx(), tenantId: t.tenant.id, migrations: [...tenantMigrations, probe] })).toEqual({ status: "skipped" });
    expect(await tableNames(systemCtx(p, t.tenant))).toEqual([]);
  });
});

describe("fanOutToTenants", () => {
  it("enqueues exactly one message per active tenant of this platform", async () => {
    // A platform of its own, so the set of tenants is exactly the ones made here.
    const own = await createTestPlatform();
    const now = Date.now();
    const first = await createTenant(own, { now });
    const second = await createTenant(own, { now: now + 1000 });
    const suspended = await createTenant(own, { now: now + 2000 });
    await own.ctx().control.$client.execute({ sql: "UPDATE tenants SET status = 'suspended' WHERE id = ?", args: [suspended.tenant.id] });
    await createTenant(p); // another platform's tenant: never enqueued here

    expect(await fanOutToTenants({ ctx: own.ctx(), job: "sweep-outbox" })).toEqual({ enqueued: 2 });
    expect(own.tenantOps.sent).toEqual([
      { job: "sweep-outbox", tenantId: first.tenant.id },
      { job: "sweep-outbox", tenantId: second.tenant.id },
    ]);

    const sent = own.tenantOps.sent.length;
    expect(await fanOutToTenants({ ctx: own.ctx(), job: "migrate-tenant", statuses: ["active", "suspended"] })).toEqual({ enqueued: 3 });
    expect(own.tenantOps.sent.slice(sent)).toEqual([
      { job: "migrate-tenant", tenantId: first.tenant.id },
      { job: "migrate-tenant", tenantId: second.tenant.id },
      { job: "migrate-tenant", tenantId: suspended.tenant.id },
    ]);
  });
});

describe("checkTenantHealth", () => {
  it("records the tenant's health on its control row, and only its own", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const other = await createTenant(p, { now });
    const checkAt = now + 16 * MINUTE;
    const health = await checkTenantHealth({ ctx: p.ctx(checkAt), tenantId: t.tenant.id });
    expect(health).toEqual({
      reachable: true,
      latencyMs: expect.any(Number),
      schemaCurrent: true,
      members: 1,
      stuckOutbox: 1, // the welcome email, pending for more than 15 minutes
      failedOutbox: 0,
    });
    const row = await controlRow(p, t.tenant.id);
    expect(JSON.parse(String(row.health))).toEqual(health);
    expect(row.health_checked_at).toBe(checkAt);
    const untouched = await controlRow(p, other.tenant.id);
    expect([untouched.health, untouched.health_checked_at]).toEqual([null, null]);
  });

  it("does not count fresh mail as stuck, and counts failed mail", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    await markOutboxFailed({ ctx: systemCtx(p, t.tenant, now), outboxId: await welcomeId(t) });
    const health = await checkTenantHealth({ ctx: p.ctx(now + MINUTE), tenantId: t.tenant.id });
    expect(health).toMatchObject({ reachable: true, stuckOutbox: 0, failedOutbox: 1 });
  });

  it("records an unreachable database instead of throwing", async () => {
    const t = await createTenant(p);
    const ctx = p.ctx();
    await ctx.databases.delete(t.tenant.databaseName);
    const health = await checkTenantHealth({ ctx, tenantId: t.tenant.id });
    expect(health).toMatchObject({ reachable: false, schemaCurrent: false, error: expect.any(String) });
    expect(JSON.parse(String((await controlRow(p, t.tenant.id)).health)).reachable).toBe(false);
  });

  it("returns null for an unknown tenant", async () => {
    expect(await checkTenantHealth({ ctx: p.ctx(), tenantId: crypto.randomUUID() })).toBeNull();
  });
});

describe("sweepOutbox", () => {
  it("re-publishes only pending mail older than two minutes, for this tenant only", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const other = await createTenant(p, { now });
    const admin = await tenantCtx(p, t.tenant, t.admin.token, now + 30_000);
    const invitation = await inviteUser({ ctx: admin, input: { email: `${uniqueName("sweep")}@example.com`, name: "S", role: "channel_manager" } });
    const rows = await outboxRows(admin);
    const [welcome, invite] = [rows.find((r) => r.template === "welcome")!.id, rows.find((r) => r.template === "invitation")!.id];
    expect(invitation.status).toBe("pending");

    let sent = p.outbox.sent.length;
    expect(await sweepOutbox({ ctx: systemCtx(p, t.tenant, now + MINUTE) })).toEqual({ requeued: 0 });
    expect(p.outbox.sent.length).toBe(sent);

    expect(await sweepOutbox({ ctx: systemCtx(p, t.tenant, now + 3 * MINUTE) })).toEqual({ requeued: 2 });
    expect(p.outbox.sent.slice(sent)).toEqual([
      { tenantId: t.tenant.id, outboxId: welcome },
      { tenantId: t.tenant.id, outboxId: invite },
    ]);

    // Delivered and failed mail is left alone.
    await admin.db.$client.execute({ sql: "UPDATE outbox SET status = 'delivered' WHERE id = ?", args: [welcome] });
    await markOutboxFailed({ ctx: systemCtx(p, t.tenant), outboxId: invite });
    sent = p.outbox.sent.length;
    expect(await sweepOutbox({ ctx: systemCtx(p, t.tenant, now + 3 * MINUTE) })).toEqual({ requeued: 0 });
    expect(p.outbox.sent.length).toBe(sent);

    // The other tenant's pending welcome mail goes out under its own id.
    expect(await sweepOutbox({ ctx: systemCtx(p, other.tenant, now + 3 * MINUTE) })).toEqual({ requeued: 1 });
    expect(p.outbox.sent.slice(sent)).toEqual([{ tenantId: other.tenant.id, outboxId: await welcomeId(other) }]);
  });
});

describe("deliverOutboxMessage", () => {
  const mailbox = () => {
    if (d.config.mail.provider !== "dev") throw new Error("test platform uses the dev mailbox");
    return new DevMailbox({ url: d.config.mail.mailboxUrl, authToken: d.config.mail.authToken });
  };

  it("sends mail in the tenant's branding as it is at delivery: portal name, logo, colour", async () => {
    const now = Date.now();
    const t = await createTenant(d, { now });
    const other = await createTenant(d, { now });
    const id = await welcomeId(t, d);
    const admin = await tenantCtx(d, t.tenant, t.admin.token);
    await updateBranding({
      ctx: admin,
      input: { portalName: "Hub for Partners", logoUrl: "https://cdn.example.com/hub.svg", primaryColor: "#1d4ed8", welcomeText: null, programDescription: null },
    });
    expect(await deliverOutboxMessage({ ctx: systemCtx(d, t.tenant, now + MINUTE), outboxId: id, provider: mailbox() })).toBe("delivered");
    const [branded] = await mailbox().list(10, t.admin.email);
    expect(branded!.subject).toBe("Your Hub for Partners partner portal is ready");
    expect(branded!.html).toContain('src="https://cdn.example.com/hub.svg"');
    expect(branded!.html).toContain("background:#1d4ed8");

    // Another tenant's mail keeps its own name and the default colour.
    const otherId = await welcomeId(other, d);
    await deliverOutboxMessage({ ctx: systemCtx(d, other.tenant, now + MINUTE), outboxId: otherId, provider: mailbox() });
    const [plain] = await mailbox().list(10, other.admin.email);
    expect(plain!.subject).toBe(`Your ${other.tenant.name} partner portal is ready`);
    expect(plain!.html).not.toContain("Hub for Partners");
    expect(plain!.html).not.toContain("#1d4ed8");
  });

  it("delivers once: a redelivered message is not sent again", async () => {
    const now = Date.now();
    const t = await createTenant(d, { now });
    const id = await welcomeId(t, d);
    const ctx = systemCtx(d, t.tenant, now + MINUTE);
    expect(await deliverOutboxMessage({ ctx, outboxId: id, provider: mailbox() })).toBe("delivered");
    expect(await deliverOutboxMessage({ ctx: systemCtx(d, t.tenant, now + 2 * MINUTE), outboxId: id, provider: mailbox() })).toBe("already-delivered");

    const messages = await mailbox().list(10, t.admin.email);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      id,
      to: t.admin.email,
      tenantSlug: t.tenant.slug,
      subject: `Your ${t.tenant.name} partner portal is ready`,
      createdAt: now + MINUTE,
    });
    expect(messages[0]!.text).toContain(`http://portal.test/t/${t.tenant.slug}`);
    expect(messages[0]!.text).toContain("Welcome, Vera Admin!");
    expect((await outboxRows(ctx)).find((r) => r.id === id)).toMatchObject({ status: "delivered", attempts: 1, deliveredAt: now + MINUTE, lastError: null });
  });

  it("sends a message only once even when two deliveries race", async () => {
    const t = await createTenant(p);
    const id = await welcomeId(t, d);
    await Promise.all([1, 2].map(() => deliverOutboxMessage({ ctx: systemCtx(d, t.tenant), outboxId: id, provider: mailbox() })));
    expect(await mailbox().list(10, t.admin.email)).toHaveLength(1);
  });

  it("records a failed send, keeps the row pending for a retry and rethrows", async () => {
    const now = Date.now();
    const t = await createTenant(d, { now });
    const id = await welcomeId(t, d);
    const failing: MailProvider = {
      send: async () => {
        throw new Error("smtp relay unavailable");
      },
    };
    const ctx = systemCtx(d, t.tenant, now + MINUTE);
    await expect(deliverOutboxMessage({ ctx, outboxId: id, provider: failing })).rejects.toThrow("smtp relay unavailable");
    expect((await outboxRows(ctx)).find((r) => r.id === id)).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "Error: smtp relay unavailable",
      deliveredAt: null,
    });
    await expect(deliverOutboxMessage({ ctx, outboxId: id, provider: failing })).rejects.toThrow();
    expect((await outboxRows(ctx)).find((r) => r.id === id)!.attempts).toBe(2);

    // The retry that works clears the error.
    expect(await deliverOutboxMessage({ ctx: systemCtx(d, t.tenant, now + 2 * MINUTE), outboxId: id, provider: mailbox() })).toBe("delivered");
    expect((await outboxRows(ctx)).find((r) => r.id === id)).toMatchObject({ status: "delivered", attempts: 3, lastError: null });
  });

  it("marks dead-lettered mail failed, but never un-delivers mail", async () => {
    const t = await createTenant(p);
    const ctx = systemCtx(d, t.tenant);
    const id = await welcomeId(t, d);
    await markOutboxFailed({ ctx, outboxId: id });
    expect((await outboxRows(ctx)).find((r) => r.id === id)!.status).toBe("failed");

    const delivered = await createTenant(p);
    const dctx = systemCtx(d, delivered.tenant);
    const did = await welcomeId(delivered, d);
    await deliverOutboxMessage({ ctx: dctx, outboxId: did, provider: mailbox() });
    await markOutboxFailed({ ctx: dctx, outboxId: did });
    expect((await outboxRows(dctx)).find((r) => r.id === did)!.status).toBe("delivered");
  });

  it("finds nothing for another tenant's outbox id", async () => {
    const a = await createTenant(p);
    const b = await createTenant(p);
    const aId = await welcomeId(a, d);
    expect(await deliverOutboxMessage({ ctx: systemCtx(d, b.tenant), outboxId: aId, provider: mailbox() })).toBe("missing");
    expect((await outboxRows(systemCtx(d, a.tenant))).find((r) => r.id === aId)!.status).toBe("pending");
    expect(await mailbox().list(10, a.admin.email)).toEqual([]);
  });
});

describe("renderEmail", () => {
  const link = "http://portal.test/t/acme/invite?token=ppi_abc&x=1";
  const invitation = (locale: Locale, inviterName = "Ana", tenantName = "Acme"): EmailIntent => ({
    template: "invitation",
    to: "x@example.com",
    locale,
    tenantSlug: "acme",
    data: { tenantName, inviterName, role: "channel_manager", link },
  });

  it("renders the invitation in every portal language, with the link in text and html", () => {
    const expected: Record<Locale, { subject: string; role: string; action: string }> = {
      en: { subject: "Ana invited you to the Acme partner portal", role: "channel manager", action: "Accept the invitation" },
      es: { subject: "Ana te invitó al portal de socios de Acme", role: "gestor de canal", action: "Aceptar la invitación" },
      fr: { subject: "Ana vous invite sur le portail partenaires Acme", role: "responsable de canal", action: "Accepter l&#39;invitation" },
      zh: { subject: "Ana 邀请您加入 Acme 合作伙伴门户", role: "渠道经理", action: "接受邀请" },
    };
    for (const locale of ["en", "es", "fr", "zh"] as const) {
      const mail = renderEmail(invitation(locale));
      expect(mail.subject).toBe(expected[locale].subject);
      expect(mail.text).toContain(expected[locale].role);
      expect(mail.text.endsWith(`: ${link}`)).toBe(true);
      expect(mail.html).toContain(`href="http://portal.test/t/acme/invite?token=ppi_abc&amp;x=1"`);
      expect(mail.html).toContain(`>${expected[locale].action}</a>`);
    }
  });

  it("renders password reset and welcome mail", () => {
    const reset = renderEmail({ template: "password-reset", to: "x@example.com", locale: "en", tenantSlug: "acme", data: { tenantName: "Acme", link } });
    expect(reset.subject).toBe("Reset your password for Acme");
    expect(reset.text).toContain("expires in 1 hour");
    expect(reset.text).toContain(`Choose a new password: ${link}`);
    const welcome = renderEmail({ template: "welcome", to: "x@example.com", locale: "es", tenantSlug: "acme", data: { tenantName: "Acme", name: "Lucía", link } });
    expect(welcome.subject).toBe("Tu portal de socios de Acme está listo");
    expect(welcome.text).toContain("¡Bienvenido, Lucía!");
  });

  it("escapes HTML in names, leaving the plain-text part as written", () => {
    const mail = renderEmail(invitation("en", `<script>alert("x")</script>`, "Tom & Jerry's"));
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(mail.html).toContain("Tom &amp; Jerry&#39;s");
    expect(mail.text).toContain(`<script>alert("x")</script> invited you to join the Tom & Jerry's partner portal`);
  });

  it("falls back to English for a language it does not have", () => {
    expect(renderEmail(invitation("de" as Locale)).subject).toBe("Ana invited you to the Acme partner portal");
  });

  it("picks the first supported language from Accept-Language", () => {
    expect(pickLocale("es-ES,es;q=0.9,en;q=0.8")).toBe("es");
    expect(pickLocale("de-DE, fr;q=0.5")).toBe("fr");
    expect(pickLocale("zh-CN")).toBe("zh");
    expect(pickLocale("de")).toBe("en");
    expect(pickLocale(null)).toBe("en");
  });
});

describe("backoffSeconds", () => {
  it("doubles from 10 seconds and caps at 15 minutes", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 50].map(backoffSeconds)).toEqual([10, 10, 20, 40, 80, 160, 320, 640, 900, 900, 900]);
  });
});

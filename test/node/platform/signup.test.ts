import { migrations as tenantMigrations } from "../../../db/migrations/tenant.gen.ts";
import { describe, expect, it } from "vitest";
import { signupVendor } from "../../../worker/platform/tenancy/signup-vendor.ts";
import { ValidationFailed, ServiceUnavailable } from "../../../worker/platform/errors.ts";
import { createTenant, createTestPlatform, tenantCtx, uniqueName } from "../../support/platform.ts";
import { findTenantBySlug } from "../../../worker/platform/tenancy/resolve-tenant.ts";
import type { TenantDatabases } from "../../../worker/platform/tenancy/tenant-databases.ts";

const p = await createTestPlatform();

describe("signupVendor", () => {
  it("creates an active tenant with its own migrated database and a signed-in vendor admin", async () => {
    const t = await createTenant(p);
    expect(t.tenant.status).toBe("active");
    expect(t.tenant.schemaVersion).toBe(tenantMigrations.at(-1)!.tag);
    const ctx = await tenantCtx(p, t.tenant, t.admin.token);
    expect(ctx.actor.kind).toBe("user");
    expect(ctx.actor.kind === "user" && ctx.actor.role).toBe("vendor_admin");
    const members = await ctx.db.$client.execute("SELECT email, role FROM memberships");
    expect(members.rows.map((r) => [r.email, r.role])).toEqual([[t.admin.email, "vendor_admin"]]);
    const outbox = await ctx.db.$client.execute("SELECT json_extract(payload, '$.template') AS template FROM outbox");
    expect(outbox.rows.map((r) => r.template)).toEqual(["welcome"]);
    expect(p.outbox.sent.some((m) => m.tenantId === t.tenant.id)).toBe(true);
  });

  it("refuses a taken slug with a field error", async () => {
    const t = await createTenant(p);
    const err = await signupVendor({
      ctx: p.ctx(),
      input: { company: "Copycat", slug: t.tenant.slug, name: "X", email: "copycat@example.com", password: "password-123" },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationFailed);
    expect(err.fields).toEqual([expect.objectContaining({ field: "slug" })]);
  });

  it("reuses one identity across vendors only with the right password", async () => {
    const first = await createTenant(p);
    const slug = uniqueName("second");
    const wrong = await signupVendor({
      ctx: p.ctx(),
      input: { company: "Second", slug, name: "Vera", email: first.admin.email, password: "not-the-password" },
    }).catch((e) => e);
    expect(wrong).toBeInstanceOf(ValidationFailed);
    expect(wrong.fields[0].field).toBe("password");
    const ok = await signupVendor({
      ctx: p.ctx(),
      input: { company: "Second", slug, name: "Vera", email: first.admin.email, password: first.admin.password },
    });
    expect(ok.user.role).toBe("vendor_admin");
    const identities = await p.ctx().control.$client.execute({ sql: "SELECT count(*) AS n FROM identities WHERE email = ?", args: [first.admin.email] });
    expect(Number(identities.rows[0]!.n)).toBe(1);
  });

  it("leaves nothing behind when the database cannot be created, and the slug can be retried", async () => {
    const slug = uniqueName("fail");
    const ctx = p.ctx();
    const failing: TenantDatabases = {
      create: async () => {
        throw new Error("provider down");
      },
      delete: async () => undefined,
      locate: ctx.databases.locate.bind(ctx.databases),
    };
    const input = { company: "Flaky", slug, name: "F", email: `${slug}@example.com`, password: "password-123" };
    await expect(signupVendor({ ctx: { ...ctx, databases: failing }, input })).rejects.toBeInstanceOf(ServiceUnavailable);
    const left = await ctx.control.$client.batch([
      { sql: "SELECT count(*) AS n FROM tenants WHERE slug = ?", args: [slug] },
      { sql: "SELECT count(*) AS n FROM identities WHERE email = ?", args: [input.email] },
    ]);
    expect(left.map((r) => Number(r.rows[0]!.n))).toEqual([0, 0]);
    const retried = await signupVendor({ ctx: p.ctx(), input });
    expect(retried.tenant.slug).toBe(slug);
    expect((await findTenantBySlug(ctx.control, slug, Date.now() + 60_000))?.status).toBe("active");
  });
});

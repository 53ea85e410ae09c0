// Factories for the partner program: tiers with sensible benefits, partners in
// a given lifecycle status with given metrics, and a bulk seed for the tier
// evaluation benchmark. Partner organizations are created through the
// platform factory and their status set directly, so these tests do not
// depend on the partners module's lifecycle verbs.
import type { Client } from "@libsql/client/web";
import type { PartnerStatus } from "../../db/tenant/schema.ts";
import type { TenantDb } from "../../worker/platform/db.ts";
import { findTenantById } from "../../worker/platform/tenancy/tenant-context.ts";
import { signupVendor } from "../../worker/platform/tenancy/signup-vendor.ts";
import { createTier } from "../../worker/program/create-tier.ts";
import { upsertMetricStatement, type Metric } from "../../worker/program/metrics.ts";
import type { createTierInput, Tier, TierBenefits } from "../../worker/program/tier-schema.ts";
import type { Ctx } from "../../worker/platform/context.ts";
import { addPartnerOrg, systemCtx, tenantCtx, uniqueName, type TestPlatform, type TestTenant } from "./platform.ts";
import type { z } from "@hono/zod-openapi";

export const DAY = 24 * 60 * 60 * 1000;

export const benefits = (overrides: Partial<TierBenefits> = {}): TierBenefits => ({
  dealProtectionDays: 90,
  registrationDiscountPct: 5,
  mdfEligible: false,
  coopAccrualPct: 0,
  leadPriorityWeight: 10,
  contentVisibility: "partner",
  ...overrides,
});

export function tierInput(overrides: Partial<z.input<typeof createTierInput>> = {}): z.output<typeof createTierInput> {
  return {
    name: "Registered",
    rank: 10,
    color: "#64748b",
    benefits: benefits(),
    criteria: [],
    ...overrides,
  } as z.output<typeof createTierInput>;
}

/**
 * A vendor portal, signed up from an address of its own: signup is throttled
 * per client address, and program tests need many portals.
 */
export async function createProgramTenant(p: TestPlatform, opts: { now?: number } = {}): Promise<TestTenant> {
  const slug = uniqueName("t").toLowerCase();
  const email = `${slug}-admin@example.com`;
  const password = "admin-password-1";
  const ip = `198.51.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
  const pctx = p.ctx(opts.now, { ip, userAgent: "vitest" });
  const result = await signupVendor({ ctx: pctx, input: { company: `Vendor ${slug}`, slug, name: "Vera Admin", email, password } });
  const tenant = (await findTenantById(pctx, result.tenant.id))!;
  return { tenant, admin: { email, password, token: result.session.token } };
}

/** Creates tiers as the tenant's admin, in the order given. */
export async function addTiers(p: TestPlatform, t: TestTenant, inputs: z.output<typeof createTierInput>[], now = Date.now()): Promise<Tier[]> {
  const ctx = await tenantCtx(p, t.tenant, t.admin.token, now);
  const tiers: Tier[] = [];
  for (const input of inputs) tiers.push(await createTier({ ctx, input }));
  return tiers;
}

/** The usual three-step ladder: Registered (entry), Silver, Gold. Money in minor units. */
export async function addStandardLadder(p: TestPlatform, t: TestTenant, now = Date.now()) {
  const [registered, silver, gold] = await addTiers(
    p,
    t,
    [
      tierInput({ name: "Registered", rank: 10, color: "#64748b" }),
      tierInput({
        name: "Silver",
        rank: 20,
        color: "#c0c0c0",
        benefits: benefits({ dealProtectionDays: 120, leadPriorityWeight: 30 }),
        criteria: [
          { metric: "won_revenue_12m", min: 5_000_000 },
          { metric: "active_certifications", min: 1 },
        ],
      }),
      tierInput({
        name: "Gold",
        rank: 30,
        color: "#d4af37",
        benefits: benefits({ dealProtectionDays: 180, mdfEligible: true, coopAccrualPct: 2, leadPriorityWeight: 60, contentVisibility: "tier_only" }),
        criteria: [
          { metric: "won_revenue_12m", min: 10_000_000 },
          { metric: "active_certifications", min: 2 },
        ],
      }),
    ],
    now,
  );
  return { registered: registered!, silver: silver!, gold: gold! };
}

export async function setStatus(p: TestPlatform, t: TestTenant, partnerOrgId: string, status: PartnerStatus): Promise<void> {
  await systemCtx(p, t.tenant).db.$client.execute({ sql: "UPDATE partner_orgs SET status = ? WHERE id = ?", args: [status, partnerOrgId] });
}

/** A partner organization in the given status (active by default). */
export async function addPartner(p: TestPlatform, t: TestTenant, name = "Northwind Solutions", status: PartnerStatus = "active"): Promise<string> {
  const id = await addPartnerOrg(p, t, name);
  await setStatus(p, t, id, status);
  return id;
}

export async function setMetrics(ctx: Ctx, partnerOrgId: string, metrics: Partial<Record<Metric, number>>, now = ctx.now): Promise<void> {
  await ctx.db.$client.batch(
    Object.entries(metrics).map(([metric, value]) => upsertMetricStatement(partnerOrgId, metric as Metric, value!, now)),
    "write",
  );
}

export async function partnerTier(ctx: Ctx, partnerOrgId: string): Promise<{ tierId: string | null; since: number | null }> {
  const rs = await ctx.db.$client.execute({ sql: "SELECT tier_id, tier_since FROM partner_orgs WHERE id = ?", args: [partnerOrgId] });
  const r = rs.rows[0]!;
  return { tierId: r.tier_id == null ? null : String(r.tier_id), since: r.tier_since == null ? null : Number(r.tier_since) };
}

/**
 * For the tier evaluation benchmark: a three-tier ladder and `n` active
 * partners (each with one partner admin) whose revenue and certifications
 * spread them over all three tiers. Returns the tier ids.
 */
export async function seedPartnersForBench(
  db: TenantDb | Client,
  n: number,
  now: number,
): Promise<{ registered: string; silver: string; gold: string; partnerIds: string[] }> {
  const client: Client = "$client" in db ? db.$client : db;
  const ids = { registered: crypto.randomUUID(), silver: crypto.randomUUID(), gold: crypto.randomUUID() };
  const ladder = [
    { id: ids.registered, name: "Registered", rank: 10, color: "#64748b", criteria: [] },
    { id: ids.silver, name: "Silver", rank: 20, color: "#c0c0c0", criteria: [{ metric: "won_revenue_12m", min: 5_000_000 }, { metric: "active_certifications", min: 1 }] },
    { id: ids.gold, name: "Gold", rank: 30, color: "#d4af37", criteria: [{ metric: "won_revenue_12m", min: 10_000_000 }, { metric: "active_certifications", min: 2 }] },
  ];
  await client.batch(
    ladder.map((t) => ({
      sql: "INSERT INTO tiers (id, name, rank, color, benefits, criteria, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      args: [t.id, t.name, t.rank, t.color, JSON.stringify(benefits()), JSON.stringify(t.criteria), now, now],
    })),
    "write",
  );
  const partnerIds = Array.from({ length: n }, () => crypto.randomUUID());
  // Set-based inserts from JSON, a few thousand partners per statement.
  const CHUNK = 2_000;
  for (let i = 0; i < n; i += CHUNK) {
    const rows = partnerIds.slice(i, i + CHUNK).map((id, k) => {
      const j = i + k;
      return { id, name: `Bench Partner ${j}`, revenue: (j % 15) * 1_000_000, certs: j % 4, email: `bench-admin-${j}-${id.slice(0, 8)}@example.com` };
    });
    const json = JSON.stringify(rows);
    await client.batch(
      [
        {
          sql: `INSERT INTO partner_orgs (id, name, status, created_at) SELECT j.value ->> 'id', j.value ->> 'name', 'active', ? FROM json_each(?) j`,
          args: [now, json],
        },
        {
          sql: `INSERT INTO partner_metrics (partner_org_id, metric, value, updated_at)
                SELECT j.value ->> 'id', 'won_revenue_12m', j.value ->> 'revenue', ? FROM json_each(?) j
                UNION ALL SELECT j.value ->> 'id', 'active_certifications', j.value ->> 'certs', ? FROM json_each(?) j`,
          args: [now, json, now, json],
        },
        {
          sql: `INSERT INTO memberships (id, identity_id, email, name, role, partner_org_id, status, created_at, updated_at)
                SELECT lower(hex(randomblob(16))), lower(hex(randomblob(16))), j.value ->> 'email', 'Bench Admin', 'partner_admin', j.value ->> 'id', 'active', ?, ?
                FROM json_each(?) j`,
          args: [now, now, json],
        },
      ],
      "write",
    );
  }
  return { ...ids, partnerIds };
}

/** Awaits a rejection of the given type and returns it for further checks. */
export async function expectError<T>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => T,
): Promise<T & { code: string; status: number; message: string; fields?: { field: string; message: string; code?: string }[] }> {
  const err = await promise.then(
    (value) => ({ resolved: value }),
    (e: unknown) => e,
  );
  if (!(err instanceof type)) throw new Error(`expected ${type.name}, got ${err instanceof Error ? `${err.name}: ${err.message}` : JSON.stringify(err)}`);
  return err as T & { code: string; status: number; message: string; fields?: { field: string; message: string; code?: string }[] };
}

export async function count(ctx: Ctx, sql: string, args: (string | number | null)[] = []): Promise<number> {
  return Number((await ctx.db.$client.execute({ sql, args })).rows[0]!.n);
}

// A partner's standing: partners see their own tier, benefits, progress to
// the next tier and history; vendor staff see any partner's, plus metrics and
// the pending proposal. Custom metrics are set by vendor staff; computed ones
// only through the exported statement other modules batch.
import { describe, expect, it } from "vitest";
import type { Role } from "../../../db/tenant/schema.ts";
import type { Ctx } from "../../../worker/platform/context.ts";
import { Forbidden, NotFound, ValidationFailed } from "../../../worker/platform/errors.ts";
import { evaluateTiers } from "../../../worker/program/evaluate-tiers.ts";
import { getMyTier } from "../../../worker/program/get-my-tier.ts";
import { getPartnerTierStatus } from "../../../worker/program/get-partner-tier-status.ts";
import { upsertMetricStatement } from "../../../worker/program/metrics.ts";
import { setPartnerMetric } from "../../../worker/program/set-partner-metric.ts";
import { updateProgramRules } from "../../../worker/program/update-program-rules.ts";
import { addMember, createTestPlatform, systemCtx, tenantCtx } from "../../support/platform.ts";
import { addPartner, addStandardLadder, addTiers, benefits, count, createProgramTenant, DAY, expectError, setMetrics, tierInput } from "../../support/program.ts";

const p = await createTestPlatform();

async function portal(start = Date.now()) {
  const t = await createProgramTenant(p, { now: start });
  const ladder = await addStandardLadder(p, t, start);
  const admin = await tenantCtx(p, t.tenant, t.admin.token, start);
  const at = (now: number): Ctx => ({ ...admin, now });
  return { t, ladder, admin, at, start };
}

describe("getMyTier", () => {
  it("shows a partner its tier, benefits, progress to the next tier and history", async () => {
    const { t, ladder, at, start } = await portal();
    const org = await addPartner(p, t, "Contoso");
    const other = await addPartner(p, t, "Other");
    await setMetrics(at(start), org, { won_revenue_12m: 4_000_000, active_certifications: 1 });
    await setMetrics(at(start), other, { won_revenue_12m: 99_000_000, active_certifications: 9 });
    await evaluateTiers({ ctx: at(start) });
    await setMetrics(at(start), org, { won_revenue_12m: 6_000_000 });
    await evaluateTiers({ ctx: at(start + DAY) });

    const partnerAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: org });
    const partnerUser = await addMember(p, t, { role: "partner_user", partnerOrgId: org });
    for (const member of [partnerAdmin, partnerUser]) {
      const status = await getMyTier({ ctx: await tenantCtx(p, t.tenant, member.token) });
      expect(status).toEqual({
        partnerOrg: { id: org, name: "Contoso", status: "active" },
        current: {
          tier: { id: ladder.silver.id, name: "Silver", rank: 20, color: "#c0c0c0", benefits: benefits({ dealProtectionDays: 120, leadPriorityWeight: 30 }) },
          since: start + DAY,
          progress: [
            { metric: "won_revenue_12m", min: 5_000_000, actual: 6_000_000, met: true },
            { metric: "active_certifications", min: 1, actual: 1, met: true },
          ],
        },
        // "$60k of $100k revenue, 1 of 2 certifications" (minor units).
        next: {
          tier: { id: ladder.gold.id, name: "Gold", rank: 30, color: "#d4af37", benefits: ladder.gold.benefits },
          progress: [
            { metric: "won_revenue_12m", min: 10_000_000, actual: 6_000_000, met: false },
            { metric: "active_certifications", min: 2, actual: 1, met: false },
          ],
        },
        history: [
          {
            id: expect.any(String),
            fromTier: { id: ladder.registered.id, name: "Registered" },
            toTier: { id: ladder.silver.id, name: "Silver" },
            direction: "promotion",
            at: start + DAY,
            summary: "Meets every criterion of Silver.",
          },
          { id: expect.any(String), fromTier: null, toTier: { id: ladder.registered.id, name: "Registered" }, direction: "initial", at: start, summary: "Meets every criterion of Registered." },
        ],
      });
      // Raw metrics and review proposals stay internal.
      expect(Object.keys(status).sort()).toEqual(["current", "history", "next", "partnerOrg"]);
    }
  });

  it("shows a partner without a tier the entry tier as next, and the top tier no next", async () => {
    const { t, ladder, at, start } = await portal();
    const fresh = await addPartner(p, t, "Fresh");
    const top = await addPartner(p, t, "Top");
    await setMetrics(at(start), top, { won_revenue_12m: 20_000_000, active_certifications: 5 });
    await evaluateTiers({ ctx: at(start), partnerOrgId: top });
    const freshStatus = await getMyTier({ ctx: await tenantCtx(p, t.tenant, (await addMember(p, t, { role: "partner_user", partnerOrgId: fresh })).token) });
    expect([freshStatus.current, freshStatus.next?.tier.id, freshStatus.next?.progress, freshStatus.history]).toEqual([null, ladder.registered.id, [], []]);
    const topStatus = await getMyTier({ ctx: await tenantCtx(p, t.tenant, (await addMember(p, t, { role: "partner_user", partnerOrgId: top })).token) });
    expect([topStatus.current?.tier.name, topStatus.next]).toEqual(["Gold", null]);
  });

  it("is for partner roles only", async () => {
    const { t, admin } = await portal();
    await expectError(getMyTier({ ctx: admin }), Forbidden);
    const manager = await addMember(p, t, { role: "channel_manager" });
    await expectError(getMyTier({ ctx: await tenantCtx(p, t.tenant, manager.token) }), Forbidden);
    await expectError(getMyTier({ ctx: await tenantCtx(p, t.tenant, null) }), Forbidden);
  });
});

describe("getPartnerTierStatus", () => {
  it("shows vendor staff any partner's standing with its metrics and pending proposal", async () => {
    const { t, ladder, admin, at, start } = await portal();
    const org = await addPartner(p, t, "Contoso");
    await setMetrics(at(start), org, { won_revenue_12m: 6_000_000, active_certifications: 1, won_deals_12m: 3 });
    await evaluateTiers({ ctx: at(start) });
    await updateProgramRules({ ctx: admin, kind: "tier_policy", rules: { mode: "review" } });
    await setMetrics(at(start + DAY), org, { active_certifications: 2, won_revenue_12m: 11_000_000 });
    await evaluateTiers({ ctx: at(start + DAY) });

    const manager = await addMember(p, t, { role: "channel_manager" });
    for (const ctx of [admin, await tenantCtx(p, t.tenant, manager.token)]) {
      const status = await getPartnerTierStatus({ ctx, partnerOrgId: org });
      expect(status.current?.tier.id).toBe(ladder.silver.id);
      expect(status.metrics).toEqual([
        { metric: "active_certifications", value: 2, updatedAt: start + DAY },
        { metric: "won_deals_12m", value: 3, updatedAt: start },
        { metric: "won_revenue_12m", value: 11_000_000, updatedAt: start + DAY },
      ]);
      expect(status.pendingChange).toMatchObject({ status: "proposed", direction: "promotion", toTier: { id: ladder.gold.id, name: "Gold" } });
      expect(status.next?.progress.every((c) => c.met)).toBe(true);
    }
  });

  it("404s an unknown partner and another portal's, and refuses partner roles", async () => {
    const { t, admin } = await portal();
    const org = await addPartner(p, t, "Contoso");
    await expectError(getPartnerTierStatus({ ctx: admin, partnerOrgId: crypto.randomUUID() }), NotFound);
    const other = await createProgramTenant(p);
    const otherOrg = await addPartner(p, other, "Elsewhere");
    await expectError(getPartnerTierStatus({ ctx: admin, partnerOrgId: otherOrg }), NotFound);
    for (const role of ["partner_admin", "partner_user"] as const) {
      const member = await addMember(p, t, { role, partnerOrgId: org });
      // Not even for their own organization: partners use getMyTier.
      await expectError(getPartnerTierStatus({ ctx: await tenantCtx(p, t.tenant, member.token), partnerOrgId: org }), Forbidden);
    }
  });
});

describe("setPartnerMetric", () => {
  it("sets and updates a custom metric, audited, and tier criteria can use it", async () => {
    const { t, admin, start } = await portal();
    const org = await addPartner(p, t, "Contoso");
    const [certified] = await addTiers(p, t, [
      tierInput({ name: "Certified Partner", rank: 40, criteria: [{ metric: "custom:certified_engineers", min: 3 }] }),
    ]);
    expect(await setPartnerMetric({ ctx: admin, input: { partnerOrgId: org, metric: "custom:certified_engineers", value: 2 } })).toEqual({
      partnerOrgId: org,
      metric: "custom:certified_engineers",
      value: 2,
      updatedAt: start,
    });
    const later: Ctx = { ...admin, now: start + 1000 };
    expect((await setPartnerMetric({ ctx: later, input: { partnerOrgId: org, metric: "custom:certified_engineers", value: 3.5 } })).value).toBe(3.5);
    expect(await count(admin, "SELECT count(*) AS n FROM partner_metrics WHERE partner_org_id = ?", [org])).toBe(1);
    const audit = await admin.db.$client.execute("SELECT target_id, data FROM audit_log WHERE action = 'partner_metric.set' ORDER BY rowid");
    expect(audit.rows.map((r) => [r.target_id, JSON.parse(String(r.data))])).toEqual([
      [org, { metric: "custom:certified_engineers", value: 2 }],
      [org, { metric: "custom:certified_engineers", value: 3.5 }],
    ]);
    await evaluateTiers({ ctx: later });
    expect((await getPartnerTierStatus({ ctx: admin, partnerOrgId: org })).current?.tier.id).toBe(certified!.id);
  });

  it("names the field at fault and refuses computed metrics", async () => {
    const { t, admin } = await portal();
    const org = await addPartner(p, t, "Contoso");
    const computed = await expectError(setPartnerMetric({ ctx: admin, input: { partnerOrgId: org, metric: "won_revenue_12m", value: 1 } }), ValidationFailed);
    expect(computed.fields).toEqual([
      { field: "metric", message: "Only custom:<key> metrics can be set; computed metrics are kept by the system.", code: "invalid_value" },
    ]);
    for (const metric of ["custom:Certified", "custom:", "nps", `custom:${"x".repeat(41)}`]) {
      const err = await expectError(setPartnerMetric({ ctx: admin, input: { partnerOrgId: org, metric, value: 1 } }), ValidationFailed);
      expect(err.fields!.map((f) => f.field)).toEqual(["metric"]);
    }
    const range = await expectError(setPartnerMetric({ ctx: admin, input: { partnerOrgId: org, metric: "custom:nps", value: 1e16 } }), ValidationFailed);
    expect(range.fields!.map((f) => f.field)).toEqual(["value"]);
    expect(await count(admin, "SELECT count(*) AS n FROM partner_metrics")).toBe(0);
  });

  it("404s an unknown or another portal's partner, writing nothing", async () => {
    const { admin } = await portal();
    const other = await createProgramTenant(p);
    const otherOrg = await addPartner(p, other, "Elsewhere");
    for (const partnerOrgId of [crypto.randomUUID(), otherOrg]) {
      await expectError(setPartnerMetric({ ctx: admin, input: { partnerOrgId, metric: "custom:nps", value: 1 } }), NotFound);
    }
    expect(await count(admin, "SELECT count(*) AS n FROM partner_metrics")).toBe(0);
    expect(await count(admin, "SELECT count(*) AS n FROM audit_log WHERE action = 'partner_metric.set'")).toBe(0);
    expect(await count(systemCtx(p, other.tenant), "SELECT count(*) AS n FROM partner_metrics")).toBe(0);
  });

  it.each(["channel_manager", "partner_admin", "partner_user"] as Role[])("lets a %s set metrics only if vendor staff", async (role) => {
    const { t } = await portal();
    const org = await addPartner(p, t, "Contoso");
    const member = await addMember(p, t, { role, partnerOrgId: role.startsWith("partner") ? org : null });
    const ctx = await tenantCtx(p, t.tenant, member.token);
    const attempt = setPartnerMetric({ ctx, input: { partnerOrgId: org, metric: "custom:nps", value: 40 } });
    if (role === "channel_manager") expect((await attempt).value).toBe(40);
    else await expectError(attempt, Forbidden);
  });
});

describe("upsertMetricStatement", () => {
  it("lets other modules write computed metrics inside their own batches", async () => {
    const { t, start } = await portal();
    const org = await addPartner(p, t, "Contoso");
    const ctx = systemCtx(p, t.tenant, start);
    await ctx.db.$client.batch([upsertMetricStatement(org, "won_revenue_12m", 4_000_000, start), upsertMetricStatement(org, "won_deals_12m", 2, start)], "write");
    await ctx.db.$client.batch([upsertMetricStatement(org, "won_revenue_12m", 4_500_000, start + 1)], "write");
    const rs = await ctx.db.$client.execute({ sql: "SELECT metric, value, updated_at FROM partner_metrics WHERE partner_org_id = ? ORDER BY metric", args: [org] });
    expect(rs.rows.map((r) => [r.metric, r.value, r.updated_at])).toEqual([
      ["won_deals_12m", 2, start],
      ["won_revenue_12m", 4_500_000, start + 1],
    ]);
  });
});

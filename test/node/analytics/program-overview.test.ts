// The vendor dashboard's program overview: counts by stage and tier, the work
// waiting, vendor staff only, each portal its own.
import { describe, expect, it } from "vitest";
import { getProgramOverview } from "../../../worker/analytics/get-program-overview.ts";
import { archiveTier } from "../../../worker/program/archive-tier.ts";
import { evaluateTiers } from "../../../worker/program/evaluate-tiers.ts";
import { submitApplication } from "../../../worker/recruitment/applications/submit-application.ts";
import { reviewApplication } from "../../../worker/recruitment/applications/review-application.ts";
import { Forbidden } from "../../../worker/platform/errors.ts";
import { addMember, createTestPlatform, tenantCtx } from "../../support/platform.ts";
import { addPartner, addStandardLadder, createProgramTenant, setMetrics } from "../../support/program.ts";

const p = await createTestPlatform();

const application = (company: string) => ({
  company,
  websiteDomain: `${company.toLowerCase().replace(/\W+/g, "")}.example`,
  country: "DE",
  partnerType: "reseller" as const,
  contactName: "Applicant",
  contactEmail: `${company.toLowerCase().replace(/\W+/g, "")}@example.com`,
});

describe("getProgramOverview", () => {
  it("counts partners by stage and by tier, and the applications and proposals waiting", async () => {
    const t = await createProgramTenant(p);
    const other = await createProgramTenant(p);
    const admin = await tenantCtx(p, t.tenant, t.admin.token);
    const ladder = await addStandardLadder(p, t);
    const north = await addPartner(p, t, "North");
    const south = await addPartner(p, t, "South");
    await addPartner(p, t, "East", "onboarding");
    await addPartner(p, t, "West", "suspended");
    await addPartner(p, other, "Elsewhere");
    await setMetrics(admin, north, { won_revenue_12m: 20_000_000, active_certifications: 3 });
    await setMetrics(admin, south, { won_revenue_12m: 6_000_000, active_certifications: 1 });
    await evaluateTiers({ ctx: admin });

    const anon = await tenantCtx(p, t.tenant, null);
    const first = await submitApplication({ ctx: anon, input: application("Fresh Co") });
    await submitApplication({ ctx: anon, input: application("Asked Co") }).then(({ id }) =>
      reviewApplication({ ctx: admin, id, input: { decision: "request_info", message: "Which regions?" } }),
    );
    await submitApplication({ ctx: anon, input: application("No Co") }).then(({ id }) =>
      reviewApplication({ ctx: admin, id, input: { decision: "decline", reason: "Not a fit." } }),
    );

    const overview = await getProgramOverview({ ctx: admin });
    expect(overview.partnersByStatus).toEqual({ applicant: 0, onboarding: 1, active: 2, suspended: 1, offboarded: 0 });
    expect(overview.applicationsWaiting).toBe(2);
    expect(overview.tierProposals).toBe(0);
    // Working partners only (the suspended one is not counted), highest tier first.
    expect(overview.tiers).toEqual([
      { id: ladder.gold.id, name: "Gold", color: "#d4af37", partners: 1 },
      { id: ladder.silver.id, name: "Silver", color: "#c0c0c0", partners: 1 },
      { id: ladder.registered.id, name: "Registered", color: "#64748b", partners: 1 },
    ]);
    expect(overview.untiered).toBe(0);

    // An archived tier's partners move (archiving requires a target) — and a decided application stops waiting.
    await archiveTier({ ctx: admin, id: ladder.silver.id, input: { moveToTierId: ladder.registered.id } });
    await reviewApplication({ ctx: admin, id: first.id, input: { decision: "decline", reason: "Duplicate." } });
    const after = await getProgramOverview({ ctx: admin });
    expect(after.tiers.map((tier) => [tier.name, tier.partners])).toEqual([
      ["Gold", 1],
      ["Registered", 2],
    ]);
    expect(after.applicationsWaiting).toBe(1);

    // The other portal sees only its own partner, on no tier.
    const elsewhere = await getProgramOverview({ ctx: await tenantCtx(p, other.tenant, other.admin.token) });
    expect(elsewhere.partnersByStatus.active).toBe(1);
    expect(elsewhere.tiers).toEqual([]);
    expect(elsewhere.untiered).toBe(1);
    expect(elsewhere.applicationsWaiting).toBe(0);
  });

  it("is for vendor staff: partner roles and anonymous callers are refused", async () => {
    const t = await createProgramTenant(p);
    const org = await addPartner(p, t, "North");
    const manager = await addMember(p, t, { role: "channel_manager" });
    expect((await getProgramOverview({ ctx: await tenantCtx(p, t.tenant, manager.token) })).partnersByStatus.active).toBe(1);
    for (const role of ["partner_admin", "partner_user"] as const) {
      const member = await addMember(p, t, { role, partnerOrgId: org });
      await expect(getProgramOverview({ ctx: await tenantCtx(p, t.tenant, member.token) })).rejects.toBeInstanceOf(Forbidden);
    }
    await expect(getProgramOverview({ ctx: await tenantCtx(p, t.tenant, null) })).rejects.toThrow();
  });
});

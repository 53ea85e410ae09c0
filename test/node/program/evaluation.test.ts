// Tier evaluation: which tier each active or onboarding partner qualifies for,
// what is recorded when that differs from its tier, and what the tier policy
// does with it (apply now, wait out a demotion grace period, or propose for
// review), moved through time with the injected clock. Also the nightly job
// that runs it, and that it never crosses tenants.
import { describe, expect, it } from "vitest";
import type { Role } from "../../../db/tenant/schema.ts";
import type { TenantOpsMessage } from "../../../worker/config.ts";
import type { Ctx } from "../../../worker/platform/context.ts";
import { BadRequest, Conflict, Forbidden, NotFound } from "../../../worker/platform/errors.ts";
import { cronJobs, runCron } from "../../../worker/platform/jobs/cron.ts";
import { consumeBatch } from "../../../worker/platform/jobs/queues.ts";
import { archiveTier } from "../../../worker/program/archive-tier.ts";
import { decideTierChange } from "../../../worker/program/decide-tier-change.ts";
import { DISMISSAL_COOLDOWN_DAYS, evaluateTiers, type TierEvaluation } from "../../../worker/program/evaluate-tiers.ts";
import { listTierChanges } from "../../../worker/program/list-tier-changes.ts";
import type { TierChangeReason } from "../../../worker/program/tier-change-schema.ts";
import { updateProgramRules } from "../../../worker/program/update-program-rules.ts";
import { updateTier } from "../../../worker/program/update-tier.ts";
import { addMember, createTestPlatform, systemCtx, tenantCtx, type TestTenant } from "../../support/platform.ts";
import {
  addPartner,
  addStandardLadder,
  addTiers,
  count,
  createProgramTenant,
  DAY,
  expectError,
  partnerTier,
  setMetrics,
  setStatus,
  tierInput,
} from "../../support/program.ts";

const p = await createTestPlatform();

const GOLD = { won_revenue_12m: 12_000_000, active_certifications: 2 };
const SILVER = { won_revenue_12m: 6_000_000, active_certifications: 1 };

function counts(over: { applied?: Partial<TierEvaluation["applied"]>; proposed?: Partial<TierEvaluation["proposed"]>; evaluated: number; dismissed?: number; notified?: number }): TierEvaluation {
  return {
    evaluated: over.evaluated,
    applied: { promotion: 0, demotion: 0, initial: 0, ...over.applied },
    proposed: { promotion: 0, demotion: 0, initial: 0, ...over.proposed },
    dismissed: over.dismissed ?? 0,
    notified: over.notified ?? 0,
  };
}

/** A portal with the standard ladder; `at(time)` acts as its admin at that time. */
async function programPortal(start = Date.now()) {
  const t = await createProgramTenant(p, { now: start });
  const ladder = await addStandardLadder(p, t, start);
  // The admin signed in at `start`; only the clock moves (sessions would go idle).
  const admin = await tenantCtx(p, t.tenant, t.admin.token, start);
  const at = async (now: number): Promise<Ctx> => ({ ...admin, now });
  return { t, ladder, at, start };
}

async function changesOf(ctx: Ctx, partnerOrgId?: string) {
  const rs = await ctx.db.$client.execute({
    sql: `SELECT id, partner_org_id, from_tier_id, to_tier_id, direction, status, reason, evaluated_at, decided_by, decided_at
          FROM tier_changes WHERE (? IS NULL OR partner_org_id = ?) ORDER BY evaluated_at, rowid`,
    args: [partnerOrgId ?? null, partnerOrgId ?? null],
  });
  return rs.rows.map((r) => ({
    id: String(r.id),
    partnerOrgId: String(r.partner_org_id),
    from: r.from_tier_id == null ? null : String(r.from_tier_id),
    to: r.to_tier_id == null ? null : String(r.to_tier_id),
    direction: String(r.direction),
    status: String(r.status),
    reason: JSON.parse(String(r.reason)) as TierChangeReason,
    evaluatedAt: Number(r.evaluated_at),
    decidedBy: r.decided_by == null ? null : String(r.decided_by),
    decidedAt: r.decided_at == null ? null : Number(r.decided_at),
  }));
}

async function tierMails(ctx: Ctx) {
  const rs = await ctx.db.$client.execute("SELECT id, payload FROM outbox WHERE json_extract(payload, '$.template') = 'tier-changed' ORDER BY created_at, rowid");
  return rs.rows.map((r) => ({ id: String(r.id), ...(JSON.parse(String(r.payload)) as { to: string; locale: string; tenantSlug: string; data: Record<string, string> }) }));
}

async function setPolicy(t: TestTenant, rules: { mode: "automatic" | "review"; demotionGraceDays?: number }) {
  await updateProgramRules({ ctx: await tenantCtx(p, t.tenant, t.admin.token), kind: "tier_policy", rules });
}

describe("evaluateTiers: initial tiers", () => {
  it("gives every active or onboarding partner the highest tier whose criteria all hold, missing metrics counting as 0", async () => {
    const { t, ladder, at, start } = await programPortal();
    const none = await addPartner(p, t, "No metrics");
    const silverish = await addPartner(p, t, "Silverish");
    const almostGold = await addPartner(p, t, "Almost Gold");
    const gold = await addPartner(p, t, "Gold Co", "onboarding");
    const suspended = await addPartner(p, t, "Suspended", "suspended");
    const applicant = await addPartner(p, t, "Applicant", "applicant");
    const ctx = await at(start + DAY);
    await setMetrics(ctx, silverish, SILVER);
    // Gold revenue but one certification short: Silver.
    await setMetrics(ctx, almostGold, { won_revenue_12m: 50_000_000, active_certifications: 1 });
    await setMetrics(ctx, gold, { ...GOLD, won_deals_12m: 40 });
    await setMetrics(ctx, suspended, GOLD);
    await setMetrics(ctx, applicant, GOLD);

    expect(await evaluateTiers({ ctx })).toEqual(counts({ evaluated: 4, applied: { initial: 4 } }));
    expect(await partnerTier(ctx, none)).toEqual({ tierId: ladder.registered.id, since: start + DAY });
    expect((await partnerTier(ctx, silverish)).tierId).toBe(ladder.silver.id);
    expect((await partnerTier(ctx, almostGold)).tierId).toBe(ladder.silver.id);
    expect((await partnerTier(ctx, gold)).tierId).toBe(ladder.gold.id);
    expect(await partnerTier(ctx, suspended)).toEqual({ tierId: null, since: null });
    expect(await partnerTier(ctx, applicant)).toEqual({ tierId: null, since: null });

    const [change] = await changesOf(ctx, almostGold);
    expect(change).toEqual({
      id: expect.any(String),
      partnerOrgId: almostGold,
      from: null,
      to: ladder.silver.id,
      direction: "initial",
      status: "applied",
      evaluatedAt: start + DAY,
      decidedBy: ctx.actor.kind === "user" ? ctx.actor.membership.id : null,
      decidedAt: start + DAY,
      reason: {
        kind: "evaluation",
        summary: "Meets every criterion of Silver.",
        target: {
          tierId: ladder.silver.id,
          name: "Silver",
          rank: 20,
          criteria: [
            { metric: "won_revenue_12m", min: 5_000_000, actual: 50_000_000, met: true },
            { metric: "active_certifications", min: 1, actual: 1, met: true },
          ],
        },
        nextTier: {
          tierId: ladder.gold.id,
          name: "Gold",
          rank: 30,
          criteria: [
            { metric: "won_revenue_12m", min: 10_000_000, actual: 50_000_000, met: true },
            { metric: "active_certifications", min: 2, actual: 1, met: false },
          ],
        },
        policy: { mode: "automatic", demotionGraceDays: 0 },
      },
    });
    const [entry] = await changesOf(ctx, none);
    expect(entry!.reason.target).toEqual({ tierId: ladder.registered.id, name: "Registered", rank: 10, criteria: [] });
    expect(entry!.reason.nextTier!.criteria).toEqual([
      { metric: "won_revenue_12m", min: 5_000_000, actual: 0, met: false },
      { metric: "active_certifications", min: 1, actual: 0, met: false },
    ]);
    expect((await changesOf(ctx, gold))[0]!.reason.nextTier).toBeNull();
    // Initial tiers are not announced; the run is audited once.
    expect(await tierMails(ctx)).toEqual([]);
    const audit = await ctx.db.$client.execute("SELECT actor_kind, data FROM audit_log WHERE action = 'tiers.evaluated'");
    expect(audit.rows.map((r) => [r.actor_kind, JSON.parse(String(r.data))])).toEqual([["user", { created: 4, applied: 4, dismissed: 0 }]]);
  });

  it("changes nothing when run again with nothing changed", async () => {
    const { t, at, start } = await programPortal();
    const a = await addPartner(p, t, "A");
    const b = await addPartner(p, t, "B");
    const ctx = await at(start);
    await setMetrics(ctx, b, GOLD);
    await evaluateTiers({ ctx });
    const before = { changes: await changesOf(ctx), a: await partnerTier(ctx, a), b: await partnerTier(ctx, b) };
    for (const later of [start + DAY, start + 2 * DAY]) {
      expect(await evaluateTiers({ ctx: await at(later) })).toEqual(counts({ evaluated: 2 }));
    }
    expect({ changes: await changesOf(ctx), a: await partnerTier(ctx, a), b: await partnerTier(ctx, b) }).toEqual(before);
    expect(await count(ctx, "SELECT count(*) AS n FROM audit_log WHERE action = 'tiers.evaluated'")).toBe(1);
  });

  it("does nothing without tiers, and leaves partners without a tier when none qualifies", async () => {
    const start = Date.now();
    const t = await createProgramTenant(p, { now: start });
    const a = await addPartner(p, t, "A");
    const ctx = await tenantCtx(p, t.tenant, t.admin.token, start);
    expect(await evaluateTiers({ ctx })).toEqual(counts({ evaluated: 1 }));
    // A ladder with no entry tier.
    await addTiers(p, t, [tierInput({ name: "Silver", rank: 20, criteria: [{ metric: "won_deals_12m", min: 5 }] })]);
    expect(await evaluateTiers({ ctx })).toEqual(counts({ evaluated: 1 }));
    expect(await partnerTier(ctx, a)).toEqual({ tierId: null, since: null });
    expect(await count(ctx, "SELECT count(*) AS n FROM tier_changes")).toBe(0);
  });

  it("evaluates one partner on demand, and 404s an unknown or another portal's partner", async () => {
    const { t, at, start } = await programPortal();
    const a = await addPartner(p, t, "A");
    const b = await addPartner(p, t, "B");
    const ctx = await at(start);
    expect(await evaluateTiers({ ctx, partnerOrgId: a })).toEqual(counts({ evaluated: 1, applied: { initial: 1 } }));
    expect((await partnerTier(ctx, b)).tierId).toBeNull();
    // A suspended partner is not evaluated, but exists.
    await setStatus(p, t, b, "suspended");
    expect(await evaluateTiers({ ctx, partnerOrgId: b })).toEqual(counts({ evaluated: 0 }));
    await expectError(evaluateTiers({ ctx, partnerOrgId: crypto.randomUUID() }), NotFound);
    const other = await createProgramTenant(p);
    const otherPartner = await addPartner(p, other, "Elsewhere");
    await expectError(evaluateTiers({ ctx, partnerOrgId: otherPartner }), NotFound);
    expect((await partnerTier(systemCtx(p, other.tenant), otherPartner)).tierId).toBeNull();
  });
});

describe("evaluateTiers: automatic policy", () => {
  it("promotes a partner that now qualifies higher and emails its partner admins", async () => {
    const { t, ladder, at, start } = await programPortal();
    const org = await addPartner(p, t, "Contoso");
    const admin = await addMember(p, t, { role: "partner_admin", partnerOrgId: org });
    await addMember(p, t, { role: "partner_user", partnerOrgId: org });
    const ctx = await at(start);
    await setMetrics(ctx, org, SILVER);
    await evaluateTiers({ ctx });
    const sentBefore = p.outbox.sent.length;

    const later = await at(start + 10 * DAY);
    await setMetrics(later, org, GOLD);
    expect(await evaluateTiers({ ctx: later })).toEqual(counts({ evaluated: 1, applied: { promotion: 1 }, notified: 1 }));
    expect(await partnerTier(later, org)).toEqual({ tierId: ladder.gold.id, since: start + 10 * DAY });
    const promotion = (await changesOf(later, org)).at(-1)!;
    expect(promotion).toMatchObject({ from: ladder.silver.id, to: ladder.gold.id, direction: "promotion", status: "applied", decidedAt: start + 10 * DAY });
    expect(promotion.reason.target!.criteria.every((c) => c.met)).toBe(true);
    expect(promotion.reason.nextTier).toBeNull();

    const mails = await tierMails(later);
    expect(mails).toEqual([
      {
        id: expect.any(String),
        template: "tier-changed",
        to: admin.email,
        locale: "en",
        tenantSlug: t.tenant.slug,
        data: { tenantName: t.tenant.name, partnerName: "Contoso", tierName: "Gold", link: `http://portal.test/t/${t.tenant.slug}/tier` },
      },
    ]);
    expect(p.outbox.sent.slice(sentBefore)).toEqual([{ tenantId: t.tenant.id, outboxId: mails[0]!.id }]);
  });

  it("demotes a partner that no longer qualifies, explaining which criteria failed", async () => {
    const { t, ladder, at, start } = await programPortal();
    const org = await addPartner(p, t, "Fabrikam");
    await addMember(p, t, { role: "partner_admin", partnerOrgId: org });
    const ctx = await at(start);
    await setMetrics(ctx, org, GOLD);
    await evaluateTiers({ ctx });

    const later = await at(start + 30 * DAY);
    await setMetrics(later, org, { won_revenue_12m: 7_000_000 });
    expect(await evaluateTiers({ ctx: later })).toEqual(counts({ evaluated: 1, applied: { demotion: 1 } }));
    expect((await partnerTier(later, org)).tierId).toBe(ladder.silver.id);
    const demotion = (await changesOf(later, org)).at(-1)!;
    expect(demotion.reason.summary).toBe("No longer meets every criterion of Gold; qualifies for Silver.");
    expect(demotion.reason.nextTier).toEqual({
      tierId: ladder.gold.id,
      name: "Gold",
      rank: 30,
      criteria: [
        { metric: "won_revenue_12m", min: 10_000_000, actual: 7_000_000, met: false },
        { metric: "active_certifications", min: 2, actual: 2, met: true },
      ],
    });
    // Demotions are not announced by mail.
    expect(await tierMails(later)).toEqual([]);
  });

  it("demotes to no tier when the ladder has no tier the partner meets", async () => {
    const start = Date.now();
    const t = await createProgramTenant(p, { now: start });
    const [silver] = await addTiers(p, t, [tierInput({ name: "Silver", rank: 20, criteria: [{ metric: "won_deals_12m", min: 5 }] })], start);
    const org = await addPartner(p, t, "A");
    const ctx = await tenantCtx(p, t.tenant, t.admin.token, start);
    await setMetrics(ctx, org, { won_deals_12m: 5 });
    await evaluateTiers({ ctx });
    expect((await partnerTier(ctx, org)).tierId).toBe(silver!.id);
    await setMetrics(ctx, org, { won_deals_12m: 4 });
    expect(await evaluateTiers({ ctx: await tenantCtx(p, t.tenant, t.admin.token, start + DAY) })).toEqual(counts({ evaluated: 1, applied: { demotion: 1 } }));
    expect(await partnerTier(ctx, org)).toEqual({ tierId: null, since: start + DAY });
    const last = (await changesOf(ctx, org)).at(-1)!;
    expect([last.to, last.reason.target, last.reason.summary]).toEqual([null, null, "No longer meets every criterion of Silver, and qualifies for no tier."]);
  });

  it("re-measures partners against changed criteria and ignores archived tiers", async () => {
    const { t, ladder, at, start } = await programPortal();
    const org = await addPartner(p, t, "A");
    const ctx = await at(start);
    await setMetrics(ctx, org, SILVER);
    await evaluateTiers({ ctx });
    // Gold gets easier: the partner now qualifies.
    await updateTier({ ctx, id: ladder.gold.id, input: { criteria: [{ metric: "won_revenue_12m", min: 6_000_000 }] } });
    expect((await evaluateTiers({ ctx: await at(start + DAY) })).applied.promotion).toBe(1);
    // Gold is retired, its holders moved to Silver; evaluation no longer offers Gold.
    await archiveTier({ ctx: await at(start + 2 * DAY), id: ladder.gold.id, input: { moveToTierId: ladder.silver.id } });
    expect(await evaluateTiers({ ctx: await at(start + 3 * DAY) })).toEqual(counts({ evaluated: 1 }));
    expect((await partnerTier(ctx, org)).tierId).toBe(ladder.silver.id);
  });
});

describe("evaluateTiers: demotion grace period", () => {
  it("holds a demotion as a proposal until the grace period is over, then applies it", async () => {
    const { t, ladder, at, start } = await programPortal();
    await setPolicy(t, { mode: "automatic", demotionGraceDays: 7 });
    const org = await addPartner(p, t, "A");
    const ctx = await at(start);
    await setMetrics(ctx, org, GOLD);
    // Promotions (and initial tiers) are never held.
    expect((await evaluateTiers({ ctx })).applied.initial).toBe(1);

    const slip = start + DAY;
    await setMetrics(ctx, org, SILVER);
    expect(await evaluateTiers({ ctx: await at(slip) })).toEqual(counts({ evaluated: 1, proposed: { demotion: 1 } }));
    const [, waiting] = await changesOf(ctx, org);
    expect(waiting).toMatchObject({ status: "proposed", direction: "demotion", from: ladder.gold.id, to: ladder.silver.id, decidedAt: null });
    expect(waiting!.reason.graceUntil).toBe(slip + 7 * DAY);
    expect((await partnerTier(ctx, org)).tierId).toBe(ladder.gold.id);

    // Still within grace: nothing new.
    expect(await evaluateTiers({ ctx: await at(slip + 6 * DAY) })).toEqual(counts({ evaluated: 1 }));
    // Slipping further keeps the original deadline.
    await setMetrics(ctx, org, { active_certifications: 0 });
    expect(await evaluateTiers({ ctx: await at(slip + 6.5 * DAY) })).toEqual(counts({ evaluated: 1, proposed: { demotion: 1 }, dismissed: 1 }));
    const deeper = (await changesOf(ctx, org)).at(-1)!;
    expect([deeper.to, deeper.reason.graceUntil]).toEqual([ladder.registered.id, slip + 7 * DAY]);

    const over = slip + 7 * DAY;
    expect(await evaluateTiers({ ctx: await at(over) })).toEqual(counts({ evaluated: 1, applied: { demotion: 1 } }));
    expect(await partnerTier(ctx, org)).toEqual({ tierId: ladder.registered.id, since: over });
    const all = await changesOf(ctx, org);
    expect(all.map((c) => [c.direction, c.status])).toEqual([
      ["initial", "applied"],
      ["demotion", "dismissed"],
      ["demotion", "applied"],
    ]);
    expect(all[1]!.reason.autoDismissed).toBe("stale");
    expect(all[2]).toMatchObject({ id: deeper.id, decidedAt: over });
  });

  it("withdraws the waiting demotion when the partner recovers in time", async () => {
    const { t, ladder, at, start } = await programPortal();
    await setPolicy(t, { mode: "automatic", demotionGraceDays: 14 });
    const org = await addPartner(p, t, "A");
    const ctx = await at(start);
    await setMetrics(ctx, org, GOLD);
    await evaluateTiers({ ctx });
    await setMetrics(ctx, org, SILVER);
    await evaluateTiers({ ctx: await at(start + DAY) });
    await setMetrics(ctx, org, GOLD);
    expect(await evaluateTiers({ ctx: await at(start + 3 * DAY) })).toEqual(counts({ evaluated: 1, dismissed: 1 }));
    expect((await partnerTier(ctx, org)).tierId).toBe(ladder.gold.id);
    expect((await changesOf(ctx, org)).map((c) => c.status)).toEqual(["applied", "dismissed"]);
    // Slipping again later starts a fresh grace period.
    await setMetrics(ctx, org, SILVER);
    await evaluateTiers({ ctx: await at(start + 20 * DAY) });
    expect((await changesOf(ctx, org)).at(-1)!.reason.graceUntil).toBe(start + 34 * DAY);
  });
});

describe("evaluateTiers: review policy", () => {
  it("proposes changes without applying them, and does not propose the same change twice", async () => {
    const { t, at, start } = await programPortal();
    await setPolicy(t, { mode: "review" });
    const a = await addPartner(p, t, "A");
    const b = await addPartner(p, t, "B");
    const ctx = await at(start);
    await setMetrics(ctx, b, GOLD);
    expect(await evaluateTiers({ ctx })).toEqual(counts({ evaluated: 2, proposed: { initial: 2 } }));
    expect(await partnerTier(ctx, a)).toEqual({ tierId: null, since: null });
    expect(await evaluateTiers({ ctx: await at(start + DAY) })).toEqual(counts({ evaluated: 2 }));
    const proposals = await changesOf(ctx);
    expect(proposals.map((c) => [c.status, c.decidedAt])).toEqual([
      ["proposed", null],
      ["proposed", null],
    ]);
    expect(proposals[0]!.reason.policy).toEqual({ mode: "review", demotionGraceDays: 0 });
  });

  it("applies a proposal a channel manager approves, announcing a promotion", async () => {
    const { t, ladder, at, start } = await programPortal();
    const org = await addPartner(p, t, "Contoso");
    const partnerAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: org });
    const manager = await addMember(p, t, { role: "channel_manager", name: "Cora Manager" });
    const ctx = await at(start);
    await evaluateTiers({ ctx });
    await setPolicy(t, { mode: "review" });
    await setMetrics(ctx, org, GOLD);
    expect((await evaluateTiers({ ctx: await at(start + DAY) })).proposed.promotion).toBe(1);
    const proposal = (await changesOf(ctx, org)).at(-1)!;
    expect(await tierMails(ctx)).toEqual([]);

    const managerCtx = await tenantCtx(p, t.tenant, manager.token, start + 2 * DAY);
    const decided = await decideTierChange({ ctx: managerCtx, id: proposal.id, decision: "apply" });
    expect(decided).toMatchObject({
      id: proposal.id,
      partnerOrg: { id: org, name: "Contoso" },
      fromTier: { id: ladder.registered.id, name: "Registered" },
      toTier: { id: ladder.gold.id, name: "Gold" },
      direction: "promotion",
      status: "applied",
      decidedBy: managerCtx.actor.kind === "user" ? managerCtx.actor.membership.id : "",
      decidedAt: start + 2 * DAY,
    });
    expect(await partnerTier(ctx, org)).toEqual({ tierId: ladder.gold.id, since: start + 2 * DAY });
    expect((await tierMails(ctx)).map((m) => [m.to, m.data.tierName])).toEqual([[partnerAdmin.email, "Gold"]]);
    expect(await count(ctx, "SELECT count(*) AS n FROM audit_log WHERE action = 'tier_change.applied' AND target_id = ?", [proposal.id])).toBe(1);
    // Nothing left to decide, and nothing new to propose.
    const again = await expectError(decideTierChange({ ctx: managerCtx, id: proposal.id, decision: "dismiss" }), Conflict);
    expect(again.code).toBe("already_decided");
    expect(await evaluateTiers({ ctx: await at(start + 3 * DAY) })).toEqual(counts({ evaluated: 1 }));
  });

  it("does not propose a dismissed change again until the cool-down is over", async () => {
    const { t, at, start } = await programPortal();
    await setPolicy(t, { mode: "review" });
    const org = await addPartner(p, t, "A");
    const ctx = await at(start);
    await evaluateTiers({ ctx });
    const [proposal] = await changesOf(ctx, org);
    const dismissed = await decideTierChange({ ctx: await at(start + DAY), id: proposal!.id, decision: "dismiss" });
    expect([dismissed.status, dismissed.decidedAt]).toEqual(["dismissed", start + DAY]);
    expect(await partnerTier(ctx, org)).toEqual({ tierId: null, since: null });
    expect(await count(ctx, "SELECT count(*) AS n FROM audit_log WHERE action = 'tier_change.dismissed'")).toBe(1);

    expect(await evaluateTiers({ ctx: await at(start + 2 * DAY) })).toEqual(counts({ evaluated: 1 }));
    expect(await evaluateTiers({ ctx: await at(start + DAY + DISMISSAL_COOLDOWN_DAYS * DAY + 1) })).toEqual(counts({ evaluated: 1, proposed: { initial: 1 } }));
  });

  it("replaces a proposal the partner's standing has moved past", async () => {
    const { t, ladder, at, start } = await programPortal();
    await setPolicy(t, { mode: "review" });
    const org = await addPartner(p, t, "A");
    const ctx = await at(start);
    await setMetrics(ctx, org, SILVER);
    await evaluateTiers({ ctx });
    await setMetrics(ctx, org, GOLD);
    expect(await evaluateTiers({ ctx: await at(start + DAY) })).toEqual(counts({ evaluated: 1, proposed: { initial: 1 }, dismissed: 1 }));
    const [old, fresh] = await changesOf(ctx, org);
    expect([old!.status, old!.to, old!.reason.autoDismissed]).toEqual(["dismissed", ladder.silver.id, "stale"]);
    expect([fresh!.status, fresh!.to]).toEqual(["proposed", ladder.gold.id]);
    // The system's withdrawal is not a person's dismissal: Silver may be proposed again at once.
    await setMetrics(ctx, org, SILVER);
    expect((await evaluateTiers({ ctx: await at(start + 2 * DAY) })).proposed.initial).toBe(1);
  });

  it("applies waiting proposals once the policy becomes automatic", async () => {
    const { t, ladder, at, start } = await programPortal();
    await setPolicy(t, { mode: "review" });
    const org = await addPartner(p, t, "A");
    const ctx = await at(start);
    await setMetrics(ctx, org, GOLD);
    await evaluateTiers({ ctx });
    const [proposal] = await changesOf(ctx, org);
    await setPolicy(t, { mode: "automatic" });
    expect(await evaluateTiers({ ctx: await at(start + DAY) })).toEqual(counts({ evaluated: 1, applied: { initial: 1 } }));
    expect(await changesOf(ctx, org)).toEqual([expect.objectContaining({ id: proposal!.id, status: "applied", decidedAt: start + DAY })]);
    expect((await partnerTier(ctx, org)).tierId).toBe(ladder.gold.id);
  });

  it("refuses decisions on unknown, decided or stale proposals, and to partner roles", async () => {
    const { t, ladder, at, start } = await programPortal();
    await setPolicy(t, { mode: "review" });
    const org = await addPartner(p, t, "A");
    const ctx = await at(start);
    await evaluateTiers({ ctx });
    const [proposal] = await changesOf(ctx, org);
    await expectError(decideTierChange({ ctx, id: crypto.randomUUID(), decision: "apply" }), NotFound);
    for (const role of ["partner_admin", "partner_user"] as const) {
      const member = await addMember(p, t, { role, partnerOrgId: org });
      await expectError(decideTierChange({ ctx: await tenantCtx(p, t.tenant, member.token), id: proposal!.id, decision: "apply" }), Forbidden);
    }
    // The partner was moved by other means since the proposal: applying it would be wrong.
    await ctx.db.$client.execute({ sql: "UPDATE partner_orgs SET tier_id = ? WHERE id = ?", args: [ladder.silver.id, org] });
    const stale = await expectError(decideTierChange({ ctx, id: proposal!.id, decision: "apply" }), Conflict);
    expect(stale.code).toBe("stale_tier_change");
    expect((await partnerTier(ctx, org)).tierId).toBe(ladder.silver.id);
    // Dismissing it is still possible.
    expect((await decideTierChange({ ctx, id: proposal!.id, decision: "dismiss" })).status).toBe("dismissed");
    const other = await createProgramTenant(p);
    await expectError(decideTierChange({ ctx: await tenantCtx(p, other.tenant, other.admin.token), id: proposal!.id, decision: "dismiss" }), NotFound);
  });
});

describe("listTierChanges", () => {
  it("lists changes newest first, filtered by status, direction and partner, in pages", async () => {
    const { t, ladder, at, start } = await programPortal();
    await setPolicy(t, { mode: "review" });
    const orgs = [];
    for (const name of ["A", "B", "C"]) orgs.push(await addPartner(p, t, name));
    const ctx = await at(start);
    await setMetrics(ctx, orgs[2]!, GOLD);
    await evaluateTiers({ ctx });
    const [first] = await changesOf(ctx, orgs[0]);
    await decideTierChange({ ctx, id: first!.id, decision: "apply" });

    const proposed = await listTierChanges({ ctx, query: { status: "proposed", limit: 25 } });
    expect(proposed.items.map((c) => c.partnerOrg.name).sort()).toEqual(["B", "C"]);
    expect(proposed.items.find((c) => c.partnerOrg.name === "C")).toMatchObject({ fromTier: null, toTier: { id: ladder.gold.id, name: "Gold" }, direction: "initial" });
    expect((await listTierChanges({ ctx, query: { status: "applied", limit: 25 } })).items.map((c) => c.id)).toEqual([first!.id]);
    expect((await listTierChanges({ ctx, query: { partnerOrgId: orgs[1]!, limit: 25 } })).items.map((c) => c.partnerOrg.name)).toEqual(["B"]);
    expect((await listTierChanges({ ctx, query: { direction: "promotion", limit: 25 } })).items).toEqual([]);

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listTierChanges({ ctx, query: { limit: 2, ...(cursor ? { cursor } : {}) } });
      pages.push(page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages.map((ids) => ids.length)).toEqual([2, 1]);
    expect(new Set(pages.flat()).size).toBe(3);
    const bad = await expectError(listTierChanges({ ctx, query: { limit: 2, cursor: "nope" } }), BadRequest);
    expect(bad.code).toBe("invalid_cursor");
  });
});

describe("who may evaluate", () => {
  const expected: Record<Role, "ok" | "forbidden"> = { vendor_admin: "ok", channel_manager: "ok", partner_admin: "forbidden", partner_user: "forbidden" };

  it.each(Object.keys(expected) as Role[])("lets a %s evaluate and read changes only if vendor staff", async (role) => {
    const { t, at, start } = await programPortal();
    const org = await addPartner(p, t, "A");
    const token = role === "vendor_admin" ? t.admin.token : (await addMember(p, t, { role, partnerOrgId: role.startsWith("partner") ? org : null })).token;
    const ctx = await tenantCtx(p, t.tenant, token, start);
    const run = (promise: Promise<unknown>) =>
      promise.then(
        () => "ok",
        (e) => (e instanceof Forbidden ? "forbidden" : Promise.reject(e)),
      );
    expect(await run(evaluateTiers({ ctx }))).toBe(expected[role]);
    expect(await run(listTierChanges({ ctx, query: { limit: 10 } }))).toBe(expected[role]);
    expect(await count(await at(start), "SELECT count(*) AS n FROM tier_changes")).toBe(expected[role] === "ok" ? 1 : 0);
  });
});

describe("the nightly evaluate-tiers job", () => {
  it("fans out one message per active portal and evaluates each as the system", async () => {
    expect(cronJobs["0 2 * * *"]).toEqual([{ name: "evaluate-tiers", job: "evaluate-tiers" }]);
    const { t, ladder, start } = await programPortal();
    const org = await addPartner(p, t, "A");
    const other = await createProgramTenant(p);
    const otherOrg = await addPartner(p, other, "Other");
    const sentBefore = p.tenantOps.sent.length;
    const results = await runCron("0 2 * * *", p.config, start);
    expect(results).toEqual([{ job: "evaluate-tiers", enqueued: expect.any(Number) }]);
    const sent = p.tenantOps.sent.slice(sentBefore);
    expect(sent).toEqual(expect.arrayContaining([{ job: "evaluate-tiers", tenantId: t.tenant.id }, { job: "evaluate-tiers", tenantId: other.tenant.id }]));

    const acked: string[] = [];
    const retried: string[] = [];
    const message = (id: string, body: TenantOpsMessage) => ({
      id,
      body,
      attempts: 1,
      timestamp: new Date(),
      ack: () => acked.push(id),
      retry: () => retried.push(id),
    });
    const batch = { queue: "tenant-ops", messages: [message("m1", { job: "evaluate-tiers", tenantId: t.tenant.id })] };
    // A redelivered message changes nothing twice.
    for (const _ of [1, 2]) await consumeBatch(batch as unknown as MessageBatch<unknown>, p.config, start + DAY);
    expect([acked, retried]).toEqual([["m1", "m1"], []]);
    const ctx = systemCtx(p, t.tenant);
    expect(await partnerTier(ctx, org)).toEqual({ tierId: ladder.registered.id, since: start + DAY });
    expect((await changesOf(ctx)).map((c) => [c.partnerOrgId, c.decidedBy])).toEqual([[org, "evaluate-tiers"]]);
    // The other portal was not touched by this portal's message.
    expect(await count(systemCtx(p, other.tenant), "SELECT count(*) AS n FROM tier_changes")).toBe(0);
    expect((await partnerTier(systemCtx(p, other.tenant), otherOrg)).tierId).toBeNull();
  });
});

describe("evaluation across tenants", () => {
  it("evaluates only the portal it runs in", async () => {
    const a = await programPortal();
    const b = await programPortal();
    const aOrg = await addPartner(p, a.t, "A");
    const bOrg = await addPartner(p, b.t, "B");
    await setMetrics(await a.at(a.start), aOrg, GOLD);
    expect(await evaluateTiers({ ctx: await a.at(a.start) })).toEqual(counts({ evaluated: 1, applied: { initial: 1 } }));
    expect((await partnerTier(systemCtx(p, b.t.tenant), bOrg)).tierId).toBeNull();
    expect(await count(systemCtx(p, b.t.tenant), "SELECT count(*) AS n FROM tier_changes")).toBe(0);
    expect((await listTierChanges({ ctx: await b.at(b.start), query: { limit: 25 } })).items).toEqual([]);
    expect(await evaluateTiers({ ctx: await b.at(b.start) })).toEqual(counts({ evaluated: 1, applied: { initial: 1 } }));
    expect((await partnerTier(systemCtx(p, b.t.tenant), bOrg)).tierId).toBe(b.ladder.registered.id);
    expect((await partnerTier(systemCtx(p, a.t.tenant), aOrg)).tierId).toBe(a.ladder.gold.id);
  });
});

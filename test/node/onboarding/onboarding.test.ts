// Onboarding: the vendor's checklist (create, edit, archive, reorder), a
// partner's progress judged from real data (agreement signed, profile
// complete, team invited) and by hand (custom steps), completion moving the
// organization to active, the stuck-partners report on the injected clock,
// and the walls between organizations and between portals.
import { describe, expect, it } from "vitest";
import { DAY_MS } from "../../../worker/agreements/agreement-schema.ts";
import { publishAgreement } from "../../../worker/agreements/publish-agreement.ts";
import { signAgreement } from "../../../worker/agreements/sign-agreement.ts";
import { archiveOnboardingStep } from "../../../worker/onboarding/archive-onboarding-step.ts";
import { completeOnboardingStep, uncompleteOnboardingStep } from "../../../worker/onboarding/complete-onboarding-step.ts";
import { createOnboardingStep } from "../../../worker/onboarding/create-onboarding-step.ts";
import { getOnboardingProgress } from "../../../worker/onboarding/get-onboarding-progress.ts";
import { listOnboardingSteps } from "../../../worker/onboarding/list-onboarding-steps.ts";
import { listStuckPartners } from "../../../worker/onboarding/list-stuck-partners.ts";
import { createOnboardingStepInput } from "../../../worker/onboarding/onboarding-schema.ts";
import { reorderOnboardingSteps } from "../../../worker/onboarding/reorder-onboarding-steps.ts";
import { onboardingRoutes } from "../../../worker/onboarding/routes.ts";
import { updateOnboardingStep } from "../../../worker/onboarding/update-onboarding-step.ts";
import { updatePartnerProfile } from "../../../worker/partners/update-partner-profile.ts";
import type { Ctx } from "../../../worker/platform/context.ts";
import { Conflict, Forbidden, NotFound, ValidationFailed } from "../../../worker/platform/errors.ts";
import { countTeam } from "../../../worker/platform/users/count-team.ts";
import { inviteUser } from "../../../worker/platform/users/invite-user.ts";
import type { z } from "@hono/zod-openapi";
import {
  addMember,
  addPartnerOrg,
  createTenant,
  createTestPlatform,
  systemCtx,
  tenantCtx,
  uniqueName,
  type TestPlatform,
  type TestTenant,
} from "../../support/platform.ts";
import { caught, testApi } from "../agreements/api-harness.ts";

// Signup is throttled per client address (20 an hour).
const p = await createTestPlatform();
const q = await createTestPlatform();
const api = testApi(q, onboardingRoutes);

type StepInput = z.infer<typeof createOnboardingStepInput>;

/** Acting as `token` at `now`; the session itself is checked at the real time. */
async function as(platform: TestPlatform, t: TestTenant, token: string | null, now = Date.now()): Promise<Ctx> {
  return { ...(await tenantCtx(platform, t.tenant, token)), now };
}

async function setStatus(platform: TestPlatform, t: TestTenant, orgId: string, status: string, since: number) {
  await systemCtx(platform, t.tenant).db.$client.execute({
    sql: "UPDATE partner_orgs SET status = ?, status_changed_at = ? WHERE id = ?",
    args: [status, since, orgId],
  });
}

/** A portal with two organizations in onboarding, each with a partner admin, and staff. */
async function portal(platform: TestPlatform, now = Date.now()) {
  const t = await createTenant(platform, { now });
  const north = await addPartnerOrg(platform, t, "North Partners");
  const south = await addPartnerOrg(platform, t, "South Partners");
  const northAdmin = await addMember(platform, t, { role: "partner_admin", partnerOrgId: north, name: "Nina North" });
  const northUser = await addMember(platform, t, { role: "partner_user", partnerOrgId: north, name: "Ned North" });
  const southAdmin = await addMember(platform, t, { role: "partner_admin", partnerOrgId: south, name: "Sam South" });
  const manager = await addMember(platform, t, { role: "channel_manager", name: "Cora Manager" });
  await setStatus(platform, t, north, "onboarding", now);
  await setStatus(platform, t, south, "onboarding", now);
  return { t, north, south, northAdmin, northUser, southAdmin, manager };
}

const CHECKLIST: StepInput[] = [
  { kind: "sign_agreement", title: "Accept the partner agreement" },
  { kind: "complete_profile", title: "Complete your company profile", description: "So we can route leads to you." },
  { kind: "invite_team", title: "Invite your team", config: { minMembers: 3 } },
  { kind: "custom", title: "Book the kickoff call", linkUrl: "https://cal.example.com/kickoff" },
];

async function addSteps(platform: TestPlatform, t: TestTenant, steps: StepInput[] = CHECKLIST) {
  const ctx = await as(platform, t, t.admin.token);
  const created = [];
  for (const input of steps) created.push(await createOnboardingStep({ ctx, input }));
  return created;
}

const FULL_PROFILE = {
  legalName: "North Partners GmbH",
  websiteDomain: "north-partners.example",
  country: "DE",
  partnerType: "reseller",
  size: "11-50",
  address: { line1: "Hauptstrasse 1", city: "Berlin", country: "DE" },
} as const;

async function auditCount(ctx: Ctx, action: string, targetId?: string) {
  const rs = await ctx.db.$client.execute({
    sql: "SELECT count(*) AS n FROM audit_log WHERE action = ? AND (? IS NULL OR target_id = ?)",
    args: [action, targetId ?? null, targetId ?? null],
  });
  return Number(rs.rows[0]!.n);
}

describe("the onboarding checklist", () => {
  it("lets vendor admins add steps of every kind, in order, each automatic kind once", async () => {
    const t = await createTenant(p);
    const steps = await addSteps(p, t);
    expect(steps.map((s) => [s.position, s.kind, s.config, s.linkUrl])).toEqual([
      [0, "sign_agreement", null, null],
      [1, "complete_profile", null, null],
      [2, "invite_team", { minMembers: 3 }, null],
      [3, "custom", null, "https://cal.example.com/kickoff"],
    ]);
    const ctx = await as(p, t, t.admin.token);
    expect((await listOnboardingSteps({ ctx })).items).toEqual(steps);
    for (const kind of ["sign_agreement", "complete_profile"] as const) {
      const dup = await caught(createOnboardingStep({ ctx, input: { kind, title: "Again" } }));
      expect([dup instanceof Conflict, dup.code, dup.fields?.map((f) => f.field)]).toEqual([true, "duplicate_step", ["kind"]]);
    }
    expect(await caught(createOnboardingStep({ ctx, input: { kind: "invite_team", title: "Again", config: { minMembers: 2 } } }))).toBeInstanceOf(Conflict);
    // Through the route's schema, as the API would pass it: a blank description is none.
    const second = await createOnboardingStep({ ctx, input: createOnboardingStepInput.parse({ kind: "custom", title: " Watch the training ", description: "  " }) });
    expect([second.position, second.title, second.description]).toEqual([4, "Watch the training", null]);
    expect(await auditCount(ctx, "onboarding.step_created")).toBe(5);
  });

  it("edits wording, link and team size, but only where the kind has them", async () => {
    const t = await createTenant(p);
    const [sign, , team, custom] = await addSteps(p, t);
    const ctx = await as(p, t, t.admin.token);
    expect(await updateOnboardingStep({ ctx, id: sign!.id, input: { title: "Sign it", description: "Takes a minute." } })).toMatchObject({
      title: "Sign it",
      description: "Takes a minute.",
      kind: "sign_agreement",
    });
    expect((await updateOnboardingStep({ ctx, id: team!.id, input: { config: { minMembers: 5 } } })).config).toEqual({ minMembers: 5 });
    expect((await updateOnboardingStep({ ctx, id: custom!.id, input: { linkUrl: null, description: null } })).linkUrl).toBeNull();
    const linkOnAuto = await caught(updateOnboardingStep({ ctx, id: sign!.id, input: { linkUrl: "https://x.example" } }));
    expect(linkOnAuto.fields?.map((f) => f.field)).toEqual(["linkUrl"]);
    const configOnCustom = await caught(updateOnboardingStep({ ctx, id: custom!.id, input: { config: { minMembers: 2 } } }));
    expect(configOnCustom.fields?.map((f) => f.field)).toEqual(["config"]);
    expect(await caught(updateOnboardingStep({ ctx, id: crypto.randomUUID(), input: { title: "x" } }))).toBeInstanceOf(NotFound);
    const listed = (await listOnboardingSteps({ ctx })).items;
    expect(listed.map((s) => [s.title, s.config, s.linkUrl])).toEqual([
      ["Sign it", null, null],
      ["Complete your company profile", null, null],
      ["Invite your team", { minMembers: 5 }, null],
      ["Book the kickoff call", null, null],
    ]);
    expect(await auditCount(ctx, "onboarding.step_updated")).toBe(3);
  });

  it("archives a step (once), after which its kind may be added again", async () => {
    const t = await createTenant(p);
    const [sign, profile] = await addSteps(p, t);
    const ctx = await as(p, t, t.admin.token);
    await archiveOnboardingStep({ ctx, id: sign!.id });
    expect(await caught(archiveOnboardingStep({ ctx, id: sign!.id }))).toBeInstanceOf(NotFound);
    expect(await caught(updateOnboardingStep({ ctx, id: sign!.id, input: { title: "x" } }))).toBeInstanceOf(NotFound);
    expect((await listOnboardingSteps({ ctx })).items.map((s) => s.id)).not.toContain(sign!.id);
    const again = await createOnboardingStep({ ctx, input: { kind: "sign_agreement", title: "Accept the new agreement" } });
    expect(again.position).toBe(4);
    expect((await listOnboardingSteps({ ctx })).items[0]!.id).toBe(profile!.id);
    expect(await auditCount(ctx, "onboarding.step_archived", sign!.id)).toBe(1);
  });

  it("reorders when given every current step exactly once", async () => {
    const t = await createTenant(p);
    const steps = await addSteps(p, t);
    const ctx = await as(p, t, t.admin.token);
    const ids = steps.map((s) => s.id);
    const reversed = [...ids].reverse();
    await reorderOnboardingSteps({ ctx, ids: reversed });
    expect((await listOnboardingSteps({ ctx })).items.map((s) => [s.id, s.position])).toEqual(reversed.map((id, i) => [id, i]));
    await archiveOnboardingStep({ ctx, id: ids[0]! });
    for (const bad of [reversed.slice(1, 3), [...reversed.slice(0, 3), reversed[0]!], [...reversed.slice(0, 3), crypto.randomUUID()], reversed]) {
      const err = await caught(reorderOnboardingSteps({ ctx, ids: bad }));
      expect([err instanceof ValidationFailed, err.fields?.map((f) => f.field)]).toEqual([true, ["ids"]]);
    }
    expect(await auditCount(ctx, "onboarding.steps_reordered")).toBe(1);
  });

  it("is shaped by vendor admins only, and read by vendor staff", async () => {
    const w = await portal(p);
    const [step] = await addSteps(p, w.t, CHECKLIST.slice(0, 1));
    for (const token of [w.manager.token, w.northAdmin.token, w.northUser.token, null]) {
      const ctx = await as(p, w.t, token);
      expect(await caught(createOnboardingStep({ ctx, input: { kind: "custom", title: "x" } }))).toBeInstanceOf(Forbidden);
      expect(await caught(updateOnboardingStep({ ctx, id: step!.id, input: { title: "x" } }))).toBeInstanceOf(Forbidden);
      expect(await caught(archiveOnboardingStep({ ctx, id: step!.id }))).toBeInstanceOf(Forbidden);
      expect(await caught(reorderOnboardingSteps({ ctx, ids: [step!.id] }))).toBeInstanceOf(Forbidden);
    }
    expect((await listOnboardingSteps({ ctx: await as(p, w.t, w.manager.token) })).items).toHaveLength(1);
    for (const token of [w.northAdmin.token, w.northUser.token, null]) {
      expect(await caught(listOnboardingSteps({ ctx: await as(p, w.t, token) }))).toBeInstanceOf(Forbidden);
    }
    expect((await listOnboardingSteps({ ctx: systemCtx(p, w.t.tenant) })).items[0]!.title).toBe("Accept the partner agreement");
  });
});

describe("onboarding progress", () => {
  it("completes automatic steps from real data, keeps when they were done, and activates the partner when all are", async () => {
    const t0 = Date.now();
    const w = await portal(p, t0);
    const [sign, profile, team, custom] = await addSteps(p, w.t);
    const northAdmin = (now: number) => as(p, w.t, w.northAdmin.token, now);
    const progress = async (now: number) => getOnboardingProgress({ ctx: await northAdmin(now) });

    const start = await progress(t0 + 1000);
    expect(start).toMatchObject({ partnerOrgId: w.north, partnerOrgStatus: "onboarding", completed: 0, total: 4, allDone: false });
    expect(start.steps.map((s) => [s.id, s.auto, s.done, s.doneAt])).toEqual([
      [sign!.id, true, false, null],
      [profile!.id, true, false, null],
      [team!.id, true, false, null],
      [custom!.id, false, false, null],
    ]);
    expect(start.steps[1]!.profileMissing).toEqual(["legalName", "websiteDomain", "country", "partnerType", "size", "address.line1", "address.city", "address.country"]);
    // The admin and the user are two of the three people asked for.
    expect(start.steps[2]!.team).toEqual({ members: 2, pendingInvitations: 0, minMembers: 3 });

    // Sign the agreement.
    const agreement = await publishAgreement({ ctx: await as(p, w.t, w.t.admin.token, t0 + 2000), input: { title: "Terms", body: "<p>Terms</p>", graceDays: 30 } });
    await signAgreement({ ctx: await northAdmin(t0 + 3000), input: { agreementId: agreement.id, signedName: "Nina North" } });
    const signed = await progress(t0 + 4000);
    expect(signed.steps[0]).toMatchObject({ done: true, doneAt: t0 + 4000 });
    // "Done at" is when it was first seen done, not the time of each look.
    expect((await progress(t0 + 9000)).steps[0]!.doneAt).toBe(t0 + 4000);

    // Invite a third person: a pending invitation counts.
    await inviteUser({ ctx: await northAdmin(t0 + 10_000), input: { email: `${uniqueName("rep")}@example.com`, name: "Rae Rep", role: "partner_user" } });
    const invited = await progress(t0 + 11_000);
    expect(invited.steps[2]).toMatchObject({ done: true, doneAt: t0 + 11_000, team: { members: 2, pendingInvitations: 1, minMembers: 3 } });

    // Fill in the profile through the partners module's own verb.
    await updatePartnerProfile({ ctx: await as(p, w.t, w.t.admin.token, t0 + 12_000), id: w.north, input: FULL_PROFILE });
    const profiled = await progress(t0 + 13_000);
    expect(profiled.steps[1]).toMatchObject({ done: true, doneAt: t0 + 13_000, profileMissing: [] });
    expect([profiled.completed, profiled.allDone, profiled.partnerOrgStatus]).toEqual([3, false, "onboarding"]);

    // The custom step is ticked by hand, by the partner admin (not a partner user).
    expect(await caught(completeOnboardingStep({ ctx: await as(p, w.t, w.northUser.token, t0 + 14_000), stepId: custom!.id }))).toBeInstanceOf(Forbidden);
    const done = await completeOnboardingStep({ ctx: await northAdmin(t0 + 15_000), stepId: custom!.id });
    expect(done).toMatchObject({ completed: 4, total: 4, allDone: true, partnerOrgStatus: "active" });
    expect(done.steps.map((s) => s.doneAt)).toEqual([t0 + 4000, t0 + 13_000, t0 + 11_000, t0 + 15_000]);

    const sys = systemCtx(p, w.t.tenant);
    const org = await sys.db.$client.execute({ sql: "SELECT status, status_changed_at FROM partner_orgs WHERE id = ?", args: [w.north] });
    expect([org.rows[0]!.status, org.rows[0]!.status_changed_at]).toEqual(["active", t0 + 15_000]);
    const statusAudit = await sys.db.$client.execute({
      sql: "SELECT actor_kind, actor_id, json_extract(data, '$.to') AS to_status FROM audit_log WHERE action = 'partner_org.status_changed' AND target_id = ?",
      args: [w.north],
    });
    expect(statusAudit.rows.map((r) => [r.actor_kind, r.actor_id, r.to_status])).toEqual([["system", "onboarding-completed", "active"]]);
    expect(await auditCount(sys, "onboarding.completed", w.north)).toBe(1);
    // Looking again records nothing new; a new agreement version does not un-tick onboarding.
    await publishAgreement({ ctx: await as(p, w.t, w.t.admin.token, t0 + 16_000), input: { title: "Terms 2", body: "<p>New</p>", graceDays: 0 } });
    const later = await progress(t0 + 17_000);
    expect([later.allDone, later.partnerOrgStatus, later.steps[0]!.doneAt]).toEqual([true, "active", t0 + 4000]);
    expect(await auditCount(sys, "onboarding.completed", w.north)).toBe(1);
    const completions = await sys.db.$client.execute({
      sql: "SELECT step_id, completed_by FROM onboarding_completions WHERE partner_org_id = ? ORDER BY completed_at",
      args: [w.north],
    });
    const adminId = (await northAdmin(0)).actor;
    expect(completions.rows.map((r) => [r.step_id, r.completed_by])).toEqual([
      [sign!.id, null],
      [team!.id, null],
      [profile!.id, null],
      [custom!.id, adminId.kind === "user" ? adminId.membership.id : "?"],
    ]);
    // South, which did nothing, is untouched.
    expect((await getOnboardingProgress({ ctx: await as(p, w.t, w.southAdmin.token, t0 + 18_000) })).completed).toBe(0);
  });

  it("lets vendor staff tick and untick custom steps for any organization, but never automatic ones", async () => {
    const now = Date.now();
    const w = await portal(p, now);
    const [sign, , , custom] = await addSteps(p, w.t);
    const manager = await as(p, w.t, w.manager.token, now);
    const ticked = await completeOnboardingStep({ ctx: manager, stepId: custom!.id, partnerOrgId: w.south });
    expect(ticked.steps.find((s) => s.id === custom!.id)).toMatchObject({ done: true, doneAt: now });
    // Idempotent: ticking again keeps the first time.
    const again = await completeOnboardingStep({ ctx: { ...manager, now: now + 5 }, stepId: custom!.id, partnerOrgId: w.south });
    expect(again.steps.find((s) => s.id === custom!.id)!.doneAt).toBe(now);
    expect(await auditCount(manager, "onboarding.step_completed", custom!.id)).toBe(1);

    const auto = await caught(completeOnboardingStep({ ctx: manager, stepId: sign!.id, partnerOrgId: w.south }));
    expect([auto instanceof Conflict, auto.code]).toEqual([true, "automatic_step"]);
    expect(await caught(uncompleteOnboardingStep({ ctx: manager, stepId: sign!.id, partnerOrgId: w.south }))).toBeInstanceOf(Conflict);
    expect(await caught(completeOnboardingStep({ ctx: manager, stepId: crypto.randomUUID(), partnerOrgId: w.south }))).toBeInstanceOf(NotFound);
    expect(await caught(completeOnboardingStep({ ctx: manager, stepId: custom!.id, partnerOrgId: crypto.randomUUID() }))).toBeInstanceOf(NotFound);
    const unnamed = await caught(completeOnboardingStep({ ctx: manager, stepId: custom!.id }));
    expect(unnamed.fields?.map((f) => f.field)).toEqual(["partnerOrgId"]);

    const unticked = await uncompleteOnboardingStep({ ctx: await as(p, w.t, w.t.admin.token, now + 10), stepId: custom!.id, partnerOrgId: w.south });
    expect(unticked.steps.find((s) => s.id === custom!.id)).toMatchObject({ done: false, doneAt: null });
    expect(await auditCount(manager, "onboarding.step_uncompleted", custom!.id)).toBe(1);
    // Unticking what is not ticked changes nothing and audits nothing.
    await uncompleteOnboardingStep({ ctx: manager, stepId: custom!.id, partnerOrgId: w.south });
    expect(await auditCount(manager, "onboarding.step_uncompleted", custom!.id)).toBe(1);
    // An archived step cannot be ticked.
    await archiveOnboardingStep({ ctx: await as(p, w.t, w.t.admin.token), id: custom!.id });
    expect(await caught(completeOnboardingStep({ ctx: manager, stepId: custom!.id, partnerOrgId: w.south }))).toBeInstanceOf(NotFound);
  });

  it("keeps a partner to their own organization: another one does not exist for them", async () => {
    const now = Date.now();
    const w = await portal(p, now);
    const [, , , custom] = await addSteps(p, w.t);
    const northAdmin = await as(p, w.t, w.northAdmin.token, now);
    expect((await getOnboardingProgress({ ctx: northAdmin, partnerOrgId: w.north })).partnerOrgId).toBe(w.north);
    expect(await caught(getOnboardingProgress({ ctx: northAdmin, partnerOrgId: w.south }))).toBeInstanceOf(NotFound);
    expect(await caught(completeOnboardingStep({ ctx: northAdmin, stepId: custom!.id, partnerOrgId: w.south }))).toBeInstanceOf(NotFound);
    expect(await caught(uncompleteOnboardingStep({ ctx: northAdmin, stepId: custom!.id, partnerOrgId: w.south }))).toBeInstanceOf(NotFound);
    expect(await caught(countTeam({ ctx: northAdmin, partnerOrgId: w.south }))).toBeInstanceOf(NotFound);
    const rows = await northAdmin.db.$client.execute({ sql: "SELECT count(*) AS n FROM onboarding_completions WHERE partner_org_id = ?", args: [w.south] });
    expect(Number(rows.rows[0]!.n)).toBe(0);
    // A partner user sees their own organization's progress; vendor staff must name an organization.
    expect((await getOnboardingProgress({ ctx: await as(p, w.t, w.northUser.token) })).partnerOrgId).toBe(w.north);
    const unnamed = await caught(getOnboardingProgress({ ctx: await as(p, w.t, w.manager.token) }));
    expect(unnamed.fields?.map((f) => f.field)).toEqual(["partnerOrgId"]);
    expect((await getOnboardingProgress({ ctx: await as(p, w.t, w.manager.token), partnerOrgId: w.south })).partnerOrgId).toBe(w.south);
    expect(await caught(getOnboardingProgress({ ctx: await as(p, w.t, w.manager.token), partnerOrgId: crypto.randomUUID() }))).toBeInstanceOf(NotFound);
    expect(await caught(getOnboardingProgress({ ctx: await as(p, w.t, null), partnerOrgId: w.north }))).toBeInstanceOf(Forbidden);
  });

  it("never completes onboarding on an empty checklist", async () => {
    const w = await portal(p);
    const progress = await getOnboardingProgress({ ctx: await as(p, w.t, w.northAdmin.token) });
    expect([progress.total, progress.allDone, progress.partnerOrgStatus]).toEqual([0, false, "onboarding"]);
  });
});

describe("onboarding completion under concurrency", () => {
  it("audits and activates once when several readers see the last step done at the same moment", async () => {
    const now = Date.now();
    const w = await portal(p, now);
    await addSteps(p, w.t, [{ kind: "complete_profile", title: "Profile" }]);
    // Filled in behind onboarding's back, straight in the table, so no reader has recorded it yet.
    await systemCtx(p, w.t.tenant).db.$client.execute({
      sql: `UPDATE partner_orgs SET legal_name = 'North GmbH', website_domain = 'north.example', country = 'DE', partner_type = 'msp',
              size = '1-10', address = '{"line1":"A 1","city":"Berlin","country":"DE"}' WHERE id = ?`,
      args: [w.north],
    });
    const results = await Promise.all(
      [w.northAdmin.token, w.northUser.token, w.manager.token, w.t.admin.token].map(async (token) =>
        getOnboardingProgress({ ctx: await as(p, w.t, token, now + 1000), partnerOrgId: w.north }),
      ),
    );
    expect(results.map((r) => r.allDone)).toEqual([true, true, true, true]);
    // Exactly one reader recorded the completion and moved the organization; the others report what they read.
    expect(results.filter((r) => r.partnerOrgStatus === "active").length).toBeGreaterThanOrEqual(1);
    const sys = systemCtx(p, w.t.tenant);
    const org = await sys.db.$client.execute({ sql: "SELECT status FROM partner_orgs WHERE id = ?", args: [w.north] });
    expect(org.rows[0]!.status).toBe("active");
    expect(await auditCount(sys, "onboarding.completed", w.north)).toBe(1);
    expect(await auditCount(sys, "partner_org.status_changed", w.north)).toBe(1);
    const completions = await sys.db.$client.execute({ sql: "SELECT count(*) AS n FROM onboarding_completions WHERE partner_org_id = ?", args: [w.north] });
    expect(Number(completions.rows[0]!.n)).toBe(1);
  });
});

describe("onboarding completion recovery", () => {
  it("retries moving the organization when an earlier completion was recorded but it is still onboarding", async () => {
    const now = Date.now();
    const w = await portal(p, now - DAY_MS);
    const [custom] = await addSteps(p, w.t, [{ kind: "custom", title: "Kickoff" }]);
    const sys = systemCtx(p, w.t.tenant);
    // As if an earlier request recorded the completion and then failed before the status change.
    await sys.db.$client.batch(
      [
        { sql: "INSERT INTO onboarding_completions (partner_org_id, step_id, completed_at, completed_by) VALUES (?, ?, ?, 'x')", args: [w.north, custom!.id, now - 1000] },
        {
          sql: "INSERT INTO audit_log (id, at, actor_kind, actor_id, action, target_type, target_id) VALUES (?, ?, 'user', 'x', 'onboarding.completed', 'partner_org', ?)",
          args: [crypto.randomUUID(), now - 1000, w.north],
        },
      ],
      "write",
    );
    const progress = await getOnboardingProgress({ ctx: await as(p, w.t, w.northUser.token, now) });
    expect([progress.allDone, progress.partnerOrgStatus]).toEqual([true, "active"]);
    expect(await auditCount(sys, "onboarding.completed", w.north)).toBe(1);
    expect(await auditCount(sys, "partner_org.status_changed", w.north)).toBe(1);
  });
});

describe("countTeam", () => {
  it("counts active members and invitations still open, within the caller's reach", async () => {
    const now = Date.now();
    const w = await portal(p, now);
    const admin = await as(p, w.t, w.t.admin.token, now);
    const invite = async (at: number) =>
      inviteUser({ ctx: await as(p, w.t, w.northAdmin.token, at), input: { email: `${uniqueName("inv")}@example.com`, name: "I", role: "partner_user" } });
    await invite(now);
    const revoked = await invite(now);
    await admin.db.$client.execute({ sql: "UPDATE invitations SET revoked_at = ? WHERE id = ?", args: [now, revoked.id] });
    await invite(now - 8 * DAY_MS); // expired by now
    await admin.db.$client.execute({ sql: "UPDATE memberships SET status = 'disabled' WHERE name = 'Ned North'", args: [] });
    expect(await countTeam({ ctx: admin, partnerOrgId: w.north })).toEqual({ members: 1, pendingInvitations: 1 });
    expect(await countTeam({ ctx: admin, partnerOrgId: w.south })).toEqual({ members: 1, pendingInvitations: 0 });
    expect(await countTeam({ ctx: await as(p, w.t, w.northAdmin.token, now), partnerOrgId: w.north })).toEqual({ members: 1, pendingInvitations: 1 });
    expect(await caught(countTeam({ ctx: await as(p, w.t, null), partnerOrgId: w.north }))).toBeInstanceOf(Forbidden);
  });
});

describe("the onboarding role matrix", () => {
  it("matches the policy table for every verb and role", async () => {
    const w = await portal(q);
    const [, , , custom] = await addSteps(q, w.t);
    const tokens = { vendor_admin: w.t.admin.token, channel_manager: w.manager.token, partner_admin: w.northAdmin.token, partner_user: w.northUser.token };
    const outcome = async (promise: Promise<unknown>) =>
      promise.then(
        () => "ok",
        (e: unknown) => (e instanceof Forbidden ? "forbidden" : `error: ${String(e)}`),
      );
    const actual: Record<string, Record<string, string>> = {};
    for (const [role, token] of Object.entries(tokens) as [keyof typeof tokens, string][]) {
      const ctx = await as(q, w.t, token);
      const orgId = role.startsWith("partner") ? null : w.north;
      actual[role] = {
        manage: await outcome(createOnboardingStep({ ctx, input: { kind: "custom", title: `By ${role}` } })),
        steps: await outcome(listOnboardingSteps({ ctx })),
        progress: await outcome(getOnboardingProgress({ ctx, partnerOrgId: orgId })),
        complete: await outcome(completeOnboardingStep({ ctx, stepId: custom!.id, partnerOrgId: orgId })),
        stuck: await outcome(listStuckPartners({ ctx, olderThanDays: 0 })),
      };
    }
    expect(actual).toEqual({
      vendor_admin: { manage: "ok", steps: "ok", progress: "ok", complete: "ok", stuck: "ok" },
      channel_manager: { manage: "forbidden", steps: "ok", progress: "ok", complete: "ok", stuck: "ok" },
      partner_admin: { manage: "forbidden", steps: "forbidden", progress: "ok", complete: "ok", stuck: "forbidden" },
      partner_user: { manage: "forbidden", steps: "forbidden", progress: "ok", complete: "forbidden", stuck: "forbidden" },
    });
  });
});

describe("listStuckPartners", () => {
  it("lists organizations in onboarding for at least N days, longest first, with their progress", async () => {
    const now = Date.now();
    const w = await portal(p, now);
    const [, , , custom] = await addSteps(p, w.t);
    const east = await addPartnerOrg(p, w.t, "East Partners");
    const active = await addPartnerOrg(p, w.t, "Active Partners");
    await setStatus(p, w.t, w.north, "onboarding", now - 20 * DAY_MS);
    await setStatus(p, w.t, w.south, "onboarding", now - 45 * DAY_MS);
    await setStatus(p, w.t, east, "onboarding", now - 2 * DAY_MS);
    await setStatus(p, w.t, active, "active", now - 90 * DAY_MS);
    await completeOnboardingStep({ ctx: await as(p, w.t, w.northAdmin.token, now), stepId: custom!.id });

    const manager = await as(p, w.t, w.manager.token, now);
    expect((await listStuckPartners({ ctx: manager, olderThanDays: 14 })).items).toEqual([
      { partnerOrgId: w.south, name: "South Partners", onboardingSince: now - 45 * DAY_MS, daysInOnboarding: 45, completed: 0, total: 4 },
      { partnerOrgId: w.north, name: "North Partners", onboardingSince: now - 20 * DAY_MS, daysInOnboarding: 20, completed: 1, total: 4 },
    ]);
    expect((await listStuckPartners({ ctx: manager, olderThanDays: 0 })).items.map((i) => i.name)).toEqual(["South Partners", "North Partners", "East Partners"]);
    // A week later East has been waiting long enough too.
    expect((await listStuckPartners({ ctx: { ...manager, now: now + 12 * DAY_MS }, olderThanDays: 14 })).items.map((i) => [i.name, i.daysInOnboarding])).toEqual([
      ["South Partners", 57],
      ["North Partners", 32],
      ["East Partners", 14],
    ]);
    for (const token of [w.northAdmin.token, w.northUser.token, null]) {
      expect(await caught(listStuckPartners({ ctx: await as(p, w.t, token), olderThanDays: 0 }))).toBeInstanceOf(Forbidden);
    }
  });
});

describe("onboarding across portals", () => {
  it("keeps checklists and progress inside their portal", async () => {
    const a = await portal(q);
    const b = await portal(q);
    const [, , , customA] = await addSteps(q, a.t);
    expect((await listOnboardingSteps({ ctx: await as(q, b.t, b.t.admin.token) })).items).toEqual([]);
    expect((await getOnboardingProgress({ ctx: await as(q, b.t, b.northAdmin.token) })).total).toBe(0);
    // A's step and A's organization do not exist in B.
    expect(await caught(completeOnboardingStep({ ctx: await as(q, b.t, b.northAdmin.token), stepId: customA!.id }))).toBeInstanceOf(NotFound);
    expect(await caught(getOnboardingProgress({ ctx: await as(q, b.t, b.t.admin.token), partnerOrgId: a.north }))).toBeInstanceOf(NotFound);
    expect(await caught(archiveOnboardingStep({ ctx: await as(q, b.t, b.t.admin.token), id: customA!.id }))).toBeInstanceOf(NotFound);
    expect((await tenantCtx(q, b.t.tenant, a.t.admin.token)).actor.kind).toBe("anonymous");
    expect((await listStuckPartners({ ctx: await as(q, b.t, b.t.admin.token), olderThanDays: 0 })).items.map((i) => i.partnerOrgId).sort()).toEqual(
      [b.north, b.south].sort(),
    );
  });
});

describe("onboarding routes", () => {
  it("let vendor admins shape the checklist over HTTP, with 4xx for bad input and wrong roles", async () => {
    const w = await portal(q);
    const steps = `/api/t/${w.t.tenant.slug}/onboarding/steps`;
    const created = await api(steps, { token: w.t.admin.token, body: { kind: "invite_team", title: "Invite your team", config: { minMembers: 2 } } });
    expect([created.status, created.json?.position]).toEqual([201, 0]);
    const custom = await api(steps, { token: w.t.admin.token, body: { kind: "custom", title: "Kickoff", linkUrl: "https://cal.example.com" } });
    expect(custom.status).toBe(201);

    const bad = await api(steps, { token: w.t.admin.token, body: { kind: "invite_team", title: "", config: { minMembers: 51 } } });
    expect([bad.status, bad.json?.errors?.map((e) => e.field).sort()]).toEqual([422, ["config.minMembers", "title"]]);
    const unknownKind = await api(steps, { token: w.t.admin.token, body: { kind: "do_a_dance", title: "x" } });
    expect([unknownKind.status, unknownKind.json?.errors?.map((e) => e.field)]).toEqual([422, ["kind"]]);
    const insecureLink = await api(steps, { token: w.t.admin.token, body: { kind: "custom", title: "x", linkUrl: "http://plain.example" } });
    expect(insecureLink.json?.errors?.map((e) => e.field)).toEqual(["linkUrl"]);
    const dup = await api(steps, { token: w.t.admin.token, body: { kind: "invite_team", title: "Again", config: { minMembers: 1 } } });
    expect([dup.status, dup.json?.code]).toEqual([409, "duplicate_step"]);
    expect((await api(steps, { token: w.manager.token, body: { kind: "custom", title: "x" } })).status).toBe(403);
    expect((await api(steps, { body: { kind: "custom", title: "x" } })).status).toBe(401);

    const teamId = created.json!.id as string;
    const customId = custom.json!.id as string;
    const patched = await api(`${steps}/${teamId}`, { method: "PATCH", token: w.t.admin.token, body: { title: "Bring your team" } });
    expect([patched.status, patched.json?.title]).toEqual([200, "Bring your team"]);
    expect((await api(`${steps}/${teamId}`, { method: "PATCH", token: w.t.admin.token, body: { kind: "custom" } })).status).toBe(422);
    expect((await api(`${steps}/order`, { method: "PUT", token: w.t.admin.token, body: { ids: [customId, teamId] } })).status).toBe(204);
    expect(((await api(steps, { token: w.manager.token })).json as { items: { id: string }[] }).items.map((s) => s.id)).toEqual([customId, teamId]);
    expect((await api(`${steps}/order`, { method: "PUT", token: w.t.admin.token, body: { ids: [customId] } })).status).toBe(422);
    expect((await api(steps, { token: w.northAdmin.token })).status).toBe(403);
    expect((await api(`${steps}/${customId}`, { method: "DELETE", token: w.t.admin.token })).status).toBe(204);
    expect((await api(`${steps}/${customId}`, { method: "DELETE", token: w.t.admin.token })).status).toBe(404);
  });

  it("let partners follow and tick their own progress, and vendor staff anyone's", async () => {
    const now = Date.now();
    const w = await portal(q, now);
    const [, , , custom] = await addSteps(q, w.t);
    const base = `/api/t/${w.t.tenant.slug}/onboarding`;

    const mine = await api(`${base}/progress`, { token: w.northUser.token });
    expect([mine.status, mine.json?.partnerOrgId, mine.json?.total]).toEqual([200, w.north, 4]);
    expect((await api(`${base}/progress?partnerOrgId=${w.south}`, { token: w.northAdmin.token })).status).toBe(404);
    expect((await api(`${base}/progress`, { token: w.manager.token })).status).toBe(422);
    expect((await api(`${base}/progress?partnerOrgId=${w.south}`, { token: w.manager.token })).json?.partnerOrgId).toBe(w.south);
    expect((await api(`${base}/progress`)).status).toBe(401);

    const tick = `${base}/steps/${custom!.id}/complete`;
    expect((await api(tick, { token: w.northUser.token, body: {} })).status).toBe(403);
    expect((await api(tick, { token: w.northAdmin.token, body: { partnerOrgId: w.south } })).status).toBe(404);
    const ticked = await api(tick, { token: w.northAdmin.token, now: now + 1, body: {} });
    expect(ticked.status).toBe(200);
    expect((ticked.json as { steps: { id: string; done: boolean; doneAt: number | null }[] }).steps.find((s) => s.id === custom!.id)).toMatchObject({
      done: true,
      doneAt: now + 1,
    });
    const byManager = await api(tick, { token: w.manager.token, body: { partnerOrgId: w.south } });
    expect([byManager.status, byManager.json?.completed]).toEqual([200, 1]);
    const untick = await api(`${base}/steps/${custom!.id}/uncomplete`, { token: w.northAdmin.token, body: {} });
    expect([untick.status, untick.json?.completed]).toEqual([200, 0]);

    const stuck = await api(`${base}/stuck?olderThanDays=0`, { token: w.manager.token, now: now + DAY_MS });
    expect((stuck.json as { items: { partnerOrgId: string; completed: number }[] }).items.map((i) => [i.partnerOrgId, i.completed]).sort()).toEqual(
      [
        [w.north, 0],
        [w.south, 1],
      ].sort(),
    );
    expect((await api(`${base}/stuck?olderThanDays=-1`, { token: w.manager.token })).status).toBe(422);
    expect((await api(`${base}/stuck`, { token: w.northAdmin.token })).status).toBe(403);
  });
});

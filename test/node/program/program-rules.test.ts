// Program rules: one document per kind, with defaults until a vendor admin
// publishes a version; every edit is a new version (history: who, when,
// what); concurrent edits from the same version conflict; invalid documents
// are refused naming the nested field.
import { describe, expect, it } from "vitest";
import type { Role } from "../../../db/tenant/schema.ts";
import type { Ctx } from "../../../worker/platform/context.ts";
import { Conflict, Forbidden, ValidationFailed } from "../../../worker/platform/errors.ts";
import { getProgramRules } from "../../../worker/program/get-program-rules.ts";
import { listProgramRuleVersions } from "../../../worker/program/list-program-rule-versions.ts";
import { currentRulesStatement, defaultRules, programRuleKinds, rulesFromResult, type ProgramRuleKind } from "../../../worker/program/program-rules-schema.ts";
import { updateProgramRules } from "../../../worker/program/update-program-rules.ts";
import { addMember, createTestPlatform, systemCtx, tenantCtx } from "../../support/platform.ts";
import { addPartner, count, createProgramTenant, DAY, expectError } from "../../support/program.ts";

const p = await createTestPlatform();

async function portal(start = Date.now()) {
  const t = await createProgramTenant(p, { now: start });
  const admin = await tenantCtx(p, t.tenant, t.admin.token, start);
  return { t, admin, start, at: (now: number): Ctx => ({ ...admin, now }) };
}

const selectField = (over: Record<string, unknown> = {}) => ({ key: "industry", label: "Industry", type: "select", options: ["Retail", "Health"], required: true, ...over });

describe("getProgramRules", () => {
  it("runs every kind on its defaults until a version is published", async () => {
    const { admin } = await portal();
    const expected: Record<ProgramRuleKind, unknown> = {
      deal_registration: {
        customFields: [],
        conflictPolicy: "vendor_decides",
        autoApprove: { enabled: false, requireNoConflict: true },
        defaultProtectionDays: 90,
        extensions: { maxExtensions: 1, daysEach: 30 },
        reviewSlaHours: 48,
        autoApproveOnSlaBreach: false,
      },
      leads: { assignment: { strategy: "manual" }, acceptSlaHours: 48, firstContactSlaHours: 72, maxOpenLeadsPerPartner: 50 },
      mdf: { fundPeriod: "quarter", requestLeadTimeDays: 30, claimDeadlineDays: 60, requiredProofTypes: ["invoice"] },
      tier_policy: { mode: "automatic", demotionGraceDays: 0 },
    };
    for (const kind of programRuleKinds) {
      expect(defaultRules(kind)).toEqual(expected[kind]);
      expect(await getProgramRules({ ctx: admin, kind })).toEqual({ kind, version: 0, rules: expected[kind], createdBy: null, createdAt: null });
      expect((await listProgramRuleVersions({ ctx: admin, kind })).items).toEqual([]);
    }
  });
});

describe("updateProgramRules", () => {
  it("publishes versions 1, 2, ... with defaults filled in; the newest is in force and history says who and when", async () => {
    const { t, admin, start, at } = await portal();
    const v1 = await updateProgramRules({
      ctx: admin,
      kind: "deal_registration",
      rules: { customFields: [selectField(), { key: "seats", label: "Seats", type: "number" }], defaultProtectionDays: 60, autoApprove: { enabled: true, maxValueMinor: 5_000_000 } },
    });
    expect(v1).toEqual({
      kind: "deal_registration",
      version: 1,
      rules: {
        ...defaultRules("deal_registration"),
        customFields: [selectField(), { key: "seats", label: "Seats", type: "number", required: false }],
        defaultProtectionDays: 60,
        autoApprove: { enabled: true, maxValueMinor: 5_000_000, requireNoConflict: true },
      },
      createdBy: { id: admin.actor.kind === "user" ? admin.actor.membership.id : "", name: "Vera Admin" },
      createdAt: start,
    });
    const manager = await addMember(p, t, { role: "channel_manager" });
    const v2 = await updateProgramRules({ ctx: at(start + DAY), kind: "deal_registration", rules: { conflictPolicy: "first_approved_wins" }, baseVersion: 1 });
    expect([v2.version, v2.rules.conflictPolicy, v2.rules.defaultProtectionDays, v2.rules.customFields]).toEqual([2, "first_approved_wins", 90, []]);

    const managerCtx = await tenantCtx(p, t.tenant, manager.token);
    expect(await getProgramRules({ ctx: managerCtx, kind: "deal_registration" })).toEqual(v2);
    const history = await listProgramRuleVersions({ ctx: managerCtx, kind: "deal_registration" });
    expect(history.items.map((v) => [v.version, v.createdBy.name, v.createdAt])).toEqual([
      [2, "Vera Admin", start + DAY],
      [1, "Vera Admin", start],
    ]);
    expect(history.items[1]).toEqual(v1);
    // Other kinds are untouched.
    expect((await getProgramRules({ ctx: admin, kind: "leads" })).version).toBe(0);
    const audit = await admin.db.$client.execute("SELECT data FROM audit_log WHERE action = 'program_rules.updated' ORDER BY rowid");
    expect(audit.rows.map((r) => JSON.parse(String(r.data)))).toEqual([
      { kind: "deal_registration", version: 1 },
      { kind: "deal_registration", version: 2 },
    ]);
  });

  it("accepts each kind's documents", async () => {
    const { admin } = await portal();
    const leads = await updateProgramRules({ ctx: admin, kind: "leads", rules: { assignment: { strategy: "weighted", weights: { "org-1": 70, "org-2": 30 } }, acceptSlaHours: 24 } });
    expect(leads.rules).toEqual({ assignment: { strategy: "weighted", weights: { "org-1": 70, "org-2": 30 } }, acceptSlaHours: 24, firstContactSlaHours: 72, maxOpenLeadsPerPartner: 50 });
    const mdf = await updateProgramRules({ ctx: admin, kind: "mdf", rules: { fundPeriod: "half", requiredProofTypes: ["invoice", "attendee_list"] } });
    expect(mdf.rules).toEqual({ fundPeriod: "half", requestLeadTimeDays: 30, claimDeadlineDays: 60, requiredProofTypes: ["invoice", "attendee_list"] });
    const policy = await updateProgramRules({ ctx: admin, kind: "tier_policy", rules: { mode: "review", demotionGraceDays: 30 } });
    expect(policy.rules).toEqual({ mode: "review", demotionGraceDays: 30 });
    // Other modules read the rules in force inside their own batches.
    const [rs] = await admin.db.$client.batch([currentRulesStatement("tier_policy")], "read");
    expect(rulesFromResult("tier_policy", rs!)).toEqual(policy);
  });

  it("lets exactly one of two edits from the same version win", async () => {
    const { admin } = await portal();
    await updateProgramRules({ ctx: admin, kind: "mdf", rules: {} });
    const first = await updateProgramRules({ ctx: admin, kind: "mdf", rules: { claimDeadlineDays: 45 }, baseVersion: 1 });
    expect(first.version).toBe(2);
    const stale = await expectError(updateProgramRules({ ctx: admin, kind: "mdf", rules: { claimDeadlineDays: 90 }, baseVersion: 1 }), Conflict);
    expect([stale.status, stale.code, stale.fields]).toEqual([409, "version_conflict", [{ field: "baseVersion", message: "These rules changed since you loaded them.", code: "stale" }]]);
    // Claiming a version that does not exist yet is a conflict too, not a gap in the history.
    await expectError(updateProgramRules({ ctx: admin, kind: "mdf", rules: {}, baseVersion: 7 }), Conflict);
    // Simultaneous editors from version 2: one wins.
    const race = await Promise.allSettled([
      updateProgramRules({ ctx: admin, kind: "mdf", rules: { claimDeadlineDays: 30 }, baseVersion: 2 }),
      updateProgramRules({ ctx: admin, kind: "mdf", rules: { claimDeadlineDays: 31 }, baseVersion: 2 }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(race.find((r) => r.status === "rejected")).toMatchObject({ reason: expect.any(Conflict) });
    expect((await listProgramRuleVersions({ ctx: admin, kind: "mdf" })).items.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(await count(admin, "SELECT count(*) AS n FROM audit_log WHERE action = 'program_rules.updated'")).toBe(3);
    // Without a base version an edit applies on top of whatever is current.
    expect((await updateProgramRules({ ctx: admin, kind: "mdf", rules: {} })).version).toBe(4);
  });

  it("refuses invalid documents naming each nested field, and writes nothing", async () => {
    const { admin } = await portal();
    const cases: [ProgramRuleKind, unknown, string[]][] = [
      ["deal_registration", { customFields: [selectField(), selectField({ key: "size", type: "text", options: ["a"] }), selectField({ key: "region", options: [] })] }, ["customFields.1.options", "customFields.2.options"]],
      ["deal_registration", { customFields: [selectField({ options: undefined })] }, ["customFields.0.options"]],
      ["deal_registration", { customFields: [selectField({ options: ["A", "A"] })] }, ["customFields.0.options"]],
      ["deal_registration", { customFields: [selectField(), selectField({ label: "Again" })] }, ["customFields.1.key"]],
      ["deal_registration", { customFields: [selectField({ key: "1st", label: "", type: "color" })] }, ["customFields.0.key", "customFields.0.label", "customFields.0.type"]],
      [
        "deal_registration",
        { conflictPolicy: "coin_flip", defaultProtectionDays: 0, extensions: { maxExtensions: 11, daysEach: 181 }, reviewSlaHours: 721, autoApprove: { minTierRank: -1, maxValueMinor: 1.5 } },
        ["conflictPolicy", "autoApprove.minTierRank", "autoApprove.maxValueMinor", "defaultProtectionDays", "extensions.maxExtensions", "extensions.daysEach", "reviewSlaHours"],
      ],
      ["leads", { assignment: { strategy: "lottery", weights: { a: 101 } }, acceptSlaHours: 0, maxOpenLeadsPerPartner: 1.5 }, ["assignment.strategy", "assignment.weights.a", "acceptSlaHours", "maxOpenLeadsPerPartner"]],
      ["mdf", { fundPeriod: "month", requiredProofTypes: ["invoice", "receipt", "invoice"], claimDeadlineDays: 0 }, ["fundPeriod", "claimDeadlineDays", "requiredProofTypes.1"]],
      ["mdf", { requiredProofTypes: ["photo", "photo"] }, ["requiredProofTypes.1"]],
      ["tier_policy", { mode: "sometimes", demotionGraceDays: -1 }, ["mode", "demotionGraceDays"]],
      ["tier_policy", "not an object", ["body"]],
    ];
    for (const [kind, rules, fields] of cases) {
      const err = await expectError(updateProgramRules({ ctx: admin, kind, rules }), ValidationFailed);
      expect({ kind, rules, fields: err.fields!.map((f) => f.field) }).toEqual({ kind, rules, fields });
      expect(err.status).toBe(422);
    }
    expect(await count(admin, "SELECT count(*) AS n FROM program_rules")).toBe(0);
  });
});

describe("who may read and change program rules", () => {
  const expected: Record<Role, { read: string; history: string; update: string }> = {
    vendor_admin: { read: "ok", history: "ok", update: "ok" },
    channel_manager: { read: "ok", history: "ok", update: "forbidden" },
    partner_admin: { read: "forbidden", history: "forbidden", update: "forbidden" },
    partner_user: { read: "forbidden", history: "forbidden", update: "forbidden" },
  };

  it.each(Object.keys(expected) as Role[])("gives a %s exactly its rights", async (role) => {
    const { t } = await portal();
    const org = await addPartner(p, t, "Contoso");
    const token = role === "vendor_admin" ? t.admin.token : (await addMember(p, t, { role, partnerOrgId: role.startsWith("partner") ? org : null })).token;
    const ctx = await tenantCtx(p, t.tenant, token);
    const outcome = (promise: Promise<unknown>) =>
      promise.then(
        () => "ok",
        (e) => (e instanceof Forbidden ? "forbidden" : Promise.reject(e)),
      );
    expect({
      read: await outcome(getProgramRules({ ctx, kind: "deal_registration" })),
      history: await outcome(listProgramRuleVersions({ ctx, kind: "deal_registration" })),
      update: await outcome(updateProgramRules({ ctx, kind: "deal_registration", rules: {} })),
    }).toEqual(expected[role]);
    expect(await count(ctx, "SELECT count(*) AS n FROM program_rules")).toBe(role === "vendor_admin" ? 1 : 0);
  });
});

describe("program rules across tenants", () => {
  it("keeps each portal's rules and history its own", async () => {
    const a = await portal();
    const b = await portal();
    await updateProgramRules({ ctx: a.admin, kind: "leads", rules: { acceptSlaHours: 12 } });
    await updateProgramRules({ ctx: a.admin, kind: "leads", rules: { acceptSlaHours: 8 } });
    expect(await getProgramRules({ ctx: b.admin, kind: "leads" })).toEqual({ kind: "leads", version: 0, rules: defaultRules("leads"), createdBy: null, createdAt: null });
    expect((await listProgramRuleVersions({ ctx: b.admin, kind: "leads" })).items).toEqual([]);
    // B's first version is its own version 1, whatever A has.
    expect((await updateProgramRules({ ctx: b.admin, kind: "leads", rules: {}, baseVersion: 0 })).version).toBe(1);
    expect((await getProgramRules({ ctx: systemCtx(p, a.t.tenant), kind: "leads" })).rules.acceptSlaHours).toBe(8);
  });
});

// Tiers: vendor admins configure the ladder (name, unique rank, colour,
// benefits, criteria), channel managers read it, partners do neither;
// archiving a tier moves the partners holding it, with a recorded change each.
import { describe, expect, it } from "vitest";
import type { Role } from "../../../db/tenant/schema.ts";
import { Conflict, Forbidden, NotFound, PreconditionFailed, ValidationFailed } from "../../../worker/platform/errors.ts";
import { fieldErrorsFromZod } from "../../../worker/platform/problem.ts";
import { archiveTier } from "../../../worker/program/archive-tier.ts";
import { createTier } from "../../../worker/program/create-tier.ts";
import { listTiers } from "../../../worker/program/list-tiers.ts";
import { createTierInput, updateTierInput } from "../../../worker/program/tier-schema.ts";
import { updateTier } from "../../../worker/program/update-tier.ts";
import { addMember, createTestPlatform, systemCtx, tenantCtx } from "../../support/platform.ts";
import {
  addPartner,
  addStandardLadder,
  addTiers,
  benefits,
  count,
  createProgramTenant,
  DAY,
  expectError,
  partnerTier,
  tierInput,
} from "../../support/program.ts";

const p = await createTestPlatform();

async function adminCtx(now = Date.now()) {
  const t = await createProgramTenant(p, { now });
  return { t, ctx: await tenantCtx(p, t.tenant, t.admin.token, now) };
}

function fieldsOf(schema: typeof createTierInput | typeof updateTierInput, input: unknown): string[] {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : fieldErrorsFromZod(parsed.error).map((f) => f.field);
}

describe("createTier", () => {
  it("adds tiers with benefits and criteria and lists them highest rank first", async () => {
    const now = Date.now();
    const { t, ctx } = await adminCtx(now);
    const gold = await createTier({
      ctx,
      input: createTierInput.parse({
        name: "  Gold ",
        rank: 30,
        color: "#D4AF37",
        benefits: benefits({ mdfEligible: true, dealProtectionDays: 180 }),
        criteria: [
          { metric: "won_revenue_12m", min: 10_000_000 },
          { metric: "custom:certified_engineers", min: 3 },
        ],
      }),
    });
    expect(gold).toEqual({
      id: expect.any(String),
      name: "Gold",
      rank: 30,
      color: "#d4af37",
      benefits: benefits({ mdfEligible: true, dealProtectionDays: 180 }),
      criteria: [
        { metric: "won_revenue_12m", min: 10_000_000 },
        { metric: "custom:certified_engineers", min: 3 },
      ],
      partnerCount: 0,
      createdAt: now,
      updatedAt: now,
      archivedAt: null,
    });
    await addTiers(p, t, [tierInput({ name: "Registered", rank: 10 }), tierInput({ name: "Silver", rank: 20 })]);
    const { items } = await listTiers({ ctx });
    expect(items.map((i) => [i.name, i.rank])).toEqual([
      ["Gold", 30],
      ["Silver", 20],
      ["Registered", 10],
    ]);
    expect(items[0]).toEqual(gold);
    const audit = await ctx.db.$client.execute("SELECT actor_kind, action, target_id, data FROM audit_log WHERE action = 'tier.created' ORDER BY at, rowid");
    expect(audit.rows.map((r) => [r.actor_kind, r.target_id])).toEqual([
      ["user", gold.id],
      ["user", items[2]!.id],
      ["user", items[1]!.id],
    ]);
    expect(JSON.parse(String(audit.rows[0]!.data))).toMatchObject({ name: "Gold", rank: 30 });
  });

  it("defaults the criteria to none: the entry tier everyone qualifies for", async () => {
    const { ctx } = await adminCtx();
    const input = createTierInput.parse({ name: "Registered", rank: 1, color: "#000000", benefits: benefits() });
    expect(input.criteria).toEqual([]);
    expect((await createTier({ ctx, input })).criteria).toEqual([]);
  });

  it("refuses a rank another tier in use already has, and writes nothing", async () => {
    const { ctx } = await adminCtx();
    await createTier({ ctx, input: tierInput({ name: "Silver", rank: 20 }) });
    const err = await expectError(createTier({ ctx, input: tierInput({ name: "Also Silver", rank: 20 }) }), Conflict);
    expect(err.code).toBe("rank_taken");
    expect(err.fields).toEqual([{ field: "rank", message: "Another tier already has this rank.", code: "taken" }]);
    expect(await count(ctx, "SELECT count(*) AS n FROM tiers")).toBe(1);
    expect(await count(ctx, "SELECT count(*) AS n FROM audit_log WHERE action = 'tier.created'")).toBe(1);
  });

  it("lets two admins racing for the same rank produce exactly one tier", async () => {
    const { ctx } = await adminCtx();
    const results = await Promise.allSettled([
      createTier({ ctx, input: tierInput({ name: "A", rank: 40 }) }),
      createTier({ ctx, input: tierInput({ name: "B", rank: 40 }) }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await count(ctx, "SELECT count(*) AS n FROM tiers WHERE rank = 40")).toBe(1);
  });

  it("names every invalid field, nested ones by path", () => {
    const valid = { name: "Gold", rank: 30, color: "#d4af37", benefits: benefits(), criteria: [] };
    expect(fieldsOf(createTierInput, valid)).toEqual([]);
    expect(fieldsOf(createTierInput, {})).toEqual(["name", "rank", "color", "benefits"]);
    expect(fieldsOf(createTierInput, { ...valid, name: " ", rank: 1.5, color: "gold" })).toEqual(["name", "rank", "color"]);
    expect(fieldsOf(createTierInput, { ...valid, name: "x".repeat(61), rank: -1 })).toEqual(["name", "rank"]);
    expect(
      fieldsOf(createTierInput, {
        ...valid,
        benefits: { ...benefits(), dealProtectionDays: 366, registrationDiscountPct: 101, leadPriorityWeight: 2.5, contentVisibility: "secret" },
      }),
    ).toEqual(["benefits.dealProtectionDays", "benefits.registrationDiscountPct", "benefits.leadPriorityWeight", "benefits.contentVisibility"]);
    expect(
      fieldsOf(createTierInput, {
        ...valid,
        criteria: [
          { metric: "revenue", min: 1 },
          { metric: "won_deals_12m", min: -1 },
          { metric: "custom:Certified", min: 1 },
          { metric: "custom:certified_engineers", min: 2 },
        ],
      }),
    ).toEqual(["criteria.0.metric", "criteria.1.min", "criteria.2.metric"]);
    expect(
      fieldsOf(createTierInput, {
        ...valid,
        criteria: [
          { metric: "won_revenue_12m", min: 1 },
          { metric: "won_revenue_12m", min: 2 },
        ],
      }),
    ).toEqual(["criteria.1.metric"]);
    expect(fieldsOf(updateTierInput, {})).toEqual([]);
    expect(fieldsOf(updateTierInput, { color: "#12345", benefits: { mdfEligible: true } })).toEqual([
      "color",
      "benefits.dealProtectionDays",
      "benefits.registrationDiscountPct",
      "benefits.coopAccrualPct",
      "benefits.leadPriorityWeight",
      "benefits.contentVisibility",
    ]);
  });
});

describe("who may configure and read tiers", () => {
  const expected: Record<Role, { list: string; create: string; update: string; archive: string }> = {
    vendor_admin: { list: "ok", create: "ok", update: "ok", archive: "ok" },
    channel_manager: { list: "ok", create: "forbidden", update: "forbidden", archive: "forbidden" },
    partner_admin: { list: "forbidden", create: "forbidden", update: "forbidden", archive: "forbidden" },
    partner_user: { list: "forbidden", create: "forbidden", update: "forbidden", archive: "forbidden" },
  };

  it.each(Object.keys(expected) as Role[])("gives a %s exactly its rights", async (role) => {
    const { t } = await adminCtx();
    const org = await addPartner(p, t);
    const [tier] = await addTiers(p, t, [tierInput({ name: "Registered", rank: 10 })]);
    const token = role === "vendor_admin" ? t.admin.token : (await addMember(p, t, { role, partnerOrgId: role.startsWith("partner") ? org : null })).token;
    const ctx = await tenantCtx(p, t.tenant, token);
    const outcome = (promise: Promise<unknown>) =>
      promise.then(
        () => "ok",
        (e) => (e instanceof Forbidden ? "forbidden" : Promise.reject(e)),
      );
    const actual = {
      list: await outcome(listTiers({ ctx })),
      create: await outcome(createTier({ ctx, input: tierInput({ name: "New", rank: 50 }) })),
      update: await outcome(updateTier({ ctx, id: tier!.id, input: { name: "Renamed" } })),
      archive: await outcome(archiveTier({ ctx, id: tier!.id })),
    };
    expect(actual).toEqual(expected[role]);
    if (role !== "vendor_admin") expect(await count(ctx, "SELECT count(*) AS n FROM tiers WHERE name = 'Registered' AND archived_at IS NULL")).toBe(1);
  });

  it("refuses an anonymous caller everything", async () => {
    const { t } = await adminCtx();
    const ctx = await tenantCtx(p, t.tenant, null);
    await expectError(listTiers({ ctx }), Forbidden);
    await expectError(createTier({ ctx, input: tierInput() }), Forbidden);
  });
});

describe("updateTier", () => {
  it("changes only the fields given, and audits what changed", async () => {
    const now = Date.now();
    const { t, ctx } = await adminCtx(now);
    const { silver } = await addStandardLadder(p, t, now);
    const later = await tenantCtx(p, t.tenant, t.admin.token, now + DAY);
    const updated = await updateTier({
      ctx: later,
      id: silver.id,
      input: updateTierInput.parse({ name: "Silver Plus", color: "#AABBCC", criteria: [{ metric: "won_deals_12m", min: 3 }] }),
    });
    expect(updated).toEqual({
      ...silver,
      name: "Silver Plus",
      color: "#aabbcc",
      criteria: [{ metric: "won_deals_12m", min: 3 }],
      updatedAt: now + DAY,
    });
    // Its own rank is not a conflict.
    expect((await updateTier({ ctx: later, id: silver.id, input: { rank: 20, benefits: benefits({ mdfEligible: true }) } })).benefits.mdfEligible).toBe(true);
    const audit = await ctx.db.$client.execute("SELECT data FROM audit_log WHERE action = 'tier.updated' ORDER BY rowid");
    expect(audit.rows.map((r) => JSON.parse(String(r.data)))).toEqual([
      { name: "Silver Plus", color: "#aabbcc", criteria: [{ metric: "won_deals_12m", min: 3 }] },
      { rank: 20, benefits: benefits({ mdfEligible: true }) },
    ]);
  });

  it("refuses another tier's rank, an unknown tier and an archived one, writing nothing", async () => {
    const { t, ctx } = await adminCtx();
    const { silver, gold } = await addStandardLadder(p, t);
    const taken = await expectError(updateTier({ ctx, id: silver.id, input: { rank: 30, name: "Renamed" } }), Conflict);
    expect(taken.fields!.map((f) => f.field)).toEqual(["rank"]);
    expect((await listTiers({ ctx })).items.find((i) => i.id === silver.id)!.name).toBe("Silver");
    await expectError(updateTier({ ctx, id: crypto.randomUUID(), input: { name: "X" } }), NotFound);
    await archiveTier({ ctx, id: gold.id });
    const archived = await expectError(updateTier({ ctx, id: gold.id, input: { name: "X" } }), PreconditionFailed);
    expect(archived.code).toBe("tier_archived");
    expect(await count(ctx, "SELECT count(*) AS n FROM audit_log WHERE action = 'tier.updated'")).toBe(0);
    // The archived tier's rank is free again.
    expect((await updateTier({ ctx, id: silver.id, input: { rank: 30 } })).rank).toBe(30);
  });
});

describe("archiveTier", () => {
  it("archives a tier nobody holds: gone from the ladder, kept in history, its rank free", async () => {
    const now = Date.now();
    const { t, ctx } = await adminCtx(now);
    const { gold } = await addStandardLadder(p, t, now);
    const result = await archiveTier({ ctx: await tenantCtx(p, t.tenant, t.admin.token, now + 1000), id: gold.id });
    expect(result).toEqual({ tier: { ...gold, archivedAt: now + 1000, updatedAt: now + 1000 }, movedPartners: 0 });
    expect((await listTiers({ ctx })).items.map((i) => i.name)).toEqual(["Silver", "Registered"]);
    expect((await listTiers({ ctx, query: { includeArchived: true } })).items.map((i) => [i.name, i.archivedAt])).toEqual([
      ["Silver", null],
      ["Registered", null],
      ["Gold", now + 1000],
    ]);
    expect((await createTier({ ctx, input: tierInput({ name: "New Gold", rank: 30 }) })).rank).toBe(30);
    const again = await expectError(archiveTier({ ctx, id: gold.id }), PreconditionFailed);
    expect(again.code).toBe("tier_archived");
    await expectError(archiveTier({ ctx, id: crypto.randomUUID() }), NotFound);
    expect(await count(ctx, "SELECT count(*) AS n FROM audit_log WHERE action = 'tier.archived'")).toBe(1);
  });

  it("refuses to archive a tier partners hold unless told where to move them", async () => {
    const { t, ctx } = await adminCtx();
    const { silver } = await addStandardLadder(p, t);
    const a = await addPartner(p, t, "A");
    const b = await addPartner(p, t, "B");
    await ctx.db.$client.execute({ sql: "UPDATE partner_orgs SET tier_id = ? WHERE id IN (?, ?)", args: [silver.id, a, b] });
    const err = await expectError(archiveTier({ ctx, id: silver.id }), PreconditionFailed);
    expect([err.code, err.message]).toEqual(["tier_in_use", "2 partners hold this tier. Choose a tier to move them to."]);
    expect((await listTiers({ ctx })).items.find((i) => i.id === silver.id)).toMatchObject({ archivedAt: null, partnerCount: 2 });
    expect(await count(ctx, "SELECT count(*) AS n FROM tier_changes")).toBe(0);
  });

  it("moves the holders to the chosen tier in the same batch, one applied change each", async () => {
    const now = Date.now();
    const { t, ctx } = await adminCtx(now);
    const { registered, silver, gold } = await addStandardLadder(p, t, now);
    const a = await addPartner(p, t, "A");
    const b = await addPartner(p, t, "B", "suspended");
    const other = await addPartner(p, t, "Other");
    await ctx.db.$client.batch(
      [
        { sql: "UPDATE partner_orgs SET tier_id = ?, tier_since = 1 WHERE id IN (?, ?)", args: [silver.id, a, b] },
        { sql: "UPDATE partner_orgs SET tier_id = ?, tier_since = 1 WHERE id = ?", args: [registered.id, other] },
        // Pending proposals from and to the retired tier no longer make sense.
        {
          sql: `INSERT INTO tier_changes (id, partner_org_id, from_tier_id, to_tier_id, direction, status, reason, evaluated_at)
                VALUES ('from-silver', ?, ?, ?, 'promotion', 'proposed', '{}', 1), ('to-silver', ?, ?, ?, 'promotion', 'proposed', '{}', 1)`,
          args: [a, silver.id, gold.id, other, registered.id, silver.id],
        },
      ],
      "write",
    );
    const at = now + 5000;
    const result = await archiveTier({ ctx: await tenantCtx(p, t.tenant, t.admin.token, at), id: silver.id, input: { moveToTierId: registered.id } });
    expect(result.movedPartners).toBe(2);
    expect(result.tier.archivedAt).toBe(at);
    expect(await partnerTier(ctx, a)).toEqual({ tierId: registered.id, since: at });
    expect(await partnerTier(ctx, b)).toEqual({ tierId: registered.id, since: at });
    expect(await partnerTier(ctx, other)).toEqual({ tierId: registered.id, since: 1 });

    const changes = await ctx.db.$client.execute(
      "SELECT id, partner_org_id, from_tier_id, to_tier_id, direction, status, reason, decided_at FROM tier_changes ORDER BY partner_org_id, id",
    );
    const applied = changes.rows.filter((r) => r.status === "applied");
    expect(applied.map((r) => [r.partner_org_id, r.from_tier_id, r.to_tier_id, r.direction, r.decided_at]).sort()).toEqual(
      [
        [a, silver.id, registered.id, "demotion", at],
        [b, silver.id, registered.id, "demotion", at],
      ].sort(),
    );
    for (const r of applied) {
      expect(String(r.id)).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.parse(String(r.reason))).toEqual({ kind: "tier_archived", summary: "tier archived", archivedTier: { id: silver.id, name: "Silver" } });
    }
    expect(changes.rows.filter((r) => r.status === "dismissed").map((r) => r.id).sort()).toEqual(["from-silver", "to-silver"]);
    const audit = await ctx.db.$client.execute("SELECT target_id, data FROM audit_log WHERE action = 'tier.archived'");
    expect(audit.rows.map((r) => [r.target_id, JSON.parse(String(r.data))])).toEqual([[silver.id, { moveToTierId: registered.id, movedPartners: 2 }]]);
  });

  it("records a move to a higher tier as a promotion", async () => {
    const { t, ctx } = await adminCtx();
    const { silver, gold } = await addStandardLadder(p, t);
    const a = await addPartner(p, t, "A");
    await ctx.db.$client.execute({ sql: "UPDATE partner_orgs SET tier_id = ? WHERE id = ?", args: [silver.id, a] });
    await archiveTier({ ctx, id: silver.id, input: { moveToTierId: gold.id } });
    const rs = await ctx.db.$client.execute("SELECT direction, to_tier_id FROM tier_changes");
    expect(rs.rows.map((r) => [r.direction, r.to_tier_id])).toEqual([["promotion", gold.id]]);
  });

  it("refuses to move partners to the tier itself, an unknown or an archived tier", async () => {
    const { t, ctx } = await adminCtx();
    const { registered, silver, gold } = await addStandardLadder(p, t);
    await archiveTier({ ctx, id: gold.id });
    for (const moveToTierId of [silver.id, crypto.randomUUID(), gold.id]) {
      const err = await expectError(archiveTier({ ctx, id: silver.id, input: { moveToTierId } }), ValidationFailed);
      expect(err.fields).toEqual([{ field: "moveToTierId", message: "Choose another tier that is in use.", code: "invalid_value" }]);
    }
    expect((await archiveTier({ ctx, id: silver.id, input: { moveToTierId: registered.id } })).movedPartners).toBe(0);
  });
});

describe("tiers across tenants", () => {
  it("never shows or lets portal B touch portal A's tiers", async () => {
    const a = await adminCtx();
    const b = await adminCtx();
    const { silver, registered } = await addStandardLadder(p, a.t);
    const aPartner = await addPartner(p, a.t, "A partner");
    await a.ctx.db.$client.execute({ sql: "UPDATE partner_orgs SET tier_id = ? WHERE id = ?", args: [silver.id, aPartner] });

    expect((await listTiers({ ctx: b.ctx, query: { includeArchived: true } })).items).toEqual([]);
    await expectError(updateTier({ ctx: b.ctx, id: silver.id, input: { name: "Stolen" } }), NotFound);
    await expectError(archiveTier({ ctx: b.ctx, id: silver.id }), NotFound);
    // B's own tier cannot be archived "into" A's.
    const [bTier] = await addTiers(p, b.t, [tierInput({ name: "B only", rank: 10 })]);
    await expectError(archiveTier({ ctx: b.ctx, id: bTier!.id, input: { moveToTierId: registered.id } }), ValidationFailed);
    // A's tier is intact; the same rank is free in B.
    expect((await listTiers({ ctx: a.ctx })).items.find((i) => i.id === silver.id)).toMatchObject({ name: "Silver", archivedAt: null, partnerCount: 1 });
    expect((await createTier({ ctx: b.ctx, input: tierInput({ name: "B Silver", rank: 20 }) })).rank).toBe(20);
    expect(await count(systemCtx(p, b.t.tenant), "SELECT count(*) AS n FROM tiers")).toBe(2);
  });
});

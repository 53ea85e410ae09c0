// The vendor console's partner list over a few hundred partners: every sort
// in both directions paged to the end without repeats or gaps, filters and
// their totals, search, cursor tampering, and that the filtered queries are
// answered from an index rather than a scan.
import type { InValue } from "@libsql/client/web";
import { beforeAll, describe, expect, it } from "vitest";
import { listPartnerOrgs, type ListPartnerOrgsQuery } from "../../../worker/partners/list-partner-orgs.ts";
import { partnerOrgSorts, selectPartnerOrgs, type PartnerOrgFilters, type PartnerOrgSort } from "../../../worker/partners/partner-org-query.ts";
import type { Ctx } from "../../../worker/platform/context.ts";
import { BadRequest, Forbidden } from "../../../worker/platform/errors.ts";
import { seedPartnerOrgs, type SeededPartnerOrg } from "../../support/partners.ts";
import { addMember, addPartnerOrg, createTenant, createTestPlatform, systemCtx, tenantCtx } from "../../support/platform.ts";

const p = await createTestPlatform();
const NOW = Date.UTC(2025, 0, 15, 12);
const STATUS_RANK = { applicant: 0, onboarding: 1, active: 2, suspended: 3, offboarded: 4 } as const;

let admin: Ctx;
let orgs: SeededPartnerOrg[];
let tierRank: Map<string, number>;
let ownerIds: string[];

beforeAll(async () => {
  const t = await createTenant(p, { now: NOW });
  const sys = systemCtx(p, t.tenant, NOW);
  // Three tiers (the program module's table; rows written directly for the test).
  const tiers = [
    { id: "tier-gold", rank: 30 },
    { id: "tier-silver", rank: 20 },
    { id: "tier-bronze", rank: 10 },
  ];
  await sys.db.$client.batch(
    tiers.map((tier) => ({
      sql: "INSERT INTO tiers (id, name, rank, color, benefits, criteria, created_at, updated_at) VALUES (?, ?, ?, '#888888', '{}', '[]', ?, ?)",
      args: [tier.id, tier.id, tier.rank, NOW, NOW],
    })),
    "write",
  );
  tierRank = new Map(tiers.map((tier) => [tier.id, tier.rank]));
  ownerIds = ["owner-a", "owner-b"];
  // "tier-archived-away" no longer exists: sorts with the partners without a tier.
  orgs = await seedPartnerOrgs(sys.db, 300, NOW, { tierIds: [...tiers.map((x) => x.id), "tier-archived-away"], ownerIds });
  admin = await tenantCtx(p, t.tenant, t.admin.token, NOW);
}, 60_000);

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

function keyOf(sort: PartnerOrgSort, o: SeededPartnerOrg): (string | number)[] {
  switch (sort) {
    case "name":
      return [o.name, o.id];
    case "created":
      return [o.createdAt, o.id];
    case "status":
      return [STATUS_RANK[o.status], o.name, o.id];
    case "tier":
      return [o.tierId ? (tierRank.get(o.tierId) ?? -1e9) : -1e9, o.name, o.id];
  }
}

function expected(sort: PartnerOrgSort, dir: "asc" | "desc", rows: SeededPartnerOrg[]): string[] {
  const sorted = [...rows].sort((a, b) => {
    const ka = keyOf(sort, a);
    const kb = keyOf(sort, b);
    for (let i = 0; i < ka.length; i++) {
      const c = cmp(ka[i]!, kb[i]!);
      if (c !== 0) return c;
    }
    return 0;
  });
  return (dir === "asc" ? sorted : sorted.reverse()).map((o) => o.id);
}

async function pageThrough(query: ListPartnerOrgsQuery): Promise<{ ids: string[]; pages: number; totals: Set<number> }> {
  const ids: string[] = [];
  const totals = new Set<number>();
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listPartnerOrgs({ ctx: admin, query: { ...query, ...(cursor ? { cursor } : {}) } });
    ids.push(...page.items.map((o) => o.id));
    totals.add(page.total);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 100);
  return { ids, pages, totals };
}

describe("listPartnerOrgs paging", () => {
  it.each(partnerOrgSorts.flatMap((sort) => (["asc", "desc"] as const).map((dir) => [sort, dir] as const)))(
    "pages through every partner sorted by %s %s: right order, no repeats, no gaps",
    async (sort, dir) => {
      const { ids, pages, totals } = await pageThrough({ sort, dir, limit: 37 });
      expect(ids).toEqual(expected(sort, dir, orgs));
      expect(new Set(ids).size).toBe(300);
      expect(pages).toBe(Math.ceil(300 / 37));
      expect([...totals]).toEqual([300]);
    },
  );

  it("keeps paging exact under filters, and the total counts the filter, not the page", async () => {
    const cases: [PartnerOrgFilters, (o: SeededPartnerOrg) => boolean][] = [
      [{ status: ["active", "suspended"] }, (o) => o.status === "active" || o.status === "suspended"],
      [{ tier: "tier-gold" }, (o) => o.tierId === "tier-gold"],
      [{ tier: "none" }, (o) => o.tierId === null],
      [{ type: "msp", region: "EMEA" }, (o) => o.partnerType === "msp" && o.region === "EMEA"],
      [{ owner: "owner-b" }, (o) => o.ownerId === "owner-b"],
      [{ q: "CEDAR" }, (o) => o.name.startsWith("Cedar")],
      [{ q: "ärzte", status: ["onboarding"] }, (o) => o.name.endsWith("Ärzte") && o.status === "onboarding"],
      [{ q: orgs[42]!.websiteDomain }, (o) => o.id === orgs[42]!.id],
      [{ q: "100%_" }, () => false],
    ];
    for (const [filters, match] of cases) {
      const rows = orgs.filter(match);
      for (const sort of partnerOrgSorts) {
        const { ids, totals } = await pageThrough({ ...filters, sort, dir: "desc", limit: 11 });
        expect({ filters, sort, ids }).toEqual({ filters, sort, ids: expected(sort, "desc", rows) });
        expect([...totals]).toEqual([rows.length]);
      }
    }
  });

  it("accepts statuses comma-separated (as a query string sends them) and returns list rows with tier, owner and head count", async () => {
    const page = await listPartnerOrgs({ ctx: admin, query: { status: "applicant,offboarded", limit: 5 } });
    expect(page.total).toBe(orgs.filter((o) => o.status === "applicant" || o.status === "offboarded").length);
    const first = orgs.find((o) => o.id === page.items[0]!.id)!;
    expect(page.items[0]).toEqual({
      id: first.id,
      name: first.name,
      status: first.status,
      tierId: first.tierId,
      ownerId: first.ownerId,
      partnerType: first.partnerType,
      region: first.region,
      country: "DE",
      websiteDomain: first.websiteDomain,
      userCount: 0,
      createdAt: first.createdAt,
    });
  });

  it("rejects a cursor from another sort order, or one it did not issue", async () => {
    const byName = await listPartnerOrgs({ ctx: admin, query: { sort: "name", limit: 5 } });
    for (const [query, cursor] of [
      [{ sort: "created" }, byName.nextCursor!],
      [{ sort: "name", dir: "desc" }, byName.nextCursor!],
      [{ sort: "name" }, "garbage!"],
      [{ sort: "name" }, btoa(JSON.stringify({ s: "name", d: "asc", k: [1, "x"] }))],
      [{ sort: "status" }, btoa(JSON.stringify({ s: "status", d: "asc", k: [1, "x"] }))],
    ] as const) {
      const err = await listPartnerOrgs({ ctx: admin, query: { ...query, cursor } }).catch((e) => e);
      expect(err).toBeInstanceOf(BadRequest);
      expect(err.code).toBe("invalid_cursor");
    }
  });

  it("reads the page and its total in one round trip", async () => {
    const fresh = await tenantCtx(p, admin.tenant, null, NOW);
    const counted: Ctx = { ...fresh, actor: admin.actor };
    await listPartnerOrgs({ ctx: counted, query: { status: ["active"], sort: "tier", q: "a" } });
    expect(counted.trips.count).toBe(1);
  });
});

describe("listPartnerOrgs query plans", () => {
  async function plan(filters: PartnerOrgFilters, sort: PartnerOrgSort = "name", after: (string | number)[] | null = null): Promise<string> {
    const stmt = selectPartnerOrgs(filters, { sort, dir: "asc" }, { limit: 26, after }) as { sql: string; args: InValue[] };
    const rs = await admin.db.$client.execute({ sql: `EXPLAIN QUERY PLAN ${stmt.sql}`, args: stmt.args });
    return rs.rows.map((r) => String(r.detail)).join("\n");
  }

  it("answers filters sorted by name from their (column, name) indexes, and seeks to the cursor", async () => {
    expect(await plan({ status: ["active"] })).toContain("SEARCH o USING INDEX partner_orgs_status_idx (status=?)");
    expect(await plan({ status: ["active"] }, "name", ["M", "id"])).toContain("USING INDEX partner_orgs_status_idx (status=? AND name>?)");
    expect(await plan({ status: ["active", "suspended"] })).toContain("USING INDEX partner_orgs_status_idx");
    expect(await plan({ tier: "tier-gold" })).toContain("SEARCH o USING INDEX partner_orgs_tier_idx (tier_id=?)");
    expect(await plan({ tier: "tier-gold" }, "name", ["M", "id"])).toContain("USING INDEX partner_orgs_tier_idx (tier_id=? AND name>?)");
    expect(await plan({ tier: "none" })).toContain("USING INDEX partner_orgs_tier_idx");
    expect(await plan({ type: "msp" })).toContain("USING INDEX partner_orgs_type_idx");
    expect(await plan({ region: "EMEA" })).toContain("USING INDEX partner_orgs_region_idx");
    expect(await plan({ owner: "owner-a" })).toContain("USING INDEX partner_orgs_owner_idx");
    // Unfiltered, the name and created orders walk their indexes rather than sorting the table.
    expect(await plan({})).toContain("USING INDEX partner_orgs_name_idx");
    expect(await plan({}, "created", [NOW, "id"])).toContain("SEARCH o USING INDEX partner_orgs_created_idx ((created_at,id)>(?,?))");
  });
});

describe("listPartnerOrgs access", () => {
  it("is for vendor staff only", async () => {
    const t = await createTenant(p);
    const org = await addPartnerOrg(p, t);
    const manager = await addMember(p, t, { role: "channel_manager" });
    expect((await listPartnerOrgs({ ctx: await tenantCtx(p, t.tenant, manager.token) })).total).toBe(1);
    for (const role of ["partner_admin", "partner_user"] as const) {
      const m = await addMember(p, t, { role, partnerOrgId: org });
      await expect(listPartnerOrgs({ ctx: await tenantCtx(p, t.tenant, m.token) })).rejects.toBeInstanceOf(Forbidden);
    }
    await expect(listPartnerOrgs({ ctx: await tenantCtx(p, t.tenant, null) })).rejects.toBeInstanceOf(Forbidden);
  });

  it("never shows another portal's partners", async () => {
    const other = await createTenant(p);
    const otherAdmin = await tenantCtx(p, other.tenant, other.admin.token);
    const page = await listPartnerOrgs({ ctx: otherAdmin, query: { q: "a" } });
    expect(page).toEqual({ items: [], nextCursor: null, total: 0 });
  });
});

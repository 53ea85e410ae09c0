// The deal CSV export against the real libSQL server: every row in the list's
// order across keyset batches (read only as the stream is consumed), the
// list's filters, who sees which rows, other portals, defused formulas, and
// the route's content type, refusals and field-named bad filters.
import { describe, expect, it } from "vitest";
import { approveDeal } from "../../../worker/deals/approve-deal.ts";
import { DEAL_EXPORT_COLUMNS, exportDeals, exportDealsQuery, majorUnits } from "../../../worker/deals/export-deals.ts";
import { listDeals, listDealsQuery } from "../../../worker/deals/list-deals.ts";
import { registerDeal } from "../../../worker/deals/register-deal.ts";
import { parseCsv } from "../../../worker/partners/csv.ts";
import type { Ctx } from "../../../worker/platform/context.ts";
import { createDealPortal, dealInput, HOUR, type DealPortal } from "../../support/deals.ts";
import { appHarness } from "../../support/app-harness.ts";
import { createTestPlatform } from "../../support/platform.ts";

const p = await createTestPlatform();
const api = appHarness(p);

type Who = Parameters<DealPortal["at"]>[0];

async function exportCsv(ctx: Ctx, query: Record<string, unknown> = {}, batchSize?: number): Promise<string[][]> {
  const stream = await exportDeals({ ctx, query: exportDealsQuery.parse(query), ...(batchSize ? { batchSize } : {}) });
  return parseCsv(await new Response(stream).text());
}

/** The exported rows' ids (header checked and dropped). */
async function exportedIds(ctx: Ctx, query: Record<string, unknown> = {}, batchSize?: number): Promise<string[]> {
  const [header, ...rows] = await exportCsv(ctx, query, batchSize);
  expect(header).toEqual([...DEAL_EXPORT_COLUMNS]);
  return rows.map((r) => r[0]!);
}

/** Every id the list shows for the same filters, page by page. */
async function listedIds(ctx: Ctx, query: Record<string, unknown> = {}): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDeals({ ctx, query: listDealsQuery.parse({ ...query, limit: 100, cursor }) });
    ids.push(...page.items.map((d) => d.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

async function register(w: DealPortal, who: Who, customerName: string, at = Date.now(), overrides: Record<string, unknown> = {}) {
  const domain = `${customerName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}.example`;
  const { deal } = await registerDeal({ ctx: await w.at(who, at), input: dealInput({ customerName, customerDomain: domain, ...overrides }) });
  return deal;
}

/**
 * `n` copies of one registration, straight in SQL (registering them one by
 * one would take minutes): new ids, names and creation times, one statement.
 */
async function cloneDeal(ctx: Ctx, id: string, n: number): Promise<void> {
  const columns = (await ctx.db.$client.execute("PRAGMA table_info(deals)")).rows.map((r) => String(r.name));
  const override: Record<string, string> = {
    id: "printf('clone-%06d-', seq.i) || lower(hex(randomblob(8)))",
    customer_name: "printf('Clone %06d', seq.i)",
    customer_name_key: "printf('clone %06d', seq.i)",
    customer_domain: "NULL",
    customer_domain_key: "NULL",
    idempotency_key: "NULL",
    created_at: "d.created_at - seq.i",
  };
  await ctx.db.$client.execute({
    sql: `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
          INSERT INTO deals (${columns.join(", ")}) SELECT ${columns.map((c) => override[c] ?? `d.${c}`).join(", ")} FROM deals d, seq WHERE d.id = ?`,
    args: [n, id],
  });
}

describe("exportDeals", () => {
  it("writes every row in the list's order across batches, reading the next batch only as the stream is consumed", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const names = ["Alpha Dynamics", "Beta Foods", "Gamma Rays", "Delta Air", "Epsilon Labs", "Zeta Works", "Eta Systems"];
    for (const [i, name] of names.entries()) await register(w, i % 2 ? "southRep" : "northRep", name, now - i * HOUR);
    const manager = await w.at("manager", now);
    manager.trips.count = 0;

    const stream = await exportDeals({ ctx: manager, query: exportDealsQuery.parse({}), batchSize: 3 });
    // The first batch is read up front; the rest wait for the reader.
    expect(manager.trips.count).toBe(1);
    const rows = parseCsv(await new Response(stream).text());
    expect(manager.trips.count).toBe(3);
    expect(rows[0]).toEqual([...DEAL_EXPORT_COLUMNS]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(names);
    expect(rows.slice(1).map((r) => r[0])).toEqual(await listedIds(manager));

    // Newest first, the second batch's first row is Delta Air (registered 3 hours ago by the South rep).
    const delta = rows[4]!;
    const deadline = now - 3 * HOUR + 48 * HOUR;
    expect(delta.slice(1)).toEqual([
      "Delta Air",
      "delta-air.example",
      "South Integrators",
      "submitted",
      "48000.00",
      "USD",
      "Core Switch X; Support Plus",
      new Date(now - 3 * HOUR).toISOString(),
      new Date(deadline).toISOString(),
      "",
      "0",
    ]);
  });

  it("exports far more than one batch at the default batch size, each deal once", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const seed = await register(w, "northRep", "Seed Networks", now);
    const manager = await w.at("manager", now);
    await cloneDeal(manager, seed.id, 1_200);
    manager.trips.count = 0;

    const ids = await exportedIds(manager);
    expect(ids).toHaveLength(1_201);
    expect(new Set(ids).size).toBe(1_201);
    expect(ids[0]).toBe(seed.id);
    expect(ids.at(-1)).toMatch(/^clone-001200-/);
    // 500 + 500 + 201 rows: three round trips.
    expect(manager.trips.count).toBe(3);
  });

  it("applies the list's filters and orders: status, search, expiring soon, partner, review deadline", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const alpha = await register(w, "northRep", "Alpha Dynamics", now - 3 * HOUR);
    const beta = await register(w, "southRep", "Beta Foods", now - 2 * HOUR);
    const gamma = await register(w, "northRep2", "Gamma Rays", now - HOUR);
    const manager = await w.at("manager", now);
    await approveDeal({ ctx: manager, id: beta.id });

    expect(await exportedIds(manager, { status: "approved" })).toEqual([beta.id]);
    expect(await exportedIds(manager, { status: "submitted", sort: "review_due" })).toEqual([alpha.id, gamma.id]);
    expect(await exportedIds(manager, { q: "gam" })).toEqual([gamma.id]);
    expect(await exportedIds(manager, { q: "alpha-dyn" })).toEqual([alpha.id]);
    expect(await exportedIds(manager, { partnerOrgId: w.north })).toEqual([gamma.id, alpha.id]);
    // Approved today with the program's 90 days: inside 100 days, not inside 30.
    expect(await exportedIds(manager, { expiringWithinDays: 100 })).toEqual([beta.id]);
    expect(await exportedIds(manager, { expiringWithinDays: 30 })).toEqual([]);
    for (const query of [{ status: "submitted", sort: "review_due" }, { sort: "expires" }, { q: "beta" }, { partnerOrgId: w.south }]) {
      expect(await exportedIds(manager, query, 1)).toEqual(await listedIds(manager, query));
    }
  });

  it("shows a rep their own deals, a partner admin the organization's, vendor staff all; never another portal's", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const other = await createDealPortal(p, now);
    const mine = await register(w, "northRep", "Mine Co", now - 3 * HOUR);
    const colleague = await register(w, "northRep2", "Colleague Co", now - 2 * HOUR);
    const south = await register(w, "southRep", "South Co", now - HOUR);
    const elsewhere = await register(other, "northRep", "Elsewhere Co", now);

    expect(await exportedIds(await w.at("northRep", now))).toEqual([mine.id]);
    expect(await exportedIds(await w.at("northAdmin", now))).toEqual([colleague.id, mine.id]);
    expect(await exportedIds(await w.at("manager", now))).toEqual([south.id, colleague.id, mine.id]);
    expect(await exportedIds(await w.at("admin", now))).toEqual([south.id, colleague.id, mine.id]);
    // A partner cannot widen its reach with the vendor's partner filter.
    expect(await exportedIds(await w.at("northAdmin", now), { partnerOrgId: w.south })).toEqual([colleague.id, mine.id]);
    expect(await exportedIds(await w.at("southAdmin", now), { partnerOrgId: w.north })).toEqual([south.id]);
    expect(await exportedIds(await other.at("manager", now))).toEqual([elsewhere.id]);
  });

  it("defuses cells a spreadsheet would run as formulas and quotes commas, quotes and line breaks", async () => {
    const w = await createDealPortal(p);
    await register(w, "northRep", "=HYPERLINK(\"http://evil.example\",\"Click\")", Date.now(), {
      customerDomain: undefined,
      products: ["@SUM(A1:A9)", "+1 555 0100", "-2", 'Switch "Pro", 48 ports'],
    });
    const manager = await w.at("manager");
    const text = await new Response(await exportDeals({ ctx: manager, query: exportDealsQuery.parse({}) })).text();
    const [, row] = parseCsv(text);
    expect(row![1]).toBe("'=HYPERLINK(\"http://evil.example\",\"Click\")");
    // The products cell starts with @: defused, and quoted for its commas and quotes.
    expect(row![7]).toBe("'@SUM(A1:A9); +1 555 0100; -2; Switch \"Pro\", 48 ports");
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(text.split("\r\n")[0]).toBe(DEAL_EXPORT_COLUMNS.join(","));
  });

  it("writes values in the currency's own digits", () => {
    expect(majorUnits(2_500_050, "USD")).toBe("25000.50");
    expect(majorUnits(7, "EUR")).toBe("0.07");
    expect(majorUnits(1_500_000, "JPY")).toBe("1500000");
    expect(majorUnits(100_000_000_000_000, "USD")).toBe("1000000000000.00");
  });
});

describe("GET /api/t/{tenant}/deals/export.csv", () => {
  it("streams text/csv as an attachment, in one request of the caller's scope", async () => {
    const w = await createDealPortal(p);
    const deal = await register(w, "northRep", "Globex Corporation");
    await register(w, "southRep", "Initech");
    const res = await api("GET", `/api/t/${w.t.tenant.slug}/deals/export.csv?status=submitted&q=glob`, { token: w.tokens.manager });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="deals.csv"');
    const rows = parseCsv(await res.text());
    expect(rows.map((r) => r[0])).toEqual(["id", deal.id]);

    const rep = await api("GET", `/api/t/${w.t.tenant.slug}/deals/export.csv`, { token: w.tokens.southRep });
    expect(parseCsv(await rep.text()).map((r) => r[1])).toEqual(["customer_name", "Initech"]);
  });

  it("names each bad filter in a 422 problem, like the list", async () => {
    const w = await createDealPortal(p);
    const res = await api("GET", `/api/t/${w.t.tenant.slug}/deals/export.csv?status=bogus&expiringWithinDays=0&sort=oldest`, { token: w.tokens.manager });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as { code: string; errors: { field: string }[] };
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["query.expiringWithinDays", "query.sort", "query.status"]);
  });

  it("refuses without a session and to another portal's people, as the list does", async () => {
    const w = await createDealPortal(p);
    const other = await createDealPortal(p);
    await register(other, "northRep", "Other Portal Co");
    const base = `/api/t/${other.t.tenant.slug}/deals`;
    expect((await api("GET", `${base}/export.csv`)).status).toBe(401);
    // A partner (or the vendor staff) of one portal is nobody in another.
    for (const token of [w.tokens.northAdmin, w.tokens.manager]) {
      const res = await api("GET", `${base}/export.csv`, { token });
      expect(res.status).toBe((await api("GET", base, { token })).status);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(await res.text()).not.toContain("Other Portal Co");
    }
  });
});

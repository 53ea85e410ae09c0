// Typed rows (db/rows.ts) against the real libSQL server: a row read with a
// hand-written statement comes back as the table's drizzle row type, JSON
// text parsed, nulls kept, and a column the SELECT forgot is an error rather
// than a silent undefined.
import { describe, expect, it } from "vitest";
import { pickRow, rowOf } from "../../../db/rows.ts";
import { notifications, tiers } from "../../../db/tenant/schema.ts";
import { createTenant, createTestPlatform, tenantCtx } from "../../support/platform.ts";

const p = await createTestPlatform();

describe("typed rows", () => {
  it("maps a whole row through the table's columns", async () => {
    const t = await createTenant(p);
    const ctx = await tenantCtx(p, t.tenant, t.admin.token);
    const now = Date.now();
    await ctx.db.$client.execute({
      sql: "INSERT INTO tiers (id, name, rank, color, benefits, criteria, created_at, updated_at, archived_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
      args: ["tier-1", "Gold", 3, "#c9a227", JSON.stringify({ discountPct: 12 }), JSON.stringify([{ metric: "deals_won", min: 5 }]), now, now],
    });
    const { rows } = await ctx.db.$client.execute({ sql: "SELECT t.*, 7 AS partner_count FROM tiers t WHERE t.id = ?", args: ["tier-1"] });
    const tier = rowOf(tiers, rows[0]!);
    expect(tier).toEqual({
      id: "tier-1",
      name: "Gold",
      rank: 3,
      color: "#c9a227",
      benefits: { discountPct: 12 },
      criteria: [{ metric: "deals_won", min: 5 }],
      createdAt: now,
      updatedAt: now,
      archivedAt: null,
    });
    expect(typeof tier.rank).toBe("number");
  });

  it("picks the columns a read selected, and refuses one it did not", async () => {
    const t = await createTenant(p);
    const ctx = await tenantCtx(p, t.tenant, t.admin.token);
    const { rows } = await ctx.db.$client.execute({
      sql: "SELECT 'n-1' AS id, 'deal.approved' AS kind, '{\"customerName\":\"Initech\"}' AS data, 5 AS created_at, NULL AS read_at",
    });
    const row = pickRow(notifications, rows[0]!, ["id", "kind", "data", "createdAt", "readAt"]);
    expect(row).toEqual({ id: "n-1", kind: "deal.approved", data: { customerName: "Initech" }, createdAt: 5, readAt: null });
    expect(() => pickRow(notifications, rows[0]!, ["subjectId"])).toThrow(/subject_id was not selected/);
    expect(() => rowOf(notifications, rows[0]!)).toThrow(/was not selected/);
  });
});

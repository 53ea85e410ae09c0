// The vendor console's partner list query, shared by the paged list and the
// CSV export: filters, sort orders and their keyset cursors. SQL is built
// from the filters actually present (never `? IS NULL OR col = ?`), so SQLite
// can pick the matching (column, name) index on partner_orgs.
import { z } from "@hono/zod-openapi";
import type { InStatement, InValue } from "@libsql/client/web";
import { BadRequest } from "../platform/errors.ts";
import { partnerStatusField, partnerTypeField } from "./partner-org-schema.ts";

const statusList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
  z.array(partnerStatusField).min(1).max(5),
);

export const partnerOrgFilters = z.object({
  q: z.string().trim().max(100).optional().openapi({ description: "Substring of name, legal name or website domain" }),
  tier: z.string().trim().min(1).max(64).optional().openapi({ description: 'A tier id, or "none" for partners without a tier' }),
  type: partnerTypeField.optional(),
  region: z.string().trim().min(1).max(60).optional(),
  status: statusList.optional().openapi({ description: "One or more statuses, comma-separated or repeated" }),
  owner: z.string().trim().min(1).max(64).optional().openapi({ description: "Membership id of the owning channel manager" }),
});

export const partnerOrgSorts = ["name", "created", "status", "tier"] as const;
export type PartnerOrgSort = (typeof partnerOrgSorts)[number];

export const partnerOrgOrder = z.object({
  sort: z.enum(partnerOrgSorts).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
});

export type PartnerOrgFilters = z.infer<typeof partnerOrgFilters>;
export type PartnerOrgOrder = z.infer<typeof partnerOrgOrder>;

// Lifecycle order, so "sort by status" reads applicant -> offboarded.
const STATUS_RANK = `CASE o.status WHEN 'applicant' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'suspended' THEN 3 ELSE 4 END`;
// Partners without a tier (or with a tier that no longer exists) sort below every tier.
const NO_TIER_RANK = -1_000_000_000;

/**
 * The ordered key of each sort; the last element is always the id, so the
 * order is total and a cursor (the key of the last row shown) is exact.
 * Sorting by tier orders by the tier's rank: a read of the program module's
 * `tiers` table, because an ORDER BY cannot call a service verb, and tier ids
 * alone would group partners in an arbitrary order.
 */
const SORT_KEYS: Record<PartnerOrgSort, { exprs: string[]; types: ("string" | "number")[]; joinTiers?: boolean }> = {
  name: { exprs: ["o.name", "o.id"], types: ["string", "string"] },
  created: { exprs: ["o.created_at", "o.id"], types: ["number", "string"] },
  status: { exprs: [STATUS_RANK, "o.name", "o.id"], types: ["number", "string", "string"] },
  tier: { exprs: [`coalesce(t.rank, ${NO_TIER_RANK})`, "o.name", "o.id"], types: ["number", "string", "string"], joinTiers: true },
};

export const LIST_COLUMNS = `o.id, o.name, o.status, o.tier_id, o.owner_id, o.partner_type, o.region, o.country, o.website_domain,
  o.legal_name, o.size, o.created_at, (SELECT count(*) FROM memberships m WHERE m.partner_org_id = o.id) AS user_count`;

export type SortKey = (string | number)[];

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function whereOf(filters: PartnerOrgFilters): { sql: string; args: InValue[] } {
  const clauses: string[] = [];
  const args: InValue[] = [];
  if (filters.q) {
    clauses.push("o.search_text LIKE ? ESCAPE '\\'");
    args.push(`%${escapeLike(filters.q.toLowerCase())}%`);
  }
  if (filters.tier === "none") clauses.push("o.tier_id IS NULL");
  else if (filters.tier) {
    clauses.push("o.tier_id = ?");
    args.push(filters.tier);
  }
  if (filters.type) {
    clauses.push("o.partner_type = ?");
    args.push(filters.type);
  }
  if (filters.region) {
    clauses.push("o.region = ?");
    args.push(filters.region);
  }
  const statuses = [...new Set(filters.status ?? [])];
  if (statuses.length === 1) {
    clauses.push("o.status = ?");
    args.push(statuses[0]!);
  } else if (statuses.length > 1) {
    clauses.push(`o.status IN (${statuses.map(() => "?").join(", ")})`);
    args.push(...statuses);
  }
  if (filters.owner) {
    clauses.push("o.owner_id = ?");
    args.push(filters.owner);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", args };
}

/** One page (or, without `limit`, every row) in the requested order, after the cursor's key. */
export function selectPartnerOrgs(
  filters: PartnerOrgFilters,
  order: PartnerOrgOrder,
  page: { limit?: number; after?: SortKey | null } = {},
): InStatement {
  const key = SORT_KEYS[order.sort];
  const where = whereOf(filters);
  const args = [...where.args];
  let sql = where.sql;
  if (page.after) {
    const op = order.dir === "asc" ? ">" : "<";
    sql += `${sql ? " AND" : "WHERE"} (${key.exprs.join(", ")}) ${op} (${key.exprs.map(() => "?").join(", ")})`;
    args.push(...page.after);
  }
  const dir = order.dir === "asc" ? "ASC" : "DESC";
  const keyColumns = key.exprs.map((e, i) => `${e} AS k${i}`).join(", ");
  const join = key.joinTiers ? "LEFT JOIN tiers t ON t.id = o.tier_id" : "";
  const limit = page.limit !== undefined ? " LIMIT ?" : "";
  if (page.limit !== undefined) args.push(page.limit);
  return {
    sql: `SELECT ${LIST_COLUMNS}, ${keyColumns} FROM partner_orgs o ${join} ${sql}
          ORDER BY ${key.exprs.map((e) => `${e} ${dir}`).join(", ")}${limit}`,
    args,
  };
}

export function countPartnerOrgs(filters: PartnerOrgFilters): InStatement {
  const where = whereOf(filters);
  return { sql: `SELECT count(*) AS n FROM partner_orgs o ${where.sql}`, args: where.args };
}

/** The sort key of a result row (selected as k0, k1, ...). */
export function sortKeyOf(order: PartnerOrgOrder, row: Record<string, unknown>): SortKey {
  return SORT_KEYS[order.sort].types.map((type, i) => (type === "number" ? Number(row[`k${i}`]) : String(row[`k${i}`])));
}

// Cursors are base64url of UTF-8 JSON: names may hold any character, which btoa cannot encode.
export function encodeCursor(order: PartnerOrgOrder, key: SortKey): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ s: order.sort, d: order.dir, k: key }));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeCursor(order: PartnerOrgOrder, cursor: string): SortKey {
  try {
    const bin = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const parsed = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)))) as { s?: unknown; d?: unknown; k?: unknown };
    const types = SORT_KEYS[order.sort].types;
    // A cursor belongs to one sort order: reusing it under another would skip or repeat rows.
    if (
      parsed.s === order.sort &&
      parsed.d === order.dir &&
      Array.isArray(parsed.k) &&
      parsed.k.length === types.length &&
      parsed.k.every((v, i) => typeof v === types[i])
    ) {
      return parsed.k as SortKey;
    }
  } catch {
    // fall through
  }
  throw new BadRequest("The page cursor is not valid for this sort order.", "invalid_cursor", [{ field: "cursor", message: "Invalid cursor." }]);
}

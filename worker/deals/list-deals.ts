// Deal registrations the caller may see (see deal-access.ts), filtered,
// searched by customer name or domain prefix, in one of three orders with a
// keyset cursor, so page N costs what page 1 does: newest first (lists), by
// review deadline (the vendor's queue, most urgent first), by expiry
// (protection windows about to end first).
import { z } from "@hono/zod-openapi";
import type { InStatement, InValue, Row } from "@libsql/client/web";
import { dealStatuses } from "../../db/tenant/schema.ts";
import type { Ctx } from "../platform/context.ts";
import { BadRequest } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { companyNameKey, normalizeDomain } from "./customer-keys.ts";
import { dealScopeOf, scopeSql, type DealScope } from "./deal-access.ts";
import { DEAL_COLUMNS, DEAL_FROM, dealFromRow, dealSchema } from "./deal-schema.ts";

const DAY = 24 * 60 * 60 * 1000;
export const dealOrders = ["newest", "review_due", "expires"] as const;

/** What narrows and orders the deals: the list's and the CSV export's. */
export const dealFilters = z.object({
  status: z.enum(dealStatuses).optional(),
  q: z.string().trim().max(100).optional(),
  /** Approved registrations whose protection ends within this many days. */
  expiringWithinDays: z.coerce.number().int().min(1).max(365).optional(),
  partnerOrgId: z.string().max(64).optional(),
  sort: z.enum(dealOrders).default("newest"),
});

export type DealFilters = z.output<typeof dealFilters>;

export const listDealsQuery = dealFilters.extend({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(300).optional(),
});

export const dealPageSchema = z.object({ items: z.array(dealSchema), nextCursor: z.string().nullable() }).openapi("DealPage");

const ORDER: Record<(typeof dealOrders)[number], { column: string; dir: "ASC" | "DESC" }> = {
  newest: { column: "d.created_at", dir: "DESC" },
  review_due: { column: "d.review_due_at", dir: "ASC" },
  expires: { column: "d.expires_at", dir: "ASC" },
};

function decodeCursor(cursor: string, sort: string): DealKeyset {
  try {
    const [s, key, id] = JSON.parse(atob(cursor)) as [unknown, unknown, unknown];
    if (s === sort && typeof key === "number" && typeof id === "string") return [key, id];
  } catch {
    // fall through
  }
  throw new BadRequest("The page cursor is not valid for this order.", "invalid_cursor", [{ field: "cursor", message: "Invalid cursor." }]);
}

/** A keyset position in one order: the last row's sort key and id. */
export type DealKeyset = [key: number, id: string];

/**
 * The next `limit` deals after `after` that `scope` may see, matching
 * `filters`, in the filters' order (each row carries its `sort_key`).
 */
export function selectDealsStatement(ctx: Ctx, scope: DealScope, filters: DealFilters, after: DealKeyset | null, limit: number): InStatement {
  const filter = scopeSql(scope);
  const where: string[] = [];
  const args: InValue[] = [];
  if (filters.status) {
    where.push("d.status = ?");
    args.push(filters.status);
  }
  if (filters.expiringWithinDays) {
    where.push("d.status = 'approved' AND d.expires_at <= ?");
    args.push(ctx.now + filters.expiringWithinDays * DAY);
  }
  if (filters.partnerOrgId && scope.viewer === "vendor") {
    where.push("d.partner_org_id = ?");
    args.push(filters.partnerOrgId);
  }
  if (filters.q) {
    // Prefix ranges over the normalized keys: index lookups, not a scan of every name.
    const name = companyNameKey(filters.q);
    const domain = normalizeDomain(filters.q) ?? filters.q.toLowerCase();
    where.push("((d.customer_name_key >= ? AND d.customer_name_key < ?) OR (d.customer_domain_key >= ? AND d.customer_domain_key < ?))");
    args.push(name, `${name}\u{10ffff}`, domain, `${domain}\u{10ffff}`);
  }
  const order = ORDER[filters.sort];
  // Deals without the order's key (no review deadline, no expiry) are not in that order's list.
  if (filters.sort !== "newest") where.push(`${order.column} IS NOT NULL`);
  if (after) {
    const [key, id] = after;
    where.push(order.dir === "DESC" ? `(${order.column} < ? OR (${order.column} = ? AND d.id < ?))` : `(${order.column} > ? OR (${order.column} = ? AND d.id > ?))`);
    args.push(key, key, id);
  }
  return {
    sql: `SELECT ${DEAL_COLUMNS}, ${order.column} AS sort_key FROM ${DEAL_FROM}
          WHERE 1 = 1 ${where.map((w) => `AND ${w}`).join(" ")} ${filter.sql}
          ORDER BY ${order.column} ${order.dir}, d.id ${order.dir} LIMIT ?`,
    args: [...args, ...filter.args, limit],
  };
}

export const keysetOf = (row: Row): DealKeyset => [Number(row.sort_key), String(row.id)];

export async function listDeals({ ctx, query }: { ctx: Ctx; query: z.output<typeof listDealsQuery> }) {
  authorize(ctx.actor, "deals.read");
  const scope = dealScopeOf(ctx.actor);
  const after = query.cursor ? decodeCursor(query.cursor, query.sort) : null;
  const rs = await ctx.db.$client.execute(selectDealsStatement(ctx, scope, query, after, query.limit + 1));
  const rows = rs.rows.slice(0, query.limit);
  const last = rows.at(-1);
  return {
    items: rows.map((r) => dealFromRow(r, scope.viewer)),
    nextCursor: rs.rows.length > query.limit && last ? btoa(JSON.stringify([query.sort, ...keysetOf(last)])) : null,
  };
}

// The vendor console's partner list: search, filters, four sort orders and a
// keyset cursor per order, so page 400 of 10,000 partners costs what page 1
// does. The page and the filter's total count travel in one read batch.
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
import { pickRow } from "../../db/rows.ts";
import { partnerOrgs } from "../../db/tenant/schema.ts";
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import {
  countPartnerOrgs,
  decodeCursor,
  encodeCursor,
  partnerOrgFilters,
  partnerOrgOrder,
  selectPartnerOrgs,
  sortKeyOf,
} from "./partner-org-query.ts";
import type { PartnerOrg } from "./partner-org-schema.ts";

export const listPartnerOrgsQuery = partnerOrgFilters.extend({
  ...partnerOrgOrder.shape,
  // 100 by default: the portal's organization pickers still load one page.
  limit: z.coerce.number().int().min(1).max(100).default(100),
  cursor: z.string().max(1000).optional(),
});

export type ListPartnerOrgsQuery = z.input<typeof listPartnerOrgsQuery>;

export function toPartnerOrg(r: Row): PartnerOrg {
  return {
    ...pickRow(partnerOrgs, r, ["id", "name", "status", "tierId", "ownerId", "partnerType", "region", "country", "websiteDomain", "createdAt"]),
    userCount: Number(r.user_count),
  };
}

export async function listPartnerOrgs({
  ctx,
  query = {},
}: {
  ctx: Ctx;
  query?: ListPartnerOrgsQuery;
}): Promise<{ items: PartnerOrg[]; nextCursor: string | null; total: number }> {
  authorize(ctx.actor, "partners.read");
  const q = listPartnerOrgsQuery.parse(query);
  const order = { sort: q.sort, dir: q.dir };
  const after = q.cursor ? decodeCursor(order, q.cursor) : null;
  const [page, count] = await ctx.db.$client.batch([selectPartnerOrgs(q, order, { limit: q.limit + 1, after }), countPartnerOrgs(q)], "read");
  const rows = page!.rows.slice(0, q.limit);
  const last = rows.at(-1);
  return {
    items: rows.map(toPartnerOrg),
    nextCursor: page!.rows.length > q.limit && last ? encodeCursor(order, sortKeyOf(order, last)) : null,
    total: Number(count!.rows[0]!.n),
  };
}

// The vendor console's partner list: search, filters, four sort orders and a
// keyset cursor per order, so page 400 of 10,000 partners costs what page 1
// does. The page and the filter's total count travel in one read batch.
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
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

const str = (v: unknown): string | null => (v == null ? null : String(v));

export function toPartnerOrg(r: Row): PartnerOrg {
  return {
    id: String(r.id),
    name: String(r.name),
    status: String(r.status) as PartnerOrg["status"],
    tierId: str(r.tier_id),
    ownerId: str(r.owner_id),
    partnerType: str(r.partner_type) as PartnerOrg["partnerType"],
    region: str(r.region),
    country: str(r.country),
    websiteDomain: str(r.website_domain),
    userCount: Number(r.user_count),
    createdAt: Number(r.created_at),
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

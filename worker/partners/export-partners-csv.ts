// The partner list as CSV, with the same filters and order as the console
// list. The columns are the import's columns first, so an export imports
// into another portal as is; the rest (tier, owner, head count) are ignored
// by the import.
import { z } from "@hono/zod-openapi";
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import { toCsv } from "./csv.ts";
import { partnerOrgFilters, partnerOrgOrder, selectPartnerOrgs } from "./partner-org-query.ts";

export const exportPartnersQuery = partnerOrgFilters.extend(partnerOrgOrder.shape);

export const EXPORT_COLUMNS = [
  "name",
  "legal_name",
  "website_domain",
  "country",
  "region",
  "partner_type",
  "size",
  "status",
  "tier_id",
  "owner_id",
  "user_count",
  "created_at",
  "id",
] as const;

export async function exportPartnersCsv({ ctx, query = {} }: { ctx: Ctx; query?: z.input<typeof exportPartnersQuery> }): Promise<string> {
  authorize(ctx.actor, "partners.export");
  const q = exportPartnersQuery.parse(query);
  const rs = await ctx.db.$client.execute(selectPartnerOrgs(q, { sort: q.sort, dir: q.dir }));
  const rows = rs.rows.map((r) =>
    EXPORT_COLUMNS.map((c) => {
      if (c === "created_at") return new Date(Number(r.created_at)).toISOString();
      const v = r[c];
      return v == null ? null : String(v);
    }),
  );
  return toCsv([[...EXPORT_COLUMNS], ...rows]);
}

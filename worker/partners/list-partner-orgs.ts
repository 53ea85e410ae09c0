// Partner organizations with their head count, alphabetical.
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";
import type { PartnerOrg } from "./partner-org-schema.ts";

export async function listPartnerOrgs({ ctx }: { ctx: Ctx }): Promise<{ items: PartnerOrg[] }> {
  authorize(ctx.actor, "partners.read");
  const rs = await ctx.db.$client.execute(
    `SELECT o.id, o.name, o.created_at, (SELECT count(*) FROM memberships m WHERE m.partner_org_id = o.id) AS user_count
     FROM partner_orgs o ORDER BY o.name COLLATE NOCASE LIMIT 500`,
  );
  return {
    items: rs.rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      userCount: Number(r.user_count),
      createdAt: Number(r.created_at),
    })),
  };
}

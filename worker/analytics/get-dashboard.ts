// The first screen after sign-in. Until deals and leads exist it shows the
// counts a new portal has: people, organizations, pending invitations.
import { z } from "@hono/zod-openapi";
import { roles } from "../../db/tenant/schema.ts";
import type { Ctx } from "../platform/context.ts";
import { Forbidden } from "../platform/errors.ts";
import { can, orgScope, roleOf } from "../platform/policy.ts";

export const dashboardSchema = z
  .object({ role: z.enum(roles), cards: z.array(z.object({ key: z.string(), value: z.number() })) })
  .openapi("Dashboard");

export async function getDashboard({ ctx }: { ctx: Ctx }): Promise<z.infer<typeof dashboardSchema>> {
  const role = roleOf(ctx.actor);
  if (!role) throw new Forbidden();
  if (can(ctx.actor, "dashboard.vendor")) {
    const rs = await ctx.db.$client.execute({
      sql: `SELECT (SELECT count(*) FROM memberships) AS users, (SELECT count(*) FROM partner_orgs) AS orgs,
              (SELECT count(*) FROM invitations WHERE accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?) AS pending`,
      args: [ctx.now],
    });
    const r = rs.rows[0]!;
    return {
      role,
      cards: [
        { key: "users", value: Number(r.users) },
        { key: "partnerOrgs", value: Number(r.orgs) },
        { key: "pendingInvitations", value: Number(r.pending) },
      ],
    };
  }
  const scope = orgScope(ctx.actor);
  const rs = await ctx.db.$client.execute({
    sql: `SELECT (SELECT count(*) FROM memberships WHERE partner_org_id = ?) AS team,
            (SELECT count(*) FROM invitations WHERE partner_org_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?) AS pending`,
    args: [scope, scope, ctx.now],
  });
  const r = rs.rows[0]!;
  return {
    role,
    cards: [
      { key: "teamMembers", value: Number(r.team) },
      { key: "pendingInvitations", value: Number(r.pending) },
    ],
  };
}

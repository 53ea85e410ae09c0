// How big a partner organization's team is: active members plus invitations
// still waiting to be accepted. Onboarding's "invite your team" step reads
// this instead of the membership and invitation tables.
import type { Ctx } from "../context.ts";
import { Forbidden } from "../errors.ts";
import { assertInScope } from "../policy.ts";

export async function countTeam({ ctx, partnerOrgId }: { ctx: Ctx; partnerOrgId: string }): Promise<{ members: number; pendingInvitations: number }> {
  // Only counts, no names: callers authorize their own verb; this only keeps
  // partner roles to their own organization.
  if (ctx.actor.kind === "anonymous") throw new Forbidden();
  assertInScope(ctx.actor, partnerOrgId, "Partner organization");
  const rs = await ctx.db.$client.execute({
    sql: `SELECT (SELECT count(*) FROM memberships WHERE partner_org_id = ? AND status = 'active') AS members,
            (SELECT count(*) FROM invitations WHERE partner_org_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?) AS pending`,
    args: [partnerOrgId, partnerOrgId, ctx.now],
  });
  const r = rs.rows[0]!;
  return { members: Number(r.members), pendingInvitations: Number(r.pending) };
}

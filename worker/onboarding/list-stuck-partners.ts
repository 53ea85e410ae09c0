// Vendor staff find partners whose onboarding stalls: organizations still in
// `onboarding` for at least `olderThanDays`, longest waiting first, with how
// many checklist steps they have completed.
import type { Ctx } from "../platform/context.ts";
import { Forbidden } from "../platform/errors.ts";
import { authorize, orgScope } from "../platform/policy.ts";
import { DAY_MS } from "../agreements/agreement-schema.ts";
import type { StuckPartner } from "./onboarding-schema.ts";

export async function listStuckPartners({ ctx, olderThanDays }: { ctx: Ctx; olderThanDays: number }): Promise<{ items: StuckPartner[] }> {
  authorize(ctx.actor, "onboarding.read");
  if (orgScope(ctx.actor) !== null) throw new Forbidden();
  const cutoff = ctx.now - olderThanDays * DAY_MS;
  // A report over every onboarding organization reads partner_orgs directly
  // (status, name, when it entered onboarding) instead of calling
  // getPartnerOrg per organization: one batch instead of one round trip per
  // partner, read-only, and only columns the partners module publishes in
  // its own contract. "Completed" counts recorded completions; automatic
  // steps are recorded when the partner or staff first look at progress.
  const [orgsRs, totalRs] = await ctx.db.$client.batch(
    [
      {
        sql: `SELECT o.id, o.name, COALESCE(o.status_changed_at, o.created_at) AS since,
                (SELECT count(*) FROM onboarding_completions c JOIN onboarding_steps s ON s.id = c.step_id AND s.archived_at IS NULL
                 WHERE c.partner_org_id = o.id) AS completed
              FROM partner_orgs o
              WHERE o.status = 'onboarding' AND COALESCE(o.status_changed_at, o.created_at) <= ?
              ORDER BY since, o.id LIMIT 500`,
        args: [cutoff],
      },
      "SELECT count(*) AS n FROM onboarding_steps WHERE archived_at IS NULL",
    ],
    "read",
  );
  const total = Number(totalRs!.rows[0]!.n);
  return {
    items: orgsRs!.rows.map((r) => ({
      partnerOrgId: String(r.id),
      name: String(r.name),
      onboardingSince: Number(r.since),
      daysInOnboarding: Math.floor((ctx.now - Number(r.since)) / DAY_MS),
      completed: Number(r.completed),
      total,
    })),
  };
}

// The vendor's view of its program at a glance: partners by lifecycle stage,
// the work waiting for staff (applications, tier proposals), and how the
// working partners (active or onboarding) spread over the tier ladder.
// One read batch, whatever the number of partners: counts come from indexed
// GROUP BYs, never from rows sent to the Worker.
import { z } from "@hono/zod-openapi";
import { partnerStatuses } from "../../db/tenant/schema.ts";
import type { Ctx } from "../platform/context.ts";
import { authorize } from "../platform/policy.ts";

export const programOverviewSchema = z
  .object({
    partnersByStatus: z.object(Object.fromEntries(partnerStatuses.map((s) => [s, z.number()])) as Record<(typeof partnerStatuses)[number], z.ZodNumber>),
    /** Applications waiting for a decision (new, or answered after a request for information). */
    applicationsWaiting: z.number(),
    /** Tier changes proposed for review. */
    tierProposals: z.number(),
    /** Live tiers, highest rank first, with their working partners. */
    tiers: z.array(z.object({ id: z.string(), name: z.string(), color: z.string(), partners: z.number() })),
    /** Working partners on no tier (or an archived one). */
    untiered: z.number(),
  })
  .openapi("ProgramOverview");

export type ProgramOverview = z.infer<typeof programOverviewSchema>;

const WORKING = "('active', 'onboarding')";

export async function getProgramOverview({ ctx }: { ctx: Ctx }): Promise<ProgramOverview> {
  authorize(ctx.actor, "dashboard.vendor");
  const [byStatus, waiting, tiers, untiered] = await ctx.db.$client.batch(
    [
      "SELECT status, count(*) AS n FROM partner_orgs GROUP BY status",
      `SELECT (SELECT count(*) FROM partner_applications WHERE status IN ('pending', 'info_requested')) AS applications,
              (SELECT count(*) FROM tier_changes WHERE status = 'proposed') AS proposals`,
      `SELECT t.id, t.name, t.color, (SELECT count(*) FROM partner_orgs p WHERE p.tier_id = t.id AND p.status IN ${WORKING}) AS n
         FROM tiers t WHERE t.archived_at IS NULL ORDER BY t.rank DESC, t.name`,
      `SELECT count(*) AS n FROM partner_orgs p WHERE p.status IN ${WORKING}
         AND (p.tier_id IS NULL OR NOT EXISTS (SELECT 1 FROM tiers t WHERE t.id = p.tier_id AND t.archived_at IS NULL))`,
    ],
    "read",
  );
  const partnersByStatus = Object.fromEntries(partnerStatuses.map((s) => [s, 0])) as ProgramOverview["partnersByStatus"];
  for (const r of byStatus!.rows) {
    const status = String(r.status) as keyof typeof partnersByStatus;
    if (status in partnersByStatus) partnersByStatus[status] = Number(r.n);
  }
  const counts = waiting!.rows[0]!;
  return {
    partnersByStatus,
    applicationsWaiting: Number(counts.applications),
    tierProposals: Number(counts.proposals),
    tiers: tiers!.rows.map((r) => ({ id: String(r.id), name: String(r.name), color: String(r.color), partners: Number(r.n) })),
    untiered: Number(untiered!.rows[0]!.n),
  };
}

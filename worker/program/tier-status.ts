// Where a partner stands in the program: its tier and benefits, the next tier
// up and, criterion by criterion, how far it is from reaching it (e.g. 40k of
// 100k revenue, 1 of 2 certifications), and the tier changes applied so far.
// Partners see this for their own organization (`getMyTier`); vendor staff
// for any partner, with its metrics and any pending proposal
// (`getPartnerTierStatus`).
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
import { pickRow } from "../../db/rows.ts";
import type { Ctx } from "../platform/context.ts";
import { NotFound } from "../platform/errors.ts";
import { partnerStatuses, tiers } from "../../db/tenant/schema.ts";
import {
  criterionProgressSchema,
  TIER_CHANGE_COLUMNS,
  TIER_CHANGE_FROM,
  tierChangeDirections,
  tierChangeFromRow,
  tierChangeSchema,
  type TierChange,
} from "./tier-change-schema.ts";
import { nextTierAbove, progressOf, sortLadder, type CriterionProgress } from "./tier-qualification.ts";
import { tierBenefitsSchema, type TierBenefits, type TierCriterion } from "./tier-schema.ts";

const HISTORY_LIMIT = 50;

export const tierSummarySchema = z
  .object({ id: z.string(), name: z.string(), rank: z.number(), color: z.string(), benefits: tierBenefitsSchema })
  .openapi("TierSummary");

const ref = z.object({ id: z.string(), name: z.string() });

export const tierStatusSchema = z
  .object({
    partnerOrg: z.object({ id: z.string(), name: z.string(), status: z.enum(partnerStatuses) }),
    /** The tier held, since when, and whether its criteria are still met. */
    current: z.object({ tier: tierSummarySchema, since: z.number().nullable(), progress: z.array(criterionProgressSchema) }).nullable(),
    /** The next tier up and the partner's progress on each of its criteria. */
    next: z.object({ tier: tierSummarySchema, progress: z.array(criterionProgressSchema) }).nullable(),
    /** Applied tier changes, newest first. */
    history: z.array(
      z.object({ id: z.string(), fromTier: ref.nullable(), toTier: ref.nullable(), direction: z.enum(tierChangeDirections), at: z.number(), summary: z.string() }),
    ),
  })
  .openapi("TierStatus");

export const partnerTierStatusSchema = tierStatusSchema
  .extend({
    metrics: z.array(z.object({ metric: z.string(), value: z.number(), updatedAt: z.number() })),
    pendingChange: tierChangeSchema.nullable(),
  })
  .openapi("PartnerTierStatus");

export type TierStatus = z.infer<typeof tierStatusSchema>;
export type PartnerTierStatus = z.infer<typeof partnerTierStatusSchema>;

interface StatusTier {
  id: string;
  name: string;
  rank: number;
  color: string;
  benefits: TierBenefits;
  criteria: TierCriterion[];
  archived: boolean;
}

function statusTier(r: Row): StatusTier {
  const { archivedAt, ...tier } = pickRow(tiers, r, ["id", "name", "rank", "color", "benefits", "criteria", "archivedAt"]);
  return { ...tier, benefits: tier.benefits as TierBenefits, criteria: tier.criteria as TierCriterion[], archived: archivedAt != null };
}

const summary = (t: StatusTier) => ({ id: t.id, name: t.name, rank: t.rank, color: t.color, benefits: t.benefits });

/** One read batch for everything the views show; no authorization (the verbs do it). */
export async function loadPartnerTierStatus(ctx: Ctx, partnerOrgId: string): Promise<PartnerTierStatus> {
  const [orgRs, tiersRs, metricsRs, historyRs, pendingRs] = await ctx.db.$client.batch(
    [
      { sql: "SELECT id, name, status, tier_id, tier_since FROM partner_orgs WHERE id = ?", args: [partnerOrgId] },
      {
        sql: `SELECT id, name, rank, color, benefits, criteria, archived_at FROM tiers
              WHERE archived_at IS NULL OR id = (SELECT tier_id FROM partner_orgs WHERE id = ?)`,
        args: [partnerOrgId],
      },
      { sql: "SELECT metric, value, updated_at FROM partner_metrics WHERE partner_org_id = ? ORDER BY metric", args: [partnerOrgId] },
      {
        sql: `SELECT ${TIER_CHANGE_COLUMNS} FROM ${TIER_CHANGE_FROM} WHERE c.partner_org_id = ? AND c.status = 'applied'
              ORDER BY c.decided_at DESC, c.id DESC LIMIT ${HISTORY_LIMIT}`,
        args: [partnerOrgId],
      },
      {
        sql: `SELECT ${TIER_CHANGE_COLUMNS} FROM ${TIER_CHANGE_FROM} WHERE c.partner_org_id = ? AND c.status = 'proposed'
              ORDER BY c.evaluated_at DESC, c.id DESC LIMIT 1`,
        args: [partnerOrgId],
      },
    ],
    "read",
  );
  const org = orgRs!.rows[0];
  if (!org) throw new NotFound("Partner organization not found.");
  const tiers = tiersRs!.rows.map(statusTier);
  const ladder = sortLadder(tiers.filter((t) => !t.archived));
  const current = org.tier_id == null ? undefined : tiers.find((t) => t.id === String(org.tier_id));
  const metrics = new Map(metricsRs!.rows.map((r) => [String(r.metric), Number(r.value)]));
  const next = nextTierAbove(ladder, current?.rank ?? null);
  const progress = (t: StatusTier): CriterionProgress[] => progressOf(t, metrics);
  const history = historyRs!.rows.map(tierChangeFromRow);
  const pending: TierChange | undefined = pendingRs!.rows[0] ? tierChangeFromRow(pendingRs!.rows[0]) : undefined;
  return {
    partnerOrg: { id: String(org.id), name: String(org.name), status: String(org.status) as PartnerTierStatus["partnerOrg"]["status"] },
    current: current ? { tier: summary(current), since: org.tier_since == null ? null : Number(org.tier_since), progress: progress(current) } : null,
    next: next ? { tier: summary(next), progress: progress(next) } : null,
    history: history.map((h) => ({
      id: h.id,
      fromTier: h.fromTier,
      toTier: h.toTier,
      direction: h.direction,
      at: h.decidedAt ?? h.evaluatedAt,
      summary: h.reason.summary,
    })),
    metrics: metricsRs!.rows.map((r) => ({ metric: String(r.metric), value: Number(r.value), updatedAt: Number(r.updated_at) })),
    pendingChange: pending ?? null,
  };
}

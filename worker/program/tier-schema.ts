// What a tier is: its place in the ladder (rank), its benefits and the
// criteria a partner must meet, all together (AND). A tier without criteria is
// the entry tier everyone qualifies for. The `tiers` table stores benefits and
// criteria as JSON validated here.
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
import { metricField, type Metric } from "./metrics.ts";
import { tiers } from "../../db/tenant/schema.ts";
import { rowOf } from "../../db/rows.ts";

export const contentVisibilities = ["public", "partner", "tier_only"] as const;

const percent = z.number().min(0, "Use 0 to 100.").max(100, "Use 0 to 100.");
const intRange = (min: number, max: number) => z.int().min(min, `Use ${min} to ${max}.`).max(max, `Use ${min} to ${max}.`);

export const tierBenefitsSchema = z
  .object({
    /** Days an approved deal registration is protected; overrides the program default. */
    dealProtectionDays: intRange(0, 365),
    registrationDiscountPct: percent,
    mdfEligible: z.boolean(),
    coopAccrualPct: percent,
    leadPriorityWeight: intRange(0, 100),
    contentVisibility: z.enum(contentVisibilities),
  })
  .openapi("TierBenefits");

export const tierCriterionSchema = z
  .object({
    metric: metricField,
    /** Money metrics are in the tenant's minor units. */
    min: z.number().min(0, "Use 0 or more.").max(1e15, "The value is out of range."),
  })
  .openapi("TierCriterion");

export const tierCriteriaSchema = z
  .array(tierCriterionSchema)
  .max(10, "Use at most 10 criteria.")
  .superRefine((criteria, ctx) => {
    const seen = new Set<string>();
    criteria.forEach((c, i) => {
      if (seen.has(c.metric)) ctx.addIssue({ code: "custom", path: [i, "metric"], message: "Each metric can appear once." });
      seen.add(c.metric);
    });
  });

export const tierNameField = z.string().trim().min(1, "Enter a name.").max(60, "Use at most 60 characters.").openapi({ example: "Gold" });
export const tierRankField = z.int("Use a whole number.").min(0, "Use 0 to 10000.").max(10_000, "Use 0 to 10000.").openapi({ example: 30 });
export const tierColorField = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a #rrggbb colour.")
  .transform((s) => s.toLowerCase())
  .openapi({ example: "#d4af37" });

export const createTierInput = z
  .object({
    name: tierNameField,
    rank: tierRankField,
    color: tierColorField,
    benefits: tierBenefitsSchema,
    criteria: tierCriteriaSchema.default([]),
  })
  .openapi("CreateTierInput");

export const updateTierInput = z
  .object({
    name: tierNameField.optional(),
    rank: tierRankField.optional(),
    color: tierColorField.optional(),
    benefits: tierBenefitsSchema.optional(),
    criteria: tierCriteriaSchema.optional(),
  })
  .openapi("UpdateTierInput");

export const archiveTierInput = z
  .object({ moveToTierId: z.string().min(1).max(64).optional().nullable() })
  .openapi("ArchiveTierInput");

export const tierSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    rank: z.number(),
    color: z.string(),
    benefits: tierBenefitsSchema,
    criteria: z.array(tierCriterionSchema),
    partnerCount: z.number(),
    createdAt: z.number(),
    updatedAt: z.number(),
    archivedAt: z.number().nullable(),
  })
  .openapi("Tier");

export type TierBenefits = z.infer<typeof tierBenefitsSchema>;
export type TierCriterion = { metric: Metric; min: number };
export type Tier = z.infer<typeof tierSchema>;

export const TIER_COLUMNS = `t.id, t.name, t.rank, t.color, t.benefits, t.criteria, t.created_at, t.updated_at, t.archived_at,
  (SELECT count(*) FROM partner_orgs p WHERE p.tier_id = t.id) AS partner_count`;

export function tierFromRow(r: Row): Tier {
  const tier = rowOf(tiers, r);
  return {
    ...tier,
    benefits: tier.benefits as TierBenefits,
    criteria: tier.criteria as TierCriterion[],
    partnerCount: Number(r.partner_count ?? 0),
  };
}


// A tier change: what evaluation (or archiving a tier) proposed or applied
// for one partner, and why, with the figures it was measured on.
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
import { tierPolicySchema } from "./program-rules-schema.ts";
import { tierChanges } from "../../db/tenant/schema.ts";
import { pickRow } from "../../db/rows.ts";

export const tierChangeDirections = ["promotion", "demotion", "initial"] as const;
export type TierChangeDirection = (typeof tierChangeDirections)[number];
export const tierChangeStatuses = ["proposed", "applied", "dismissed"] as const;
export type TierChangeStatus = (typeof tierChangeStatuses)[number];

export const criterionProgressSchema = z
  .object({ metric: z.string(), min: z.number(), actual: z.number(), met: z.boolean() })
  .openapi("CriterionProgress");

export const reasonTierSchema = z
  .object({ tierId: z.string(), name: z.string(), rank: z.number(), criteria: z.array(criterionProgressSchema) })
  .openapi("TierChangeReasonTier");

export const tierChangeReasonSchema = z
  .object({
    kind: z.enum(["evaluation", "tier_archived"]),
    summary: z.string(),
    /** Evaluation: the tier the partner qualifies for, and the one above it, criterion by criterion. */
    target: reasonTierSchema.nullable().optional(),
    nextTier: reasonTierSchema.nullable().optional(),
    policy: tierPolicySchema.optional(),
    /** A demotion waiting out the policy's grace period applies from this time. */
    graceUntil: z.number().optional(),
    archivedTier: z.object({ id: z.string(), name: z.string() }).optional(),
    /** Set when the system dismissed a proposal that no longer matched the partner's standing. */
    autoDismissed: z.string().optional(),
  })
  .openapi("TierChangeReason");

export type TierChangeReason = z.infer<typeof tierChangeReasonSchema>;

const ref = z.object({ id: z.string(), name: z.string() });

export const tierChangeSchema = z
  .object({
    id: z.string(),
    partnerOrg: ref,
    fromTier: ref.nullable(),
    toTier: ref.nullable(),
    direction: z.enum(tierChangeDirections),
    status: z.enum(tierChangeStatuses),
    reason: tierChangeReasonSchema,
    evaluatedAt: z.number(),
    decidedBy: z.string().nullable(),
    decidedAt: z.number().nullable(),
  })
  .openapi("TierChange");

export type TierChange = z.infer<typeof tierChangeSchema>;

export const TIER_CHANGE_COLUMNS = `c.id, c.partner_org_id, c.from_tier_id, c.to_tier_id, c.direction, c.status, c.reason, c.evaluated_at,
  c.decided_by, c.decided_at, o.name AS partner_org_name, ft.name AS from_tier_name, tt.name AS to_tier_name`;

export const TIER_CHANGE_FROM = `tier_changes c JOIN partner_orgs o ON o.id = c.partner_org_id
  LEFT JOIN tiers ft ON ft.id = c.from_tier_id LEFT JOIN tiers tt ON tt.id = c.to_tier_id`;

export function tierChangeFromRow(r: Row): TierChange {
  const change = pickRow(tierChanges, r, ["id", "direction", "status", "reason", "evaluatedAt", "decidedBy", "decidedAt"]);
  return {
    ...change,
    partnerOrg: { id: String(r.partner_org_id), name: String(r.partner_org_name) },
    fromTier: r.from_tier_id == null ? null : { id: String(r.from_tier_id), name: String(r.from_tier_name ?? "") },
    toTier: r.to_tier_id == null ? null : { id: String(r.to_tier_id), name: String(r.to_tier_name ?? "") },
    reason: change.reason as TierChangeReason,
  };
}

// Partner metrics: the numbers tier criteria are measured against. Computed
// metrics are kept current by the modules that own their facts (deals write
// won revenue and deal counts, enablement writes certifications) through
// `upsertMetricStatement`, inside their own batches; custom metrics
// (`custom:<key>`) are set by vendor staff with `setPartnerMetric`.
//
// Values are REAL. Money metrics (`won_revenue_12m`) are in the tenant's
// minor units (cents for USD), like every amount in the product; counts are
// whole numbers stored as REAL.
import { z } from "@hono/zod-openapi";
import type { InStatement } from "@libsql/client/web";

export const computedMetrics = ["won_revenue_12m", "won_deals_12m", "registered_deals_12m", "active_certifications"] as const;
export type ComputedMetric = (typeof computedMetrics)[number];

export const CUSTOM_METRIC = /^custom:[a-z][a-z0-9_]{0,39}$/;
export type CustomMetric = `custom:${string}`;
export type Metric = ComputedMetric | CustomMetric;

export const customMetricField = z
  .string()
  .regex(CUSTOM_METRIC, "Use custom: followed by a lowercase key (letters, digits, underscores; at most 40).")
  .openapi({ example: "custom:certified_engineers" });

export const metricField = z
  .union([z.enum(computedMetrics), customMetricField])
  .openapi({ description: "A computed metric or a tenant-defined `custom:<key>` metric.", example: "won_revenue_12m" });

/** Largest magnitude a metric value may have: well inside IEEE-754's exact integer range. */
export const MAX_METRIC_VALUE = 1e15;

export const metricValueField = z
  .number()
  .min(-MAX_METRIC_VALUE, "The value is out of range.")
  .max(MAX_METRIC_VALUE, "The value is out of range.")
  .openapi({ example: 4_000_000 });

/**
 * Sets one metric of one partner, for batches of the modules that compute
 * metrics (no authorization, no audit: the caller's own change is audited).
 */
export function upsertMetricStatement(partnerOrgId: string, metric: Metric, value: number, now: number): InStatement {
  return {
    sql: `INSERT INTO partner_metrics (partner_org_id, metric, value, updated_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (partner_org_id, metric) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    args: [partnerOrgId, metric, value, now],
  };
}

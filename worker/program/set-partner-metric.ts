// Vendor staff record a tenant-defined metric for a partner (`custom:<key>`,
// e.g. custom:certified_engineers) that tier criteria can use. Computed
// metrics belong to the modules that compute them and cannot be set here.
import { z } from "@hono/zod-openapi";
import { auditWhen } from "../platform/audit.ts";
import type { Ctx } from "../platform/context.ts";
import { NotFound, ValidationFailed } from "../platform/errors.ts";
import { authorize } from "../platform/policy.ts";
import { fieldErrorsFromZod } from "../platform/problem.ts";
import { computedMetrics, customMetricField, metricValueField, type CustomMetric } from "./metrics.ts";

export const setPartnerMetricInput = z
  .object({ partnerOrgId: z.string().min(1).max(64), metric: customMetricField, value: metricValueField })
  .openapi("SetPartnerMetricInput");

export const partnerMetricSchema = z
  .object({ partnerOrgId: z.string(), metric: z.string(), value: z.number(), updatedAt: z.number() })
  .openapi("PartnerMetric");

export type PartnerMetric = z.infer<typeof partnerMetricSchema>;

export async function setPartnerMetric({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { partnerOrgId: string; metric: string; value: number };
}): Promise<PartnerMetric> {
  authorize(ctx.actor, "tiers.evaluate");
  // Routes pass the metric from the path: validated here, for every caller.
  const parsed = setPartnerMetricInput.safeParse(input);
  if (!parsed.success) {
    const computed = (computedMetrics as readonly string[]).includes(input.metric);
    throw new ValidationFailed(
      computed ? [{ field: "metric", message: "Only custom:<key> metrics can be set; computed metrics are kept by the system.", code: "invalid_value" }] : fieldErrorsFromZod(parsed.error),
    );
  }
  const { partnerOrgId, value } = parsed.data;
  const metric = parsed.data.metric as CustomMetric;
  const { now } = ctx;
  const exists = { sql: "SELECT 1 FROM partner_orgs WHERE id = ?", args: [partnerOrgId] };
  const [, written] = await ctx.db.$client.batch(
    [
      auditWhen(ctx.actor, now, "partner_metric.set", { type: "partner_org", id: partnerOrgId }, exists, { metric, value }),
      {
        // WHERE makes the INSERT ... SELECT unambiguous before ON CONFLICT, and skips unknown partners.
        sql: `INSERT INTO partner_metrics (partner_org_id, metric, value, updated_at)
              SELECT ?, ?, ?, ? WHERE EXISTS (${exists.sql})
              ON CONFLICT (partner_org_id, metric) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
              RETURNING partner_org_id`,
        args: [partnerOrgId, metric, value, now, ...exists.args],
      },
    ],
    "write",
  );
  if (written!.rows.length === 0) throw new NotFound("Partner organization not found.");
  return { partnerOrgId, metric, value, updatedAt: now };
}

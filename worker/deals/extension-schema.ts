// A request for more protection time as partners and vendor staff read it.
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
import { extensionStatuses } from "../../db/tenant/schema.ts";

export const dealExtensionSchema = z
  .object({
    id: z.string(),
    status: z.enum(extensionStatuses),
    justification: z.string(),
    requestedBy: z.string().nullable(),
    days: z.number().nullable(),
    decisionReason: z.string().nullable(),
    decidedAt: z.number().nullable(),
    createdAt: z.number(),
  })
  .openapi("DealExtension");

export type DealExtension = z.infer<typeof dealExtensionSchema>;

export const EXTENSION_COLUMNS = "x.id, x.status, x.justification, m.name AS requested_by_name, x.days, x.decision_reason, x.decided_at, x.created_at";

export function extensionFromRow(r: Row): DealExtension {
  return {
    id: String(r.id),
    status: String(r.status) as DealExtension["status"],
    justification: String(r.justification),
    requestedBy: r.requested_by_name == null ? null : String(r.requested_by_name),
    days: r.days == null ? null : Number(r.days),
    decisionReason: r.decision_reason == null ? null : String(r.decision_reason),
    decidedAt: r.decided_at == null ? null : Number(r.decided_at),
    createdAt: Number(r.created_at),
  };
}

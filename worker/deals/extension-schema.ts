// A request for more protection time as partners and vendor staff read it.
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
import { dealExtensionRequests, extensionStatuses } from "../../db/tenant/schema.ts";
import { pickRow } from "../../db/rows.ts";

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
    ...pickRow(dealExtensionRequests, r, ["id", "status", "justification", "days", "decisionReason", "decidedAt", "createdAt"]),
    requestedBy: r.requested_by_name == null ? null : String(r.requested_by_name),
  };
}

// How an invitation is shown, and how its status follows from its row.
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
import { roles } from "../../../db/tenant/schema.ts";

export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    partnerOrg: z.object({ id: z.string(), name: z.string() }).nullable(),
    status: z.enum(["pending", "accepted", "revoked", "expired"]),
    expiresAt: z.number(),
    createdAt: z.number(),
  })
  .openapi("Invitation");

export type Invitation = z.infer<typeof invitationSchema>;

export const INVITATION_COLUMNS = `i.id, i.email, i.name, i.role, i.partner_org_id, i.created_at, i.expires_at, i.accepted_at, i.revoked_at,
  (SELECT o.name FROM partner_orgs o WHERE o.id = i.partner_org_id) AS partner_org_name`;

export function invitationFromRow(r: Row, now: number): Invitation {
  const status = r.accepted_at != null ? "accepted" : r.revoked_at != null ? "revoked" : Number(r.expires_at) <= now ? "expired" : "pending";
  return {
    id: String(r.id),
    email: String(r.email),
    name: String(r.name),
    role: String(r.role) as Invitation["role"],
    partnerOrg: r.partner_org_id == null ? null : { id: String(r.partner_org_id), name: String(r.partner_org_name ?? "") },
    status,
    expiresAt: Number(r.expires_at),
    createdAt: Number(r.created_at),
  };
}

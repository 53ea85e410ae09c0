// How an invitation is shown, and how its status follows from its row.
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
import { invitations, roles } from "../../../db/tenant/schema.ts";
import { pickRow } from "../../../db/rows.ts";

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
  const row = pickRow(invitations, r, ["id", "email", "name", "role", "expiresAt", "createdAt", "acceptedAt", "revokedAt"]);
  const status = row.acceptedAt != null ? "accepted" : row.revokedAt != null ? "revoked" : row.expiresAt <= now ? "expired" : "pending";
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    partnerOrg: r.partner_org_id == null ? null : { id: String(r.partner_org_id), name: String(r.partner_org_name ?? "") },
    status,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

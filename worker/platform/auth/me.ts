// The signed-in person as the API shows them: membership, tenant, and what
// their role allows (the portal uses `permissions` to shape navigation).
import { z } from "@hono/zod-openapi";
import { pickRow } from "../../../db/rows.ts";
import { portalBranding, roles } from "../../../db/tenant/schema.ts";
import { UNREAD_CAP } from "../../notifications/notification-schema.ts";
import { accessibleTextColor, DEFAULT_PRIMARY_COLOR } from "../../recruitment/branding/branding-schema.ts";
import type { TenantRef } from "../context.ts";
import { permissionsOf } from "../policy.ts";
import type { MemberRow } from "./sessions.ts";

export const meSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    partnerOrg: z.object({ id: z.string(), name: z.string() }).nullable(),
    tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    permissions: z.array(z.string()),
    unreadNotifications: z.number().openapi({ description: `Unread in-app notifications, counted up to ${UNREAD_CAP} (the portal shows 99+).` }),
    branding: z
      .object({ portalName: z.string(), logoUrl: z.string().nullable(), primaryColor: z.string(), textColor: z.string() })
      .openapi({ description: "The portal's look for the signed-in shell (see GET /branding for all of it)." }),
  })
  .openapi("Me");

export type Me = z.infer<typeof meSchema>;

export function toMe(member: MemberRow, tenant: TenantRef): Me {
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    role: member.role,
    partnerOrg: member.partnerOrgId ? { id: member.partnerOrgId, name: member.partnerOrgName ?? "" } : null,
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    permissions: permissionsOf(member.role),
    unreadNotifications: member.unreadNotifications,
    branding: shellBranding(member, tenant),
  };
}

/** The shell's colours and name: the branding columns MEMBER_COLUMNS carries beside the session. */
function shellBranding(member: MemberRow, tenant: TenantRef): Me["branding"] {
  const values = member.brandingRow
    ? pickRow(portalBranding, member.brandingRow, ["portalName", "logoUrl", "primaryColor"])
    : { portalName: tenant.name, logoUrl: null, primaryColor: DEFAULT_PRIMARY_COLOR };
  return { ...values, textColor: accessibleTextColor(values.primaryColor).textColor };
}

// The minimal partner organization the platform needs for partner roles;
// the partner program issue grows it into a full profile.
import { z } from "@hono/zod-openapi";

export const partnerOrgSchema = z
  .object({ id: z.string(), name: z.string(), userCount: z.number(), createdAt: z.number() })
  .openapi("PartnerOrg");

export const createPartnerOrgInput = z
  .object({ name: z.string().trim().min(2, "Enter the organization's name.").max(120, "Use at most 120 characters.") })
  .openapi("CreatePartnerOrgInput");

export type PartnerOrg = z.infer<typeof partnerOrgSchema>;

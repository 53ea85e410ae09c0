// "Become a partner" applications: what the public form sends, what
// reviewers see, and how a review is decided.
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
import { pickRow } from "../../../db/rows.ts";
import { applicationStatuses, partnerApplications } from "../../../db/tenant/schema.ts";
import { emailField, personNameField } from "../../platform/fields.ts";
import { countryField, partnerOrgNameField, partnerTypeField, websiteDomainField } from "../../partners/partner-org-schema.ts";

export const submitApplicationInput = z
  .object({
    company: partnerOrgNameField,
    websiteDomain: websiteDomainField,
    country: countryField,
    partnerType: partnerTypeField,
    contactName: personNameField,
    contactEmail: emailField,
    message: z.string().trim().max(2000, "Use at most 2000 characters.").optional(),
    // Honeypot: hidden from people by the form, so only bots fill it in.
    website: z.string().max(2000).optional().openapi({ description: "Leave empty." }),
  })
  .openapi("SubmitApplicationInput");

export const applicationSchema = z
  .object({
    id: z.string(),
    company: z.string(),
    websiteDomain: z.string().nullable(),
    country: z.string().nullable(),
    partnerType: partnerTypeField.nullable(),
    contactName: z.string(),
    contactEmail: z.string(),
    message: z.string().nullable(),
    status: z.enum(applicationStatuses),
    decisionReason: z.string().nullable(),
    partnerOrgId: z.string().nullable(),
    reviewedBy: z.string().nullable(),
    reviewedAt: z.number().nullable(),
    createdAt: z.number(),
  })
  .openapi("PartnerApplication");

export const reviewApplicationInput = z
  .object({
    decision: z.enum(["approve", "decline", "request_info"]),
    reason: z.string().trim().max(2000, "Use at most 2000 characters.").optional(),
    message: z.string().trim().max(2000, "Use at most 2000 characters.").optional(),
  })
  .openapi("ReviewApplicationInput");

export type Application = z.infer<typeof applicationSchema>;

export const APPLICATION_COLUMNS = `id, company, website_domain, country, partner_type, contact_name, contact_email, message, status,
  decision_reason, partner_org_id, reviewed_by, reviewed_at, created_at`;

export function toApplication(r: Row): Application {
  return pickRow(partnerApplications, r, [
    "id", "company", "websiteDomain", "country", "partnerType", "contactName", "contactEmail", "message", "status",
    "decisionReason", "partnerOrgId", "reviewedBy", "reviewedAt", "createdAt",
  ]);
}

// Partner agreement contracts: published versions (the highest is current),
// signatures, and where an organization stands against the current version.
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
import { agreementAcceptances, agreements } from "../../db/tenant/schema.ts";
import { pickRow, rowOf } from "../../db/rows.ts";

export const DAY_MS = 24 * 60 * 60 * 1000;

export const publishAgreementInput = z
  .object({
    title: z.string().trim().min(1, "Enter a title.").max(200, "Use at most 200 characters.").openapi({ example: "Partner Program Agreement" }),
    body: z
      .string()
      .min(1, "Enter the agreement text.")
      .max(200_000, "Use at most 200,000 characters.")
      .openapi({ description: "HTML; kept: p, h2, h3, ul, ol, li, strong, em, br, a[href^=https:|mailto:]. Everything else is removed." }),
    graceDays: z.number().int("Use whole days.").min(0, "Use 0 to 90 days.").max(90, "Use 0 to 90 days.").openapi({ example: 30 }),
  })
  .openapi("PublishAgreementInput");

export const signAgreementInput = z
  .object({
    signedName: z.string().trim().min(1, "Type your full name to sign.").max(120, "Use at most 120 characters.").openapi({ example: "Paula Admin" }),
  })
  .openapi("SignAgreementInput");

export const agreementSummarySchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    title: z.string(),
    graceDays: z.number().int(),
    publishedAt: z.number(),
    publishedBy: z.string(),
  })
  .openapi("AgreementSummary");

export const agreementSchema = agreementSummarySchema.extend({ body: z.string() }).openapi("Agreement");

export const acceptanceSchema = z
  .object({
    id: z.string(),
    agreementId: z.string(),
    version: z.number().int(),
    partnerOrgId: z.string(),
    membershipId: z.string(),
    signedName: z.string(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    acceptedAt: z.number(),
  })
  .openapi("AgreementAcceptance");

export const acceptanceReportRowSchema = acceptanceSchema
  .extend({ partnerOrgName: z.string().nullable(), signerEmail: z.string().nullable() })
  .openapi("AgreementAcceptanceReportRow");

export const agreementStatusSchema = z
  .object({
    partnerOrgId: z.string(),
    current: agreementSummarySchema.nullable(),
    /** Signed the current version. */
    signed: z.boolean(),
    /** The newest version this organization signed, if any. */
    signedVersion: z.number().int().nullable(),
    signedAt: z.number().nullable(),
    /** When the current version must be signed by; null when signed or nothing is published. */
    mustSignBy: z.number().nullable(),
    /** True when the portal must stop the organization until a partner admin signs. */
    blocking: z.boolean(),
  })
  .openapi("AgreementStatus");

export type Agreement = z.infer<typeof agreementSchema>;
export type AgreementSummary = z.infer<typeof agreementSummarySchema>;
export type Acceptance = z.infer<typeof acceptanceSchema>;
export type AgreementStatus = z.infer<typeof agreementStatusSchema>;

export const AGREEMENT_SUMMARY_COLUMNS = "a.id, a.version, a.title, a.grace_days, a.published_at, a.published_by";

export function summaryFromRow(r: Row): AgreementSummary {
  return pickRow(agreements, r, ["id", "version", "title", "graceDays", "publishedAt", "publishedBy"]);
}

export function agreementFromRow(r: Row): Agreement {
  return { ...summaryFromRow(r), body: pickRow(agreements, r, ["body"]).body };
}

export const ACCEPTANCE_COLUMNS =
  "x.id, x.agreement_id, a.version, x.partner_org_id, x.membership_id, x.signed_name, x.ip, x.user_agent, x.accepted_at";

export function acceptanceFromRow(r: Row): Acceptance {
  return { ...rowOf(agreementAcceptances, r), version: Number(r.version) };
}

/** Case-insensitive, extra spaces ignored: "  ana  GARCÍA " signs as "Ana García". */
export function normalizePersonName(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

// Partner organization contracts: the list row, the full profile (detail),
// and the field rules every input shares (API edits, CSV import, applications),
// so "website domain" or "country" means the same thing everywhere.
import { z } from "@hono/zod-openapi";
import { companySizes, partnerStatuses, partnerTypes } from "../../db/tenant/schema.ts";
import { COUNTRY_CODES } from "./countries.ts";

export const partnerOrgNameField = z
  .string()
  .trim()
  .min(2, "Enter the organization's name.")
  .max(120, "Use at most 120 characters.");

/** Lower-case host only: scheme, credentials, `www.`, port, path, query and fragment are dropped. */
export function normalizeWebsiteDomain(raw: string): string {
  let s = raw.trim().toLowerCase();
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  s = s.replace(/^[^@/]*@/, "");
  s = s.split(/[/?#]/, 1)[0] ?? "";
  s = s.replace(/:\d*$/, "").replace(/\.$/, "");
  // International names become their punycode (ASCII) form; anything URL
  // parsing refuses is left for the validator to reject.
  if (/[^\x00-\x7f]/.test(s)) {
    try {
      s = new URL(`http://${s}`).hostname;
    } catch {
      // not a host name
    }
  }
  if (s.startsWith("www.")) s = s.slice(4);
  return s;
}

const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export const websiteDomainField = z
  .string()
  .max(300, "Use at most 300 characters.")
  .transform(normalizeWebsiteDomain)
  .pipe(z.string().regex(DOMAIN, "Enter a website domain such as example.com."))
  .openapi({ example: "example.com" });

export const countryField = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => COUNTRY_CODES.has(c), "Choose a country (ISO 3166-1 alpha-2 code).")
  .openapi({ example: "DE" });

export const shortLabel = z.string().trim().min(1, "Enter a value.").max(60, "Use at most 60 characters.");

/** ≤ 20 labels of ≤ 60 characters, de-duplicated case-insensitively (first spelling kept). */
const labelList = z
  .array(shortLabel)
  .transform((items) => {
    const seen = new Set<string>();
    return items.filter((s) => {
      const k = s.toLowerCase();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  })
  .pipe(z.array(z.string()).max(20, "Use at most 20 items."));

const httpsUrl = z
  .string()
  .trim()
  .max(2000, "Use at most 2000 characters.")
  .refine((s) => {
    try {
      return new URL(s).protocol === "https:";
    } catch {
      return false;
    }
  }, "Use an https:// address.");

export const addressSchema = z
  .object({
    line1: z.string().trim().max(200, "Use at most 200 characters.").optional(),
    line2: z.string().trim().max(200, "Use at most 200 characters.").optional(),
    city: z.string().trim().max(120, "Use at most 120 characters.").optional(),
    postalCode: z.string().trim().max(20, "Use at most 20 characters.").optional(),
    state: z.string().trim().max(120, "Use at most 120 characters.").optional(),
    country: countryField.optional(),
  })
  .openapi("PostalAddress");

export const legalNameField = z.string().trim().min(1, "Enter the legal name.").max(200, "Use at most 200 characters.");

export const partnerTypeField = z.enum(partnerTypes);
export const partnerStatusField = z.enum(partnerStatuses);
export const companySizeField = z.enum(companySizes);

/** The list row for the vendor console. */
export const partnerOrgSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: partnerStatusField,
    tierId: z.string().nullable(),
    ownerId: z.string().nullable(),
    partnerType: partnerTypeField.nullable(),
    region: z.string().nullable(),
    country: z.string().nullable(),
    websiteDomain: z.string().nullable(),
    userCount: z.number(),
    createdAt: z.number(),
  })
  .openapi("PartnerOrg");

export const partnerOrgDetailSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    legalName: z.string().nullable(),
    websiteDomain: z.string().nullable(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    partnerType: partnerTypeField.nullable(),
    industries: z.array(z.string()),
    products: z.array(z.string()),
    size: companySizeField.nullable(),
    address: addressSchema,
    logoUrl: z.string().nullable(),
    ownerId: z.string().nullable(),
    status: partnerStatusField,
    statusReason: z.string().nullable(),
    statusChangedAt: z.number().nullable(),
    tierId: z.string().nullable(),
    tierSince: z.number().nullable(),
    createdAt: z.number(),
    updatedAt: z.number().nullable(),
    userCount: z.number(),
    profile: z.object({ complete: z.boolean(), missing: z.array(z.string()) }),
  })
  .openapi("PartnerOrgDetail");

export const createPartnerOrgInput = z
  .object({
    name: partnerOrgNameField,
    legalName: legalNameField.optional(),
    websiteDomain: websiteDomainField.optional(),
    country: countryField.optional(),
    region: shortLabel.optional(),
    partnerType: partnerTypeField.optional(),
    size: companySizeField.optional(),
    status: partnerStatusField.optional(),
  })
  .openapi("CreatePartnerOrgInput");

/** Every field optional: a PATCH sets what it carries; `null` clears an optional field. */
export const updatePartnerProfileInput = z
  .object({
    name: partnerOrgNameField.optional(),
    legalName: legalNameField.nullable().optional(),
    websiteDomain: websiteDomainField.nullable().optional(),
    country: countryField.nullable().optional(),
    region: shortLabel.nullable().optional(),
    partnerType: partnerTypeField.nullable().optional(),
    industries: labelList.optional(),
    products: labelList.optional(),
    size: companySizeField.nullable().optional(),
    address: addressSchema.nullable().optional(),
    logoUrl: httpsUrl.nullable().optional(),
    ownerId: z.string().min(1).max(64).nullable().optional(),
  })
  .strict()
  .openapi("UpdatePartnerProfileInput");

export type PartnerOrg = z.infer<typeof partnerOrgSchema>;
export type PartnerOrgDetail = z.infer<typeof partnerOrgDetailSchema>;
export type UpdatePartnerProfileInput = z.infer<typeof updatePartnerProfileInput>;

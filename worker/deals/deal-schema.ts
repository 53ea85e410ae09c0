// What a deal registration is on the wire: the partner's input (validated
// here, custom fields against the tenant's rules in `validateCustomFields`),
// the deal as partners and vendor staff read it, and the row mapping. A
// partner never sees who holds a conflicting registration: `conflict` for
// partner roles carries reasons and dates only (see `conflictFor`).
import { z } from "@hono/zod-openapi";
import type { Row } from "@libsql/client/web";
import { pickRow } from "../../db/rows.ts";
import { deals, dealStatuses, type DealStatus } from "../../db/tenant/schema.ts";
import { CURRENCY_TABLE } from "../../shared-code/currencies.ts";
import { COUNTRY_CODES } from "../partners/countries.ts";
import type { FieldError } from "../platform/errors.ts";
import type { RulesOf } from "../program/program-rules-schema.ts";

const DAY = 24 * 60 * 60 * 1000;

/** ISO 4217 codes accepted for deal values -> minor-unit digits, from the table the portal reads too. */
export const CURRENCIES: ReadonlyMap<string, number> = new Map(CURRENCY_TABLE.map((c) => [c.code, c.digits]));

const trimmed = (max: number, message = `Use at most ${max} characters.`) => z.string().trim().max(max, message);

export const dealInputShape = {
  customerName: trimmed(200).min(2, "Enter the customer's company name."),
  customerDomain: trimmed(300).optional().openapi({ example: "globex.com", description: "The customer's website or domain." }),
  contactName: trimmed(120).optional(),
  contactEmail: z.email("Enter a valid email address.").max(254).optional(),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => COUNTRY_CODES.has(c), "Use an ISO country code such as DE or US.")
    .optional(),
  value: z
    .number("Enter the estimated value.")
    .positive("The value must be more than 0.")
    .max(1e12, "The value is out of range.")
    .openapi({ description: "In major units (e.g. 25000.50 USD).", example: 25000 }),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => CURRENCIES.has(c), "Use a currency code such as USD or EUR."),
  expectedCloseDate: z.iso.date("Use a date such as 2027-03-31.").optional(),
  products: z.array(trimmed(80).min(1, "Enter the product.")).max(20, "Use at most 20 products.").default([]),
  notes: trimmed(4000).optional(),
  customFields: z.record(z.string().max(40), z.union([z.string().max(500), z.number()])).default({}),
};

export const registerDealInput = z
  .object({ ...dealInputShape, submit: z.boolean().default(true).openapi({ description: "False saves a draft." }) })
  .openapi("RegisterDealInput");

export type RegisterDealInput = z.output<typeof registerDealInput>;

export const conflictReasons = ["domain", "name", "products"] as const;

const conflictMatchSchema = z.object({
  /** Another partner's registration, or one of the caller's own organization (`sameOrganization`). */
  sameOrganization: z.boolean(),
  reasons: z.array(z.enum(conflictReasons)),
  status: z.enum(dealStatuses),
  /** The end of the other registration's protection window, when approved. */
  protectedUntil: z.number().nullable(),
  nameScore: z.number(),
  sharedProducts: z.array(z.string()),
  /** Vendor staff only: the other registration and its partner. */
  dealId: z.string().optional(),
  partnerOrgId: z.string().optional(),
  partnerOrgName: z.string().optional(),
  customerName: z.string().optional(),
  customerDomain: z.string().nullable().optional(),
});

export const dealConflictSchema = z
  .object({ checkedAt: z.number(), matches: z.array(conflictMatchSchema) })
  .openapi("DealConflict");

export type DealConflict = z.infer<typeof dealConflictSchema>;
export type ConflictMatch = z.infer<typeof conflictMatchSchema>;

export const dealSchema = z
  .object({
    id: z.string(),
    status: z.enum(dealStatuses),
    partnerOrg: z.object({ id: z.string(), name: z.string() }),
    submittedBy: z.object({ id: z.string(), name: z.string() }),
    reviewer: z.object({ id: z.string(), name: z.string() }).nullable(),
    customerName: z.string(),
    customerDomain: z.string().nullable(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    country: z.string().nullable(),
    valueMinor: z.number(),
    currency: z.string(),
    expectedCloseDate: z.string().nullable(),
    products: z.array(z.string()),
    notes: z.string().nullable(),
    customFields: z.record(z.string(), z.union([z.string(), z.number()])),
    conflict: dealConflictSchema.nullable(),
    submittedAt: z.number().nullable(),
    reviewDueAt: z.number().nullable(),
    decidedAt: z.number().nullable(),
    decisionReason: z.string().nullable(),
    approvedAt: z.number().nullable(),
    expiresAt: z.number().nullable(),
    extensionsUsed: z.number(),
    /** The registration discount of the partner's current tier, in percent; null without a tier. */
    registrationDiscountPct: z.number().nullable(),
    wonAmountMinor: z.number().nullable(),
    closedAt: z.number().nullable(),
    lostReason: z.string().nullable(),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi("Deal");

export type Deal = z.infer<typeof dealSchema>;

export const DEAL_COLUMNS = `d.id, d.status, d.partner_org_id, o.name AS partner_org_name, d.submitted_by, sb.name AS submitted_by_name,
  d.reviewer_id, rv.name AS reviewer_name, d.customer_name, d.customer_domain, d.contact_name, d.contact_email, d.country,
  d.value_minor, d.currency, d.expected_close_at, d.products, d.notes, d.custom_fields, d.conflict, d.submitted_at,
  d.review_due_at, d.decided_at, d.decision_reason, d.approved_at, d.expires_at, d.extensions_used, d.won_amount_minor,
  d.closed_at, d.lost_reason, d.created_at, d.updated_at, json_extract(tt.benefits, '$.registrationDiscountPct') AS discount_pct`;

export const DEAL_FROM = `deals d JOIN partner_orgs o ON o.id = d.partner_org_id
  LEFT JOIN tiers tt ON tt.id = o.tier_id AND tt.archived_at IS NULL
  LEFT JOIN memberships sb ON sb.id = d.submitted_by LEFT JOIN memberships rv ON rv.id = d.reviewer_id`;

const DEAL_KEYS = [
  "id", "status", "partnerOrgId", "submittedBy", "reviewerId", "customerName", "customerDomain", "contactName",
  "contactEmail", "country", "valueMinor", "currency", "expectedCloseAt", "products", "notes", "customFields",
  "conflict", "submittedAt", "reviewDueAt", "decidedAt", "decisionReason", "approvedAt", "expiresAt",
  "extensionsUsed", "wonAmountMinor", "closedAt", "lostReason", "createdAt", "updatedAt",
] as const;

/** A deal row as `viewer` may see it: partner roles get conflicts without the other party. */
export function dealFromRow(r: Row, viewer: "vendor" | "partner"): Deal {
  const { partnerOrgId, submittedBy, reviewerId, expectedCloseAt, conflict, ...deal } = pickRow(deals, r, DEAL_KEYS);
  // The joined names and the tier's discount are computed columns, not the deals table's.
  const name = (column: string) => (r[column] == null ? "" : String(r[column]));
  return {
    ...deal,
    partnerOrg: { id: partnerOrgId, name: name("partner_org_name") },
    submittedBy: { id: submittedBy, name: name("submitted_by_name") },
    reviewer: reviewerId == null ? null : { id: reviewerId, name: name("reviewer_name") },
    expectedCloseDate: expectedCloseAt == null ? null : new Date(expectedCloseAt).toISOString().slice(0, 10),
    conflict: conflict && conflictFor(conflict as unknown as DealConflict, viewer),
    registrationDiscountPct: r.discount_pct == null ? null : Number(r.discount_pct),
  };
}

/** Partners learn that and why a registration conflicts, and until when it is protected; never whose it is. */
export function conflictFor(conflict: DealConflict, viewer: "vendor" | "partner"): DealConflict {
  if (viewer === "vendor") return conflict;
  return {
    checkedAt: conflict.checkedAt,
    matches: conflict.matches.map(({ sameOrganization, reasons, status, protectedUntil, nameScore, sharedProducts }) => ({
      sameOrganization,
      reasons,
      status,
      protectedUntil,
      nameScore,
      sharedProducts,
    })),
  };
}

/** Major units to minor units of the currency, rounded half away from zero. */
export function toMinorUnits(value: number, currency: string): number {
  const digits = CURRENCIES.get(currency) ?? 2;
  return Math.round(value * 10 ** digits);
}

/** `YYYY-MM-DD` as UTC midnight epoch ms. */
export function dateToEpoch(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** A close date before today (UTC) is in the past; today is fine. */
export function isPastDate(date: string, now: number): boolean {
  return dateToEpoch(date) < Math.floor(now / DAY) * DAY;
}

/**
 * Checks the deal's custom fields against the tenant's rules: every required
 * field present, each value of its type, select values among the options,
 * unknown keys refused. Returns the cleaned values and the field errors
 * (named `customFields.<key>`).
 */
export function validateCustomFields(
  values: Record<string, string | number>,
  rules: RulesOf<"deal_registration">,
  { requireAll }: { requireAll: boolean },
): { values: Record<string, string | number>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const clean: Record<string, string | number> = {};
  const known = new Set(rules.customFields.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) errors.push({ field: `customFields.${key}`, message: "This field is not part of the registration form.", code: "unknown_field" });
  }
  for (const field of rules.customFields) {
    const raw = values[field.key];
    const empty = raw === undefined || (typeof raw === "string" && raw.trim() === "");
    const name = `customFields.${field.key}`;
    if (empty) {
      if (field.required && requireAll) errors.push({ field: name, message: `Enter ${field.label}.`, code: "required" });
      continue;
    }
    switch (field.type) {
      case "number": {
        const n = typeof raw === "number" ? raw : Number(String(raw).trim());
        if (!Number.isFinite(n)) errors.push({ field: name, message: `${field.label} must be a number.`, code: "invalid_type" });
        else clean[field.key] = n;
        break;
      }
      case "date": {
        const s = String(raw).trim();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) {
          errors.push({ field: name, message: `${field.label} must be a date such as 2027-03-31.`, code: "invalid_date" });
        } else clean[field.key] = s;
        break;
      }
      case "select": {
        const s = String(raw).trim();
        if (!(field.options ?? []).includes(s)) errors.push({ field: name, message: `Choose one of the options for ${field.label}.`, code: "invalid_option" });
        else clean[field.key] = s;
        break;
      }
      default:
        clean[field.key] = String(raw).trim().slice(0, 500);
    }
  }
  return { values: clean, errors };
}

// How a partner organization row is written, shared by every verb that
// creates one (vendor staff, CSV import, an approved application), so the
// search text and timestamps are always maintained the same way.
import type { InStatement, InValue } from "@libsql/client/web";
import type { companySizes, PartnerStatus, PartnerType, PostalAddress } from "../../db/tenant/schema.ts";

type CompanySize = (typeof companySizes)[number];

export interface NewPartnerOrg {
  id: string;
  name: string;
  status: PartnerStatus;
  legalName?: string | null | undefined;
  websiteDomain?: string | null | undefined;
  country?: string | null | undefined;
  region?: string | null | undefined;
  partnerType?: PartnerType | null | undefined;
  size?: CompanySize | null | undefined;
  industries?: string[] | null | undefined;
  products?: string[] | null | undefined;
  address?: PostalAddress | null | undefined;
  logoUrl?: string | null | undefined;
  ownerId?: string | null | undefined;
}

/**
 * What the partner list searches: lower-cased name, legal name and domain.
 * Lower-cased here rather than with SQLite's lower(), which folds ASCII only,
 * so a search for "ärzte" finds "Ärzte Partner GmbH".
 */
export function searchTextOf(name: string, legalName: string | null | undefined, websiteDomain: string | null | undefined): string {
  return [name, legalName ?? "", websiteDomain ?? ""].join(" ").toLowerCase();
}

const json = (v: unknown) => (v == null ? null : JSON.stringify(v));

export const PARTNER_ORG_INSERT_COLUMNS = `id, name, status, created_at, updated_at, status_changed_at, legal_name, website_domain, country,
  region, partner_type, size, industries, products, address, logo_url, owner_id, search_text`;

export function partnerOrgInsertArgs(org: NewPartnerOrg, now: number): InValue[] {
  return [
    org.id,
    org.name,
    org.status,
    now,
    now,
    now,
    org.legalName ?? null,
    org.websiteDomain ?? null,
    org.country ?? null,
    org.region ?? null,
    org.partnerType ?? null,
    org.size ?? null,
    json(org.industries),
    json(org.products),
    json(org.address),
    org.logoUrl ?? null,
    org.ownerId ?? null,
    searchTextOf(org.name, org.legalName, org.websiteDomain),
  ];
}

/** With `onlyIf`, the row is inserted only if that query finds a row (for changes guarded in SQL). */
export function insertPartnerOrgStatement(org: NewPartnerOrg, now: number, onlyIf?: { sql: string; args: InValue[] }): InStatement {
  const values = partnerOrgInsertArgs(org, now);
  const placeholders = values.map(() => "?").join(", ");
  if (!onlyIf) return { sql: `INSERT INTO partner_orgs (${PARTNER_ORG_INSERT_COLUMNS}) VALUES (${placeholders})`, args: values };
  return {
    sql: `INSERT INTO partner_orgs (${PARTNER_ORG_INSERT_COLUMNS}) SELECT ${placeholders} WHERE EXISTS (${onlyIf.sql})`,
    args: [...values, ...onlyIf.args],
  };
}

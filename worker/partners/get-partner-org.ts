// One partner organization's full profile. Vendor staff see any organization;
// partner roles see only their own, and anything else does not exist for them.
import type { Row } from "@libsql/client/web";
import { pickRow } from "../../db/rows.ts";
import { partnerOrgs } from "../../db/tenant/schema.ts";
import type { Ctx } from "../platform/context.ts";
import { NotFound } from "../platform/errors.ts";
import { authorize, orgScope } from "../platform/policy.ts";
import type { PartnerOrgDetail } from "./partner-org-schema.ts";

export type { PartnerOrgDetail } from "./partner-org-schema.ts";

type ProfileFields = Pick<PartnerOrgDetail, "legalName" | "websiteDomain" | "country" | "partnerType" | "size"> & {
  address: { line1?: string | null | undefined; city?: string | null | undefined; country?: string | null | undefined } | null | undefined;
};

/** What a partner must fill in before its profile counts as complete (onboarding reads this). */
export function profileCompleteness(org: ProfileFields): { complete: boolean; missing: string[] } {
  const present = (v: unknown) => typeof v === "string" && v.trim().length > 0;
  const checks: [string, unknown][] = [
    ["legalName", org.legalName],
    ["websiteDomain", org.websiteDomain],
    ["country", org.country],
    ["partnerType", org.partnerType],
    ["size", org.size],
    ["address.line1", org.address?.line1],
    ["address.city", org.address?.city],
    ["address.country", org.address?.country],
  ];
  const missing = checks.filter(([, v]) => !present(v)).map(([k]) => k);
  return { complete: missing.length === 0, missing };
}

export const PARTNER_ORG_DETAIL_SQL = `SELECT o.id, o.name, o.legal_name, o.website_domain, o.country, o.region, o.partner_type,
  o.industries, o.products, o.size, o.address, o.logo_url, o.owner_id, o.status, o.status_reason, o.status_changed_at,
  o.tier_id, o.tier_since, o.created_at, o.updated_at,
  (SELECT count(*) FROM memberships m WHERE m.partner_org_id = o.id) AS user_count
  FROM partner_orgs o WHERE o.id = ?`;

export function toPartnerOrgDetail(r: Row): PartnerOrgDetail {
  const { industries, products, address, ...org } = pickRow(partnerOrgs, r, [
    "id", "name", "legalName", "websiteDomain", "country", "region", "partnerType", "industries", "products", "size",
    "address", "logoUrl", "ownerId", "status", "statusReason", "statusChangedAt", "tierId", "tierSince", "createdAt", "updatedAt",
  ]);
  const base = { ...org, industries: industries ?? [], products: products ?? [], address: address ?? {}, userCount: Number(r.user_count ?? 0) };
  return { ...base, profile: profileCompleteness(base) };
}

/** Reads are allowed to vendor staff (`partners.read`) and to the org's own partner roles. */
export function assertCanReadPartnerOrg(ctx: Ctx, id: string): void {
  const scope = orgScope(ctx.actor);
  if (scope !== null) {
    if (scope !== id) throw new NotFound("Partner organization not found.");
    return;
  }
  authorize(ctx.actor, "partners.read");
}

export async function getPartnerOrg({ ctx, id }: { ctx: Ctx; id: string }): Promise<PartnerOrgDetail> {
  assertCanReadPartnerOrg(ctx, id);
  const rs = await ctx.db.$client.execute({ sql: PARTNER_ORG_DETAIL_SQL, args: [id] });
  const row = rs.rows[0];
  if (!row) throw new NotFound("Partner organization not found.");
  return toPartnerOrgDetail(row);
}

// Edits a partner organization's profile. Vendor staff edit any
// organization; a partner admin edits their own organization's profile but
// not who at the vendor owns the relationship (nor its status, which only
// `changePartnerStatus` moves). A PATCH sets the fields it carries; null clears.
import { auditStatement } from "../platform/audit.ts";
import type { Ctx } from "../platform/context.ts";
import { Forbidden, NotFound, ValidationFailed } from "../platform/errors.ts";
import { authorize, orgScope } from "../platform/policy.ts";
import { PARTNER_ORG_DETAIL_SQL, toPartnerOrgDetail } from "./get-partner-org.ts";
import { searchTextOf } from "./partner-org-record.ts";
import type { PartnerOrgDetail, UpdatePartnerProfileInput } from "./partner-org-schema.ts";

type Field = keyof UpdatePartnerProfileInput;

const COLUMNS: Record<Field, { column: string; json?: true }> = {
  name: { column: "name" },
  legalName: { column: "legal_name" },
  websiteDomain: { column: "website_domain" },
  country: { column: "country" },
  region: { column: "region" },
  partnerType: { column: "partner_type" },
  industries: { column: "industries", json: true },
  products: { column: "products", json: true },
  size: { column: "size" },
  address: { column: "address", json: true },
  logoUrl: { column: "logo_url" },
  ownerId: { column: "owner_id" },
};

/** Who may edit `id`: vendor staff any organization, a partner admin only their own. */
function authorizeProfileEdit(ctx: Ctx, id: string, input: UpdatePartnerProfileInput): void {
  const scope = orgScope(ctx.actor);
  if (scope === null) {
    authorize(ctx.actor, "partners.manage");
    return;
  }
  if (scope !== id) throw new NotFound("Partner organization not found.");
  authorize(ctx.actor, "profile.manage_own");
  if (input.ownerId !== undefined) throw new Forbidden("Only the vendor can change who owns this partner relationship.", "vendor_only_field");
}

function comparable(value: unknown): string {
  if (value == null) return "null";
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === "object") {
    // Address keys in a fixed order, empty parts dropped: {} and null are the same "no address".
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v != null && v !== "");
    return entries.length ? JSON.stringify(Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)))) : "null";
  }
  return JSON.stringify(value);
}

export async function updatePartnerProfile({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: UpdatePartnerProfileInput;
}): Promise<PartnerOrgDetail> {
  authorizeProfileEdit(ctx, id, input);
  const ownerId = input.ownerId ?? null;
  const [orgRs, ownerRs] = await ctx.db.$client.batch(
    [
      { sql: PARTNER_ORG_DETAIL_SQL, args: [id] },
      { sql: "SELECT role, status FROM memberships WHERE id = ?", args: [ownerId] },
    ],
    "read",
  );
  const row = orgRs!.rows[0];
  if (!row) throw new NotFound("Partner organization not found.");
  if (ownerId !== null) {
    const owner = ownerRs!.rows[0];
    if (!owner || owner.status !== "active" || (owner.role !== "channel_manager" && owner.role !== "vendor_admin")) {
      throw new ValidationFailed([{ field: "ownerId", message: "Choose an active channel manager or vendor admin.", code: "invalid_owner" }]);
    }
  }

  const current = toPartnerOrgDetail(row);
  const changed: Partial<Record<Field, unknown>> = {};
  for (const field of Object.keys(COLUMNS) as Field[]) {
    const value = input[field];
    if (value === undefined) continue;
    if (comparable(value) !== comparable(current[field])) changed[field] = value;
  }
  const fields = Object.keys(changed) as Field[];
  if (fields.length === 0) return current;

  const next = { ...current, ...changed } as PartnerOrgDetail;
  const sets = fields.map((f) => `${COLUMNS[f].column} = ?`);
  const args = fields.map((f) => {
    const v = changed[f];
    return v == null ? null : COLUMNS[f].json ? JSON.stringify(v) : (v as string);
  });
  // The search text is rebuilt from this request's view of the row; two
  // concurrent edits of name and legal name could leave it one edit behind
  // until the next save, which a list search tolerates.
  const [, , detail] = await ctx.db.$client.batch(
    [
      {
        sql: `UPDATE partner_orgs SET ${sets.join(", ")}, search_text = ?, updated_at = ? WHERE id = ?`,
        args: [...args, searchTextOf(next.name, next.legalName, next.websiteDomain), ctx.now, id],
      },
      auditStatement(ctx.actor, ctx.now, "partner_org.profile_updated", { type: "partner_org", id }, { changed }),
      { sql: PARTNER_ORG_DETAIL_SQL, args: [id] },
    ],
    "write",
  );
  return toPartnerOrgDetail(detail!.rows[0]!);
}

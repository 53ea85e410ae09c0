// Conflict detection at submission: which open or protected registrations of
// this portal claim the same customer. Candidates come from three indexed
// lookups (normalized domain, exact normalized name, distinctive name tokens)
// capped at a fixed number, so the check costs the same at 1,000 and at
// 100,000 registrations; the fuzzy name score is computed here on those few.
import type { InStatement, InValue, Row } from "@libsql/client/web";
import type { DealStatus } from "../../db/tenant/schema.ts";
import { companyNameSimilarity, NAME_MATCH_THRESHOLD, sharedProducts } from "./customer-keys.ts";
import type { ConflictMatch, DealConflict } from "./deal-schema.ts";

/** Registrations that still claim their customer. */
export const OPEN_DEAL_STATUSES: readonly DealStatus[] = ["submitted", "needs_info", "approved"];
const OPEN = `('submitted', 'needs_info', 'approved')`;
/** Most candidates read per check: far more than any real customer has registrations. */
const MAX_CANDIDATES = 200;
/** Most registrations one name token brings in (see conflictCandidatesStatement). */
const TOKEN_CANDIDATES = 100;

export interface CustomerKeys {
  domainKey: string | null;
  nameKey: string;
  nameTokens: string[];
}

export function conflictCandidatesStatement(keys: CustomerKeys, excludeDealId: string | null): InStatement {
  const tokens = keys.nameTokens.slice(0, 5);
  // A UNION of index lookups (each term its own index), not one OR the planner might scan for.
  // A token shared by thousands of registrations cannot tell customers apart, so each token
  // brings at most TOKEN_CANDIDATES of them: the cost stays flat however common a word is;
  // exact domain and name keys are never capped.
  const byToken = tokens
    .map(() => `UNION SELECT deal_id FROM (SELECT t.deal_id FROM deal_name_tokens t WHERE t.token = ? ORDER BY t.deal_id DESC LIMIT ${TOKEN_CANDIDATES})`)
    .join("\n              ");
  const args: InValue[] = [keys.domainKey, keys.nameKey, ...tokens, excludeDealId, excludeDealId, MAX_CANDIDATES];
  return {
    // The unary + keeps the planner on the candidate ids: without statistics it would rather
    // walk a status or creation-time index over every registration, which costs in proportion
    // to the table. The partner's name is a correlated lookup for the same reason.
    sql: `SELECT d.id, d.status, d.partner_org_id, (SELECT o.name FROM partner_orgs o WHERE o.id = d.partner_org_id) AS partner_org_name,
            d.customer_name, d.customer_domain, d.customer_domain_key, d.product_keys, d.expires_at
          FROM deals d
          WHERE d.id IN (
              SELECT id FROM deals WHERE customer_domain_key = ? AND status IN ${OPEN}
              UNION SELECT id FROM deals WHERE customer_name_key = ? AND status IN ${OPEN}
              ${byToken})
            AND +d.status IN ${OPEN}
            AND (? IS NULL OR d.id <> ?)
          ORDER BY +d.created_at DESC LIMIT ?`,
    args,
  };
}

/**
 * The candidates that really conflict: the same customer domain, or a name
 * similar enough; shared products are reported, not decisive on their own.
 */
export function matchConflicts(
  candidates: Row[],
  deal: { customerName: string; domainKey: string | null; productKeys: string[]; partnerOrgId: string },
  now: number,
): DealConflict {
  const matches: ConflictMatch[] = [];
  for (const c of candidates) {
    const reasons: ConflictMatch["reasons"] = [];
    const sameDomain = deal.domainKey !== null && c.customer_domain_key != null && String(c.customer_domain_key) === deal.domainKey;
    if (sameDomain) reasons.push("domain");
    const similarity = companyNameSimilarity(deal.customerName, String(c.customer_name));
    if (similarity >= NAME_MATCH_THRESHOLD) reasons.push("name");
    const nameScore = Math.round(similarity * 100) / 100;
    if (reasons.length === 0) continue;
    const shared = sharedProducts(deal.productKeys, JSON.parse(String(c.product_keys)) as string[]);
    if (shared.length > 0) reasons.push("products");
    const status = String(c.status) as DealStatus;
    matches.push({
      sameOrganization: String(c.partner_org_id) === deal.partnerOrgId,
      reasons,
      status,
      protectedUntil: status === "approved" && c.expires_at != null ? Number(c.expires_at) : null,
      nameScore,
      sharedProducts: shared,
      dealId: String(c.id),
      partnerOrgId: String(c.partner_org_id),
      partnerOrgName: String(c.partner_org_name),
      customerName: String(c.customer_name),
      customerDomain: c.customer_domain == null ? null : String(c.customer_domain),
    });
  }
  // Strongest first: protected registrations, then domain matches, then by name score.
  matches.sort(
    (a, b) =>
      Number(b.status === "approved") - Number(a.status === "approved") ||
      Number(b.reasons.includes("domain")) - Number(a.reasons.includes("domain")) ||
      b.nameScore - a.nameScore,
  );
  return { checkedAt: now, matches };
}

/** Conflicts with other organizations' registrations: what the conflict policy and auto-approval look at. */
export function otherPartnersMatches(conflict: DealConflict): ConflictMatch[] {
  return conflict.matches.filter((m) => !m.sameOrganization);
}

// Who sees which deal registrations: vendor staff every one in the portal, a
// partner admin its organization's, a partner user the ones it registered.
// The filter is SQL, applied in the same statement that reads, so a deal out
// of reach is simply not found (404), never "forbidden".
import type { InValue } from "@libsql/client/web";
import type { Actor } from "../platform/context.ts";
import { Forbidden } from "../platform/errors.ts";
import { orgScope } from "../platform/policy.ts";

export interface DealScope {
  viewer: "vendor" | "partner";
  partnerOrgId: string | null;
  submittedBy: string | null;
}

export function dealScopeOf(actor: Actor): DealScope {
  if (actor.kind === "anonymous") throw new Forbidden();
  // The organization half is the platform's ownership rule; deals add "a rep sees their own".
  const partnerOrgId = orgScope(actor);
  if (partnerOrgId === null) return { viewer: "vendor", partnerOrgId: null, submittedBy: null };
  // An API key with the partner_user role acts for the organization (it has no person of its own).
  const own = actor.kind === "user" && actor.role === "partner_user" ? actor.membership.id : null;
  return { viewer: "partner", partnerOrgId, submittedBy: own };
}

/** `AND ...` for a query over `deals d`, with its arguments. */
export function scopeSql(scope: DealScope): { sql: string; args: InValue[] } {
  return {
    sql: "AND (? IS NULL OR d.partner_org_id = ?) AND (? IS NULL OR d.submitted_by = ?)",
    args: [scope.partnerOrgId, scope.partnerOrgId, scope.submittedBy, scope.submittedBy],
  };
}

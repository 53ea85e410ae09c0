// The one policy table: which role may do what. Routes check it in middleware
// and verbs check it again, so a verb called from cron or a new route cannot
// forget. Ownership (partner roles see only their organization) is the second
// half, in `orgScope`.
import type { Role } from "../../db/tenant/schema.ts";
import { Forbidden, NotFound } from "./errors.ts";
import type { Actor } from "./context.ts";

export const policy = {
  "dashboard.vendor": ["vendor_admin", "channel_manager"],
  "dashboard.partner": ["partner_admin", "partner_user"],
  "users.list": ["vendor_admin", "channel_manager", "partner_admin"],
  "users.invite": ["vendor_admin", "channel_manager", "partner_admin"],
  // Changing roles and removing people: vendor admins for the whole portal,
  // partner admins for their own organization. Channel managers work
  // partners, not their people.
  "users.manage": ["vendor_admin", "partner_admin"],
  "partners.read": ["vendor_admin", "channel_manager"],
  "partners.manage": ["vendor_admin", "channel_manager"],
  "partners.export": ["vendor_admin", "channel_manager"],
  "partners.import": ["vendor_admin", "channel_manager"],
  "applications.review": ["vendor_admin", "channel_manager"],
  "profile.manage_own": ["partner_admin"],
  // People only (see `peopleOnly`): a key that could mint keys would let a
  // leaked one create successors that outlive its own revocation.
  "apiKeys.manage": ["vendor_admin"],
  "audit.read": ["vendor_admin"],
  "agreements.manage": ["vendor_admin"],
  "agreements.read": ["vendor_admin", "channel_manager", "partner_admin", "partner_user"],
  "agreements.sign": ["partner_admin"],
  "onboarding.manage": ["vendor_admin"],
  "onboarding.read": ["vendor_admin", "channel_manager"],
  "onboarding.own": ["partner_admin", "partner_user"],
  "branding.manage": ["vendor_admin"],
  // Partner program: vendor admins configure tiers and rules; channel managers
  // read them and run (and review) tier evaluation; partners see their own tier.
  "program.read": ["vendor_admin", "channel_manager"],
  "program.manage": ["vendor_admin"],
  "tiers.evaluate": ["vendor_admin", "channel_manager"],
  "tiers.own": ["partner_admin", "partner_user"],
  // Deal registration: partners register (a partner user sees its own deals,
  // a partner admin its organization's); vendor staff review every one.
  "deals.register": ["partner_admin", "partner_user"],
  "deals.read": ["vendor_admin", "channel_manager", "partner_admin", "partner_user"],
  "deals.review": ["vendor_admin", "channel_manager"],
  // Everyone reads and clears their own in-app notifications (people only:
  // the verbs refuse API keys, which have no inbox).
  "notifications.own": ["vendor_admin", "channel_manager", "partner_admin", "partner_user"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof policy;

export function roleOf(actor: Actor): Role | null {
  return actor.kind === "user" || actor.kind === "apiKey" ? actor.role : null;
}

/** Actions a person may take but an API key acting with the same role may not. */
const peopleOnly: ReadonlySet<Action> = new Set<Action>(["apiKeys.manage"]);

export const isPeopleOnly = (action: Action): boolean => peopleOnly.has(action);

export function can(actor: Actor, action: Action): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind === "apiKey" && peopleOnly.has(action)) return false;
  const role = roleOf(actor);
  return role !== null && (policy[action] as readonly Role[]).includes(role);
}

export function authorize(actor: Actor, action: Action): void {
  if (actor.kind === "apiKey" && peopleOnly.has(action)) {
    throw new Forbidden("Only a person signed in to the portal can do this, not an API key.", "person_required");
  }
  if (!can(actor, action)) throw new Forbidden();
}

export function permissionsOf(role: Role): Action[] {
  return (Object.keys(policy) as Action[]).filter((a) => (policy[a] as readonly Role[]).includes(role));
}

/**
 * The partner organization an actor is confined to, or null for vendor staff
 * and the system, who see the whole tenant.
 */
export function orgScope(actor: Actor): string | null {
  if (actor.kind !== "user" && actor.kind !== "apiKey") return null;
  if (actor.role === "partner_admin" || actor.role === "partner_user") {
    if (!actor.partnerOrgId) throw new Forbidden();
    return actor.partnerOrgId;
  }
  return null;
}

/** Ownership check for one object: outside the actor's organization it does not exist. */
export function assertInScope(actor: Actor, objectOrgId: string | null, what: string): void {
  const scope = orgScope(actor);
  if (scope !== null && scope !== objectOrgId) throw new NotFound(`${what} not found.`);
}

export const isPartnerRole = (role: Role) => role === "partner_admin" || role === "partner_user";

// What the member verbs (change role, remove, restore) share: reading one
// member the actor may manage, the rules about acting on oneself, and the
// "someone must stay in charge" guard that the writes repeat in SQL.
import type { Role } from "../../../db/tenant/schema.ts";
import type { Ctx } from "../context.ts";
import { Conflict, NotFound } from "../errors.ts";
import { authorize, orgScope } from "../policy.ts";
import { USER_COLUMNS, userFromRow, type User } from "./list-users.ts";

export const ADMIN_ROLES: readonly Role[] = ["vendor_admin", "partner_admin"];

/** The member as the verbs return it, by id; no row when it is gone. */
export const SELECT_USER_SQL = `SELECT ${USER_COLUMNS}
  FROM memberships m LEFT JOIN partner_orgs o ON o.id = m.partner_org_id WHERE m.id = ?`;

/**
 * An UPDATE of `memberships` keeps this true: an active admin may stop being
 * one only while another active admin of the same kind is left, the portal's
 * vendor admins or one organization's partner admins (vendor staff have no
 * organization, hence `IS`). It sits in the UPDATE itself, not only in the
 * read before it, so two admins demoting or removing each other at once
 * cannot both succeed: the writes are serialized and the second sees a count
 * of one.
 */
export const LAST_ADMIN_GUARD = `(memberships.status <> 'active' OR memberships.role NOT IN ('vendor_admin', 'partner_admin')
  OR (SELECT count(*) FROM memberships a WHERE a.role = memberships.role AND a.status = 'active'
      AND a.partner_org_id IS memberships.partner_org_id) > 1)`;

export interface ManagedMember {
  user: User;
  /** Active admins of the member's kind, the member included; null unless the member is an active admin. */
  activeAdmins: number | null;
}

/** Authorizes `users.manage` and refuses acting on oneself, before anything is read. */
export function authorizeMemberChange(ctx: Ctx, membershipId: string, what: "role" | "removal"): string | null {
  authorize(ctx.actor, "users.manage");
  if (ctx.actor.kind === "user" && ctx.actor.membership.id === membershipId) {
    throw new Conflict(
      what === "role" ? "You cannot change your own role. Ask another admin." : "You cannot remove yourself. Ask another admin.",
      "cannot_change_self",
    );
  }
  return orgScope(ctx.actor);
}

/**
 * One member the actor may manage. Partner admins see their own
 * organization's people only; anyone else, vendor staff included, does not
 * exist for them.
 */
export async function getManagedMemberOrThrow(ctx: Ctx, membershipId: string, scope: string | null): Promise<ManagedMember> {
  const rs = await ctx.db.$client.execute({
    sql: `SELECT ${USER_COLUMNS},
            CASE WHEN m.status = 'active' AND m.role IN ('vendor_admin', 'partner_admin') THEN
              (SELECT count(*) FROM memberships a WHERE a.role = m.role AND a.status = 'active' AND a.partner_org_id IS m.partner_org_id)
            END AS active_admins
          FROM memberships m LEFT JOIN partner_orgs o ON o.id = m.partner_org_id
          WHERE m.id = ? AND (? IS NULL OR m.partner_org_id = ?)`,
    args: [membershipId, scope, scope],
  });
  const row = rs.rows[0];
  if (!row) throw new NotFound("User not found.");
  return { user: userFromRow(row), activeAdmins: row.active_admins == null ? null : Number(row.active_admins) };
}

export function lastAdmin(role: Role): Conflict {
  return new Conflict(
    role === "vendor_admin"
      ? "The portal needs at least one active vendor admin. Make someone else a vendor admin first."
      : "An organization needs at least one active partner admin. Make someone else a partner admin first.",
    "last_admin",
  );
}

/** Whether this member is the last active admin of their kind. */
export function isLastAdmin(member: ManagedMember): boolean {
  return member.activeAdmins !== null && member.activeAdmins <= 1;
}

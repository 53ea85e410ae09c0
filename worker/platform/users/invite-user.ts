// Invitations by email with a single-use, expiring link. Vendor admins invite
// anyone; channel managers, who work the partners, invite partner roles;
// partner admins invite partner roles into their own organization only.
// A new invitation to the same email replaces the inviter's pending one.
import { z } from "@hono/zod-openapi";
import { authorize, isPartnerRole, orgScope, roleOf } from "../policy.ts";
import { auditStatement } from "../audit.ts";
import { hashToken, newId, newToken } from "../auth/tokens.ts";
import type { Ctx } from "../context.ts";
import type { Locale } from "../email/templates.ts";
import { Conflict, Forbidden, ValidationFailed } from "../errors.ts";
import { emailField, personNameField, roleField } from "../fields.ts";
import { emailStatement, publishOutbox } from "../outbox/outbox.ts";
import { invitationSchema, type Invitation } from "./invitation-schema.ts";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const inviteUserInput = z
  .object({
    email: emailField,
    name: personNameField,
    role: roleField,
    partnerOrgId: z.string().min(1).max(64).optional().nullable(),
  })
  .openapi("InviteUserInput");

export async function inviteUser({
  ctx,
  input,
  locale = "en",
}: {
  ctx: Ctx;
  input: z.infer<typeof inviteUserInput>;
  locale?: Locale;
}): Promise<Invitation> {
  authorize(ctx.actor, "users.invite");
  const scope = orgScope(ctx.actor);
  let partnerOrgId = input.partnerOrgId ?? null;
  if (scope !== null) {
    // Partner admins manage their own organization only.
    if (!isPartnerRole(input.role)) throw new Forbidden("Partner admins can invite partner users and admins only.");
    if (partnerOrgId !== null && partnerOrgId !== scope) {
      throw new ValidationFailed([{ field: "partnerOrgId", message: "You can invite people to your own organization only." }]);
    }
    partnerOrgId = scope;
  } else if (roleOf(ctx.actor) === "channel_manager" && !isPartnerRole(input.role)) {
    throw new Forbidden("Channel managers can invite partner users and admins only.");
  } else if (isPartnerRole(input.role) && !partnerOrgId) {
    throw new ValidationFailed([{ field: "partnerOrgId", message: "Choose the partner organization for this person." }]);
  } else if (!isPartnerRole(input.role)) {
    partnerOrgId = null;
  }

  const { now } = ctx;
  const [existing, org] = await ctx.db.$client.batch(
    [
      { sql: "SELECT 1 FROM memberships WHERE email = ?", args: [input.email] },
      { sql: "SELECT id, name FROM partner_orgs WHERE id = ?", args: [partnerOrgId] },
    ],
    "read",
  );
  if (existing!.rows.length > 0) {
    throw new Conflict("This person is already a member of this portal.", "already_member", [
      { field: "email", message: "This person is already a member of this portal.", code: "taken" },
    ]);
  }
  if (partnerOrgId !== null && org!.rows.length === 0) {
    throw new ValidationFailed([{ field: "partnerOrgId", message: "This partner organization does not exist." }]);
  }

  const token = newToken("ppi");
  const id = newId();
  const expiresAt = now + INVITATION_TTL_MS;
  const inviterName = ctx.actor.kind === "user" ? ctx.actor.membership.name : ctx.tenant.name;
  const mail = emailStatement(
    {
      template: "invitation",
      to: input.email,
      locale,
      tenantSlug: ctx.tenant.slug,
      data: {
        tenantName: ctx.tenant.name,
        inviterName,
        role: input.role,
        link: `${ctx.env.portalUrl}/t/${ctx.tenant.slug}/invite?token=${token}`,
      },
    },
    now,
  );
  await ctx.db.$client.batch(
    [
      // A newer invitation replaces the inviter's own earlier ones, never another organization's.
      {
        sql: `UPDATE invitations SET revoked_at = ? WHERE email = ? AND accepted_at IS NULL AND revoked_at IS NULL
              AND (? IS NULL OR partner_org_id = ?)`,
        args: [now, input.email, scope, scope],
      },
      {
        sql: `INSERT INTO invitations (id, token_hash, email, name, role, partner_org_id, invited_by, created_at, expires_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        args: [id, await hashToken(token), input.email, input.name, input.role, partnerOrgId, ctx.actor.kind === "user" ? ctx.actor.membership.id : "system", now, expiresAt],
      },
      auditStatement(ctx.actor, now, "user.invited", { type: "invitation", id }, { email: input.email, role: input.role, partnerOrgId }),
      mail.statement,
    ],
    "write",
  );
  await publishOutbox(ctx.env, ctx.tenant.id, [mail.id]);
  const orgRow = org!.rows[0];
  return invitationSchema.parse({
    id,
    email: input.email,
    name: input.name,
    role: input.role,
    partnerOrg: orgRow ? { id: String(orgRow.id), name: String(orgRow.name) } : null,
    status: "pending",
    expiresAt,
    createdAt: now,
  });
}

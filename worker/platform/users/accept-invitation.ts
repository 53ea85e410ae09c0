// Following an invitation link: `lookupInvitation` shows who it is for, and
// `acceptInvitation` turns it into a membership tied to the person's one
// platform identity: a new one with the chosen password, or their existing
// one when they prove its password (the same credentials for every portal).
import { z } from "@hono/zod-openapi";
import { LibsqlError, type Row } from "@libsql/client/web";
import { roles } from "../../../db/tenant/schema.ts";
import { toMe, type Me } from "../auth/me.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { insertSessionForIdentity, memberFromRow, newSession, selectMemberByIdentity } from "../auth/sessions.ts";
import { hashToken, newId } from "../auth/tokens.ts";
import type { Ctx } from "../context.ts";
import type { Locale } from "../email/templates.ts";
import { BadRequest, Conflict, Forbidden, ValidationFailed } from "../errors.ts";
import { personNameField, tokenField } from "../fields.ts";
import { auditRow, guardRows, sql } from "../side-rows.ts";

export const invitationLookupSchema = z
  .object({
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    tenant: z.object({ name: z.string() }),
    expiresAt: z.number(),
    existingAccount: z.boolean(),
  })
  .openapi("InvitationLookup");

export const acceptInvitationInput = z
  .object({
    token: tokenField,
    name: personNameField,
    password: z.string().min(1, "Enter a password.").max(200, "Use at most 200 characters."),
  })
  .openapi("AcceptInvitationInput");

const invalidToken = () =>
  new BadRequest("This invitation is invalid, already used or expired. Ask for a new one.", "invalid_token", [
    { field: "token", message: "This invitation is invalid, already used or expired." },
  ]);

async function findPendingInvitation(ctx: Ctx, token: string) {
  const rs = await ctx.db.$client.execute({
    sql: `SELECT id, email, name, role, partner_org_id, expires_at FROM invitations
          WHERE token_hash = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?`,
    args: [await hashToken(token), ctx.now],
  });
  const row = rs.rows[0];
  if (!row) throw invalidToken();
  return row;
}

export async function lookupInvitation({ ctx, token }: { ctx: Ctx; token: string }): Promise<z.infer<typeof invitationLookupSchema>> {
  const inv = await findPendingInvitation(ctx, token);
  const identity = await ctx.control.$client.execute({
    sql: "SELECT 1 FROM identities WHERE email = ? AND password_hash IS NOT NULL",
    args: [String(inv.email)],
  });
  return {
    email: String(inv.email),
    name: String(inv.name),
    role: String(inv.role) as Me["role"],
    tenant: { name: ctx.tenant.name },
    expiresAt: Number(inv.expires_at),
    existingAccount: identity.rows.length > 0,
  };
}

const existingAccountPassword = () =>
  new ValidationFailed([
    { field: "password", message: "You already have an account with this email. Enter its password.", code: "existing_account" },
  ]);

/**
 * The invitee's one platform identity: proven with its password when it
 * exists, created with this password when it does not. Two portals accepted
 * at the same moment by a new person race to create it; the loser verifies
 * against the winner's row, so both memberships point at one identity.
 */
async function identityForInvitee(
  ctx: Ctx,
  email: string,
  password: string,
  existing: Row | undefined,
): Promise<string> {
  if (existing && existing.password_hash != null) {
    if (!(await verifyPassword(password, String(existing.password_hash)))) throw existingAccountPassword();
    return String(existing.id);
  }
  if (password.length < 10) {
    throw new ValidationFailed([{ field: "password", message: "Use at least 10 characters.", code: "too_small" }]);
  }
  const hash = await hashPassword(password);
  const created = await ctx.control.$client.execute({
    sql: `INSERT INTO identities (id, email, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT(email) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at
          WHERE identities.password_hash IS NULL
          RETURNING id`,
    args: [existing ? String(existing.id) : newId(), email, hash, ctx.now, ctx.now],
  });
  if (created.rows[0]) return String(created.rows[0].id);
  const winner = await ctx.control.$client.execute({ sql: "SELECT id, password_hash FROM identities WHERE email = ?", args: [email] });
  const row = winner.rows[0];
  if (!row || !(await verifyPassword(password, row.password_hash as string | null))) throw existingAccountPassword();
  return String(row.id);
}

export async function acceptInvitation({
  ctx,
  input,
  locale = "en",
}: {
  ctx: Ctx;
  input: z.infer<typeof acceptInvitationInput>;
  /** The language the invitee accepted in: their mail goes out in it. */
  locale?: Locale;
}): Promise<{ session: { token: string; expiresAt: number }; user: Me }> {
  const { now } = ctx;
  const inv = await findPendingInvitation(ctx, input.token);
  const email = String(inv.email);
  const found = await ctx.control.$client.execute({ sql: "SELECT id, password_hash FROM identities WHERE email = ?", args: [email] });
  const existing = found.rows[0];

  const identityId = await identityForInvitee(ctx, email, input.password, existing);
  const session = await newSession(now);
  const membershipId = newId();
  let results;
  try {
    results = await ctx.db.$client.batch(
      [
        {
          sql: "UPDATE invitations SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id",
          args: [now, String(inv.id)],
        },
        {
          sql: `INSERT INTO memberships (id, identity_id, email, name, role, partner_org_id, status, locale, created_at, updated_at)
                SELECT ?, ?, i.email, ?, i.role, i.partner_org_id, 'active', ?, ?, ? FROM invitations i
                WHERE i.id = ? AND i.accepted_at = ?
                  AND (i.partner_org_id IS NULL OR EXISTS (SELECT 1 FROM partner_orgs o WHERE o.id = i.partner_org_id AND o.status IN ('onboarding', 'active')))`,
          args: [membershipId, identityId, input.name, locale, now, now, String(inv.id), now],
        },
        insertSessionForIdentity(session, identityId, now, ctx.client),
        // Written only if the membership was: the new member is the one who accepted.
        auditRow(
          ctx,
          { action: "user.invitation_accepted", target: { type: "invitation", id: String(inv.id) }, actor: { kind: "user", id: sql("m.id") } },
          guardRows("memberships", "m", "m.id = ?", [membershipId]),
        ),
        selectMemberByIdentity(identityId),
      ],
      "write",
    );
  } catch (e) {
    if (e instanceof LibsqlError && e.code === "SQLITE_CONSTRAINT") {
      throw new Conflict("You are already a member of this portal. Sign in instead.", "already_member");
    }
    throw e;
  }
  const row = results.at(-1)!.rows[0];
  if (results[0]!.rows.length === 0) throw invalidToken();
  if (!row || results[2]!.rows.length === 0) {
    throw new Forbidden("This partner organization is not active, so its invitations cannot be accepted now.", "organization_inactive");
  }
  return { session: { token: session.token, expiresAt: session.expiresAt }, user: toMe(memberFromRow(row), ctx.tenant) };
}

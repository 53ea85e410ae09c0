// Invitations: who may invite whom (vendor admins anyone, partner admins their
// own organization's partner roles), the single-use expiring link, and
// accepting it with a new or an existing platform identity.
import { describe, expect, it } from "vitest";
import { DEFAULT_PRIMARY_COLOR } from "../../../worker/recruitment/branding/branding-schema.ts";
import type { Role } from "../../../db/tenant/schema.ts";
import { login } from "../../../worker/platform/auth/login.ts";
import type { Ctx, TenantRef } from "../../../worker/platform/context.ts";
import { BadRequest, Conflict, Forbidden, NotFound, ValidationFailed } from "../../../worker/platform/errors.ts";
import { permissionsOf } from "../../../worker/platform/policy.ts";
import { acceptInvitation, lookupInvitation } from "../../../worker/platform/users/accept-invitation.ts";
import { INVITATION_TTL_MS, inviteUser } from "../../../worker/platform/users/invite-user.ts";
import { listInvitations } from "../../../worker/platform/users/list-invitations.ts";
import { revokeInvitation } from "../../../worker/platform/users/revoke-invitation.ts";
import {
  addMember,
  addPartnerOrg,
  createTenant,
  createTestPlatform,
  lastInvitationToken,
  systemCtx,
  tenantCtx,
  uniqueName,
  type TestPlatform,
} from "../../support/platform.ts";

// Signup is throttled per client address (20 an hour), so inviting and
// accepting each get their own platform.
const inviting = await createTestPlatform();
const accepting = await createTestPlatform();

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const newEmail = (prefix = "invitee") => `${uniqueName(prefix)}@example.com`;

async function expectError<T>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T & { code: string; fields?: { field: string }[] }> {
  const err = await promise.then(
    (value) => ({ resolved: value }),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  return err as T & { code: string; fields?: { field: string }[] };
}

async function outboxInvitations(ctx: Ctx) {
  const rs = await ctx.db.$client.execute(
    "SELECT payload FROM outbox WHERE json_extract(payload, '$.template') = 'invitation' ORDER BY created_at, rowid",
  );
  return rs.rows.map((r) => JSON.parse(String(r.payload)) as { to: string; tenantSlug: string; data: { role: string; link: string; inviterName: string; tenantName: string } });
}

/** Invites as `inviterToken` at `now` and returns the emailed token. */
async function invite(
  p: TestPlatform,
  tenant: TenantRef,
  inviterToken: string,
  input: { email: string; role: Role; partnerOrgId?: string | null; name?: string },
  now = Date.now(),
) {
  const ctx = await tenantCtx(p, tenant, inviterToken, now);
  const invitation = await inviteUser({ ctx, input: { name: "Invitee", ...input } });
  return { invitation, token: await lastInvitationToken(ctx, input.email) };
}

async function anon(p: TestPlatform, tenant: TenantRef, now = Date.now()) {
  return tenantCtx(p, tenant, null, now);
}

describe("inviteUser", () => {
  const p = inviting;

  it("lets a vendor admin invite every role, with partner roles tied to an organization", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const orgId = await addPartnerOrg(p, t, "Fabrikam");
    const ctx = await tenantCtx(p, t.tenant, t.admin.token, now + MINUTE);
    const cases: { role: Role; partnerOrgId: string | null; expectedOrg: { id: string; name: string } | null }[] = [
      { role: "vendor_admin", partnerOrgId: null, expectedOrg: null },
      // A vendor role ignores an organization it was given.
      { role: "channel_manager", partnerOrgId: orgId, expectedOrg: null },
      { role: "partner_admin", partnerOrgId: orgId, expectedOrg: { id: orgId, name: "Fabrikam" } },
      { role: "partner_user", partnerOrgId: orgId, expectedOrg: { id: orgId, name: "Fabrikam" } },
    ];
    const emails: string[] = [];
    for (const c of cases) {
      const email = newEmail(c.role.replace("_", "-"));
      emails.push(email);
      const invitation = await inviteUser({ ctx, input: { email, name: `New ${c.role}`, role: c.role, partnerOrgId: c.partnerOrgId } });
      expect(invitation).toEqual({
        id: expect.any(String),
        email,
        name: `New ${c.role}`,
        role: c.role,
        partnerOrg: c.expectedOrg,
        status: "pending",
        expiresAt: now + MINUTE + INVITATION_TTL_MS,
        createdAt: now + MINUTE,
      });
    }
    expect(INVITATION_TTL_MS).toBe(7 * DAY);

    const mails = await outboxInvitations(ctx);
    expect(mails.map((m) => [m.to, m.data.role])).toEqual(cases.map((c, i) => [emails[i], c.role]));
    for (const m of mails) {
      expect(m.tenantSlug).toBe(t.tenant.slug);
      expect(m.data.inviterName).toBe("Vera Admin");
      expect(m.data.link).toMatch(new RegExp(`^http://portal\\.test/t/${t.tenant.slug}/invite\\?token=ppi_[A-Za-z0-9_-]{43}$`));
    }
    const stored = await ctx.db.$client.execute("SELECT role, partner_org_id FROM invitations ORDER BY created_at, rowid");
    expect(stored.rows.map((r) => [r.role, r.partner_org_id])).toEqual([
      ["vendor_admin", null],
      ["channel_manager", null],
      ["partner_admin", orgId],
      ["partner_user", orgId],
    ]);
    const audit = await ctx.db.$client.execute("SELECT count(*) AS n FROM audit_log WHERE action = 'user.invited'");
    expect(Number(audit.rows[0]!.n)).toBe(4);
  });

  it("requires an existing partner organization for partner roles", async () => {
    const t = await createTenant(p);
    const ctx = await tenantCtx(p, t.tenant, t.admin.token);
    for (const role of ["partner_admin", "partner_user"] as const) {
      const missing = await expectError(inviteUser({ ctx, input: { email: newEmail(), name: "P", role, partnerOrgId: null } }), ValidationFailed);
      expect(missing.fields).toEqual([{ field: "partnerOrgId", message: "Choose the partner organization for this person." }]);
    }
    const unknown = await expectError(
      inviteUser({ ctx, input: { email: newEmail(), name: "P", role: "partner_user", partnerOrgId: crypto.randomUUID() } }),
      ValidationFailed,
    );
    expect(unknown.fields).toEqual([{ field: "partnerOrgId", message: "This partner organization does not exist." }]);
    const rows = await ctx.db.$client.execute("SELECT count(*) AS n FROM invitations");
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });

  it("lets a partner admin invite partner roles into their own organization only", async () => {
    const t = await createTenant(p);
    const own = await addPartnerOrg(p, t, "Own Org");
    const other = await addPartnerOrg(p, t, "Other Org");
    const admin = await addMember(p, t, { role: "partner_admin", partnerOrgId: own, name: "Paula Admin" });
    const ctx = await tenantCtx(p, t.tenant, admin.token);

    const implicit = await inviteUser({ ctx, input: { email: newEmail(), name: "U1", role: "partner_user" } });
    expect(implicit.partnerOrg).toEqual({ id: own, name: "Own Org" });
    const explicit = await inviteUser({ ctx, input: { email: newEmail(), name: "A2", role: "partner_admin", partnerOrgId: own } });
    expect(explicit.partnerOrg).toEqual({ id: own, name: "Own Org" });
    expect((await outboxInvitations(ctx)).at(-1)!.data.inviterName).toBe("Paula Admin");

    for (const role of ["vendor_admin", "channel_manager"] as const) {
      const err = await expectError(inviteUser({ ctx, input: { email: newEmail(), name: "V", role } }), Forbidden);
      expect(err.code).toBe("forbidden");
    }
    const elsewhere = await expectError(
      inviteUser({ ctx, input: { email: newEmail(), name: "X", role: "partner_user", partnerOrgId: other } }),
      ValidationFailed,
    );
    expect(elsewhere.fields!.map((f) => f.field)).toEqual(["partnerOrgId"]);
    const orgs = await ctx.db.$client.execute("SELECT DISTINCT partner_org_id FROM invitations");
    expect(orgs.rows.map((r) => r.partner_org_id)).toEqual([own]);
  });

  it("lets channel managers invite partner roles only, and partner users and anonymous callers not at all", async () => {
    const t = await createTenant(p);
    const orgId = await addPartnerOrg(p, t);
    const manager = await addMember(p, t, { role: "channel_manager" });
    const partnerUser = await addMember(p, t, { role: "partner_user", partnerOrgId: orgId });
    const managerCtx = await tenantCtx(p, t.tenant, manager.token);
    const invited = await inviteUser({ ctx: managerCtx, input: { email: newEmail(), name: "P", role: "partner_admin", partnerOrgId: orgId } });
    expect(invited.partnerOrg?.id).toBe(orgId);
    for (const role of ["vendor_admin", "channel_manager"] as const) {
      await expectError(inviteUser({ ctx: managerCtx, input: { email: newEmail(), name: "V", role } }), Forbidden);
    }
    for (const token of [partnerUser.token, null]) {
      const ctx = await tenantCtx(p, t.tenant, token);
      await expectError(inviteUser({ ctx, input: { email: newEmail(), name: "N", role: "partner_user", partnerOrgId: orgId } }), Forbidden);
    }
    const ctx = await tenantCtx(p, t.tenant, t.admin.token);
    const pending = await ctx.db.$client.execute("SELECT count(*) AS n FROM invitations WHERE accepted_at IS NULL");
    expect(Number(pending.rows[0]!.n)).toBe(1);
  });

  it("refuses to invite someone who is already a member, naming the email field", async () => {
    const t = await createTenant(p);
    const member = await addMember(p, t, { role: "channel_manager" });
    const ctx = await tenantCtx(p, t.tenant, t.admin.token);
    for (const email of [t.admin.email, member.email]) {
      const err = await expectError(inviteUser({ ctx, input: { email, name: "Again", role: "channel_manager" } }), Conflict);
      expect(err.code).toBe("already_member");
      expect(err.fields).toEqual([{ field: "email", message: "This person is already a member of this portal.", code: "taken" }]);
    }
  });

  it("replaces a pending invitation to the same email: the earlier link stops working", async () => {
    const t = await createTenant(p);
    const email = newEmail();
    const first = await invite(p, t.tenant, t.admin.token, { email, role: "channel_manager" });
    const second = await invite(p, t.tenant, t.admin.token, { email, role: "vendor_admin" });

    const err = await expectError(lookupInvitation({ ctx: await anon(p, t.tenant), token: first.token }), BadRequest);
    expect(err.code).toBe("invalid_token");
    expect((await lookupInvitation({ ctx: await anon(p, t.tenant), token: second.token })).role).toBe("vendor_admin");
    const { items } = await listInvitations({ ctx: await tenantCtx(p, t.tenant, t.admin.token) });
    expect(items.map((i) => [i.id, i.status])).toEqual([
      [second.invitation.id, "pending"],
      [first.invitation.id, "revoked"],
    ]);
  });

  it("does not let a partner admin cancel another organization's invitation by re-inviting the same email", async () => {
    const t = await createTenant(p);
    const mine = await addPartnerOrg(p, t, "Mine");
    const theirs = await addPartnerOrg(p, t, "Theirs");
    const partnerAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: mine });
    const email = newEmail();
    const vendorInvite = await invite(p, t.tenant, t.admin.token, { email, role: "partner_admin", partnerOrgId: theirs });
    // The partner admin cannot revoke it directly...
    await expectError(revokeInvitation({ ctx: await tenantCtx(p, t.tenant, partnerAdmin.token), id: vendorInvite.invitation.id }), NotFound);
    // ...and inviting the same person into their own organization must not do it either.
    await invite(p, t.tenant, partnerAdmin.token, { email, role: "partner_user" });
    const lookup = await lookupInvitation({ ctx: await anon(p, t.tenant), token: vendorInvite.token });
    expect(lookup.role).toBe("partner_admin");
  });
});

describe("lookupInvitation and acceptInvitation", () => {
  const p = accepting;

  it("shows who an invitation is for, and whether they already have an account", async () => {
    const now = Date.now();
    const a = await createTenant(p, { now });
    const b = await createTenant(p, { now });
    const fresh = newEmail();
    const { token: freshToken, invitation } = await invite(p, a.tenant, a.admin.token, { email: fresh, role: "channel_manager", name: "Cam Manager" }, now);
    expect(await lookupInvitation({ ctx: await anon(p, a.tenant, now + MINUTE), token: freshToken })).toEqual({
      email: fresh,
      name: "Cam Manager",
      role: "channel_manager",
      tenant: { name: a.tenant.name },
      expiresAt: invitation.expiresAt,
      existingAccount: false,
    });
    // B's admin already has a platform identity.
    const { token: knownToken } = await invite(p, a.tenant, a.admin.token, { email: b.admin.email, role: "vendor_admin" }, now);
    const known = await lookupInvitation({ ctx: await anon(p, a.tenant, now + MINUTE), token: knownToken });
    expect(known.email).toBe(b.admin.email);
    expect(known.existingAccount).toBe(true);
  });

  it("turns the invitation into a membership and a signed-in session", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const orgId = await addPartnerOrg(p, t, "Litware");
    const email = newEmail();
    const { token, invitation } = await invite(p, t.tenant, t.admin.token, { email, role: "partner_admin", partnerOrgId: orgId }, now);
    const ctx = await anon(p, t.tenant, now + MINUTE);
    const result = await acceptInvitation({ ctx, input: { token, name: "Lia Litware", password: "a-fine-password" } });

    expect(result.user).toEqual({
      id: expect.any(String),
      email,
      name: "Lia Litware",
      role: "partner_admin",
      partnerOrg: { id: orgId, name: "Litware" },
      tenant: { id: t.tenant.id, slug: t.tenant.slug, name: t.tenant.name },
      permissions: permissionsOf("partner_admin"),
      unreadNotifications: 0,
      branding: { portalName: expect.any(String), logoUrl: null, primaryColor: DEFAULT_PRIMARY_COLOR, textColor: "#ffffff" },
    });
    const actor = (await tenantCtx(p, t.tenant, result.session.token, now + 2 * MINUTE)).actor;
    expect(actor.kind === "user" && [actor.membership.id, actor.role, actor.partnerOrgId]).toEqual([result.user.id, "partner_admin", orgId]);

    const membership = await ctx.db.$client.execute({ sql: "SELECT name, role, partner_org_id, status, created_at FROM memberships WHERE email = ?", args: [email] });
    expect(membership.rows.map((r) => [r.name, r.role, r.partner_org_id, r.status, r.created_at])).toEqual([["Lia Litware", "partner_admin", orgId, "active", now + MINUTE]]);
    const accepted = await ctx.db.$client.execute({ sql: "SELECT accepted_at FROM invitations WHERE id = ?", args: [invitation.id] });
    expect(accepted.rows[0]!.accepted_at).toBe(now + MINUTE);
    const audit = await ctx.db.$client.execute({ sql: "SELECT actor_id, target_id FROM audit_log WHERE action = 'user.invitation_accepted'", args: [] });
    expect(audit.rows.map((r) => [r.actor_id, r.target_id])).toEqual([[result.user.id, invitation.id]]);
    // Accepted invitations leave the list.
    expect((await listInvitations({ ctx: await tenantCtx(p, t.tenant, t.admin.token, now + 2 * MINUTE) })).items).toEqual([]);
    const login1 = await login({ ctx: await anon(p, t.tenant, now + 3 * MINUTE), input: { email, password: "a-fine-password" } });
    expect(login1.user.id).toBe(result.user.id);
  });

  it("asks a new person for a password of at least 10 characters and keeps the invitation open", async () => {
    const t = await createTenant(p);
    const { token } = await invite(p, t.tenant, t.admin.token, { email: newEmail(), role: "channel_manager" });
    const err = await expectError(acceptInvitation({ ctx: await anon(p, t.tenant), input: { token, name: "Short", password: "short" } }), ValidationFailed);
    expect(err.fields).toEqual([{ field: "password", message: "Use at least 10 characters.", code: "too_small" }]);
    expect((await lookupInvitation({ ctx: await anon(p, t.tenant), token })).existingAccount).toBe(false);
  });

  it("joins a person who already has an account only with that account's password, keeping one identity", async () => {
    const now = Date.now();
    const home = await createTenant(p, { now });
    const t = await createTenant(p, { now });
    const email = home.admin.email;
    const { token } = await invite(p, t.tenant, t.admin.token, { email, role: "channel_manager" }, now);

    const wrong = await expectError(
      acceptInvitation({ ctx: await anon(p, t.tenant, now + MINUTE), input: { token, name: "Vera", password: "a-different-password" } }),
      ValidationFailed,
    );
    expect(wrong.fields).toEqual([
      { field: "password", message: "You already have an account with this email. Enter its password.", code: "existing_account" },
    ]);

    const joined = await acceptInvitation({ ctx: await anon(p, t.tenant, now + 2 * MINUTE), input: { token, name: "Vera", password: home.admin.password } });
    expect(joined.user.role).toBe("channel_manager");
    for (const tenant of [home.tenant, t.tenant]) {
      const session = await login({ ctx: await anon(p, tenant, now + 3 * MINUTE), input: { email, password: home.admin.password } });
      expect(session.user.tenant.id).toBe(tenant.id);
    }
    const control = p.ctx().control;
    const identities = await control.$client.execute({ sql: "SELECT id FROM identities WHERE email = ?", args: [email] });
    expect(identities.rows).toHaveLength(1);
    const ctx = await anon(p, t.tenant);
    const membership = await ctx.db.$client.execute({ sql: "SELECT identity_id FROM memberships WHERE email = ?", args: [email] });
    expect(membership.rows.map((r) => r.identity_id)).toEqual([identities.rows[0]!.id]);
  });

  it("gives a new person accepting two portals' invitations at the same moment one identity that signs in to both", async () => {
    const now = Date.now();
    const a = await createTenant(p, { now });
    const b = await createTenant(p, { now });
    const email = newEmail("twice");
    const invites = [
      { tenant: a.tenant, ...(await invite(p, a.tenant, a.admin.token, { email, role: "channel_manager" }, now)) },
      { tenant: b.tenant, ...(await invite(p, b.tenant, b.admin.token, { email, role: "channel_manager" }, now)) },
    ];
    // Both acceptances read "no identity yet" before either writes one.
    const results = await Promise.all(
      invites.map(async (i) => acceptInvitation({ ctx: await anon(p, i.tenant, now + MINUTE), input: { token: i.token, name: "Tia", password: "same-password-1" } })),
    );
    expect(results.map((r) => r.user.tenant.id)).toEqual([a.tenant.id, b.tenant.id]);

    const identities = await p.ctx().control.$client.execute({ sql: "SELECT id FROM identities WHERE email = ?", args: [email] });
    expect(identities.rows).toHaveLength(1);
    for (const i of invites) {
      const ctx = await anon(p, i.tenant, now + 2 * MINUTE);
      const m = await ctx.db.$client.execute({ sql: "SELECT identity_id FROM memberships WHERE email = ?", args: [email] });
      expect(m.rows.map((r) => r.identity_id)).toEqual([identities.rows[0]!.id]);
      const session = await login({ ctx, input: { email, password: "same-password-1" } });
      expect(session.user.tenant.id).toBe(i.tenant.id);
    }
  });

  it("works once", async () => {
    const t = await createTenant(p);
    const email = newEmail();
    const { token } = await invite(p, t.tenant, t.admin.token, { email, role: "channel_manager" });
    await acceptInvitation({ ctx: await anon(p, t.tenant), input: { token, name: "Once", password: "once-password-1" } });
    const again = await expectError(acceptInvitation({ ctx: await anon(p, t.tenant), input: { token, name: "Twice", password: "once-password-1" } }), BadRequest);
    expect(again.code).toBe("invalid_token");
    expect(again.fields).toEqual([{ field: "token", message: "This invitation is invalid, already used or expired." }]);
    await expectError(lookupInvitation({ ctx: await anon(p, t.tenant), token }), BadRequest);
    const members = await (await anon(p, t.tenant)).db.$client.execute({ sql: "SELECT name FROM memberships WHERE email = ?", args: [email] });
    expect(members.rows.map((r) => r.name)).toEqual(["Once"]);
  });

  it("expires after 7 days", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const { token } = await invite(p, t.tenant, t.admin.token, { email: newEmail(), role: "channel_manager" }, now);
    expect((await lookupInvitation({ ctx: await anon(p, t.tenant, now + 7 * DAY - 1), token })).role).toBe("channel_manager");
    const late = await anon(p, t.tenant, now + 8 * DAY);
    expect((await expectError(lookupInvitation({ ctx: late, token }), BadRequest)).code).toBe("invalid_token");
    const err = await expectError(acceptInvitation({ ctx: late, input: { token, name: "Late", password: "late-password-1" } }), BadRequest);
    expect(err.code).toBe("invalid_token");
    const members = await late.db.$client.execute("SELECT count(*) AS n FROM memberships");
    expect(Number(members.rows[0]!.n)).toBe(1);
    const { items } = await listInvitations({ ctx: systemCtx(p, t.tenant, now + 8 * DAY) });
    expect(items.map((i) => i.status)).toEqual(["expired"]);
  });

  it("stops working once revoked, and cannot be revoked twice", async () => {
    const t = await createTenant(p);
    const { token, invitation } = await invite(p, t.tenant, t.admin.token, { email: newEmail(), role: "channel_manager" });
    const admin = await tenantCtx(p, t.tenant, t.admin.token);
    await revokeInvitation({ ctx: admin, id: invitation.id });
    const err = await expectError(acceptInvitation({ ctx: await anon(p, t.tenant), input: { token, name: "R", password: "revoked-password" } }), BadRequest);
    expect(err.code).toBe("invalid_token");
    await expectError(revokeInvitation({ ctx: await tenantCtx(p, t.tenant, t.admin.token), id: invitation.id }), NotFound);
    const audit = await admin.db.$client.execute({ sql: "SELECT target_id FROM audit_log WHERE action = 'user.invitation_revoked'", args: [] });
    expect(audit.rows.map((r) => r.target_id)).toEqual([invitation.id]);
  });

  it("hides other organizations' invitations from a partner admin: list scoped, revoke NotFound", async () => {
    const t = await createTenant(p);
    const mine = await addPartnerOrg(p, t, "Mine");
    const theirs = await addPartnerOrg(p, t, "Theirs");
    const partnerAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: mine });
    const ownInvite = await invite(p, t.tenant, partnerAdmin.token, { email: newEmail(), role: "partner_user" });
    const theirInvite = await invite(p, t.tenant, t.admin.token, { email: newEmail(), role: "partner_user", partnerOrgId: theirs });
    const vendorInvite = await invite(p, t.tenant, t.admin.token, { email: newEmail(), role: "channel_manager" });

    const ctx = await tenantCtx(p, t.tenant, partnerAdmin.token);
    expect((await listInvitations({ ctx })).items.map((i) => i.id)).toEqual([ownInvite.invitation.id]);
    for (const id of [theirInvite.invitation.id, vendorInvite.invitation.id]) {
      const err = await expectError(revokeInvitation({ ctx, id }), NotFound);
      expect(err.code).toBe("not_found");
    }
    expect((await lookupInvitation({ ctx: await anon(p, t.tenant), token: theirInvite.token })).email).toBe(theirInvite.invitation.email);
    await revokeInvitation({ ctx, id: ownInvite.invitation.id });

    const all = await listInvitations({ ctx: await tenantCtx(p, t.tenant, t.admin.token) });
    expect(new Map(all.items.map((i) => [i.id, i.status]))).toEqual(
      new Map([
        [theirInvite.invitation.id, "pending"],
        [vendorInvite.invitation.id, "pending"],
        [ownInvite.invitation.id, "revoked"],
      ]),
    );
  });

  it("lists invitations pending first, then newest first, for vendor staff", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const first = await invite(p, t.tenant, t.admin.token, { email: newEmail(), role: "channel_manager" }, now + 1000);
    const second = await invite(p, t.tenant, t.admin.token, { email: newEmail(), role: "channel_manager" }, now + 2000);
    const third = await invite(p, t.tenant, t.admin.token, { email: newEmail(), role: "channel_manager" }, now + 3000);
    await revokeInvitation({ ctx: await tenantCtx(p, t.tenant, t.admin.token, now + 4000), id: third.invitation.id });
    const manager = await addMember(p, t, { role: "channel_manager" });
    const { items } = await listInvitations({ ctx: await tenantCtx(p, t.tenant, manager.token, now + 5000) });
    // The manager's own (accepted) invitation is not listed.
    expect(items.map((i) => [i.id, i.status])).toEqual([
      [second.invitation.id, "pending"],
      [first.invitation.id, "pending"],
      [third.invitation.id, "revoked"],
    ]);
  });
});

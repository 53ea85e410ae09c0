// Who may do what (the role matrix, pinned here so a policy change is a
// deliberate test change), what partner roles can see inside a portal, and
// that nothing of one portal is visible or usable from another.
import { describe, expect, it } from "vitest";
import { roles, type Role } from "../../../db/tenant/schema.ts";
import { getDashboard } from "../../../worker/analytics/get-dashboard.ts";
import { createPartnerOrg } from "../../../worker/partners/create-partner-org.ts";
import { listPartnerOrgs } from "../../../worker/partners/list-partner-orgs.ts";
import type { Actor, Ctx, TenantRef } from "../../../worker/platform/context.ts";
import { BadRequest, Forbidden, NotFound, ValidationFailed } from "../../../worker/platform/errors.ts";
import { can, permissionsOf, policy, type Action } from "../../../worker/platform/policy.ts";
import { acceptInvitation, lookupInvitation } from "../../../worker/platform/users/accept-invitation.ts";
import { inviteUser } from "../../../worker/platform/users/invite-user.ts";
import { listUsers } from "../../../worker/platform/users/list-users.ts";
import { revokeInvitation } from "../../../worker/platform/users/revoke-invitation.ts";
import {
  addMember,
  addPartnerOrg,
  createTenant,
  createTestPlatform,
  lastInvitationToken,
  tenantCtx,
  uniqueName,
  type TestPlatform,
  type TestTenant,
} from "../../support/platform.ts";

// Signup is throttled per client address (20 an hour): one platform for the
// single-portal rules, one for the two-portal isolation tests.
const p = await createTestPlatform();
const iso = await createTestPlatform();

type Verb = "listUsers" | "inviteUser" | "listPartnerOrgs" | "createPartnerOrg" | "getDashboard";

// The contract, written out by hand: changing `policy` must change this too.
const MATRIX: Record<Role, Record<Verb, "ok" | "forbidden">> = {
  vendor_admin: { listUsers: "ok", inviteUser: "ok", listPartnerOrgs: "ok", createPartnerOrg: "ok", getDashboard: "ok" },
  channel_manager: { listUsers: "ok", inviteUser: "ok", listPartnerOrgs: "ok", createPartnerOrg: "ok", getDashboard: "ok" },
  partner_admin: { listUsers: "ok", inviteUser: "ok", listPartnerOrgs: "forbidden", createPartnerOrg: "forbidden", getDashboard: "ok" },
  partner_user: { listUsers: "forbidden", inviteUser: "forbidden", listPartnerOrgs: "forbidden", createPartnerOrg: "forbidden", getDashboard: "ok" },
};

const VERB_ACTION: Record<Exclude<Verb, "getDashboard">, Action> = {
  listUsers: "users.list",
  inviteUser: "users.invite",
  listPartnerOrgs: "partners.read",
  createPartnerOrg: "partners.manage",
};

const PERMISSIONS: Record<Role, Action[]> = {
  vendor_admin: [
    "dashboard.vendor", "users.list", "users.invite", "users.manage", "partners.read", "partners.manage", "partners.export", "partners.import", "applications.review", "apiKeys.manage", "audit.read",
    "agreements.manage", "agreements.read", "onboarding.manage", "onboarding.read", "branding.manage",
    "program.read", "program.manage", "tiers.evaluate", "deals.read", "deals.review", "notifications.own",
  ],
  channel_manager: ["dashboard.vendor", "users.list", "users.invite", "partners.read", "partners.manage", "partners.export", "partners.import", "applications.review", "agreements.read", "onboarding.read", "program.read", "tiers.evaluate", "deals.read", "deals.review", "notifications.own"],
  partner_admin: ["dashboard.partner", "users.list", "users.invite", "users.manage", "profile.manage_own", "agreements.read", "agreements.sign", "onboarding.own", "tiers.own", "deals.register", "deals.read", "notifications.own"],
  partner_user: ["dashboard.partner", "agreements.read", "onboarding.own", "tiers.own", "deals.register", "deals.read", "notifications.own"],
};

function userActor(role: Role, partnerOrgId: string | null): Actor {
  return {
    kind: "user",
    role,
    partnerOrgId,
    sessionId: "s",
    membership: { id: "m", identityId: "i", email: "x@example.com", name: "X", role, partnerOrgId, partnerOrgName: null, unreadNotifications: 0, brandingRow: null },
  };
}

function run(verb: Verb, ctx: Ctx, orgId: string): Promise<unknown> {
  switch (verb) {
    case "listUsers":
      return listUsers({ ctx, query: { limit: 25 } });
    case "inviteUser":
      return inviteUser({ ctx, input: { email: `${uniqueName("m")}@example.com`, name: "Matrix", role: "partner_user", partnerOrgId: orgId } });
    case "listPartnerOrgs":
      return listPartnerOrgs({ ctx });
    case "createPartnerOrg":
      return createPartnerOrg({ ctx, input: { name: "Matrix Org" } });
    case "getDashboard":
      return getDashboard({ ctx });
  }
}

async function outcome(promise: Promise<unknown>): Promise<"ok" | "forbidden"> {
  try {
    await promise;
    return "ok";
  } catch (e) {
    if (e instanceof Forbidden) return "forbidden";
    throw e;
  }
}

async function tokenFor(platform: TestPlatform, t: TestTenant, role: Role, orgId: string, name?: string) {
  if (role === "vendor_admin") return t.admin.token;
  const partnerOrgId = role === "partner_admin" || role === "partner_user" ? orgId : null;
  return (await addMember(platform, t, { role, partnerOrgId, ...(name ? { name } : {}) })).token;
}

async function count(ctx: Ctx, sql: string): Promise<number> {
  return Number((await ctx.db.$client.execute(sql)).rows[0]!.n);
}

describe("the role matrix", () => {
  it("is exactly what the policy table says", () => {
    for (const role of roles) {
      for (const [verb, action] of Object.entries(VERB_ACTION) as [Exclude<Verb, "getDashboard">, Action][]) {
        const expected = MATRIX[role][verb] === "ok";
        expect({ role, verb, allowed: can(userActor(role, "org"), action) }).toEqual({ role, verb, allowed: expected });
      }
      expect(permissionsOf(role)).toEqual(PERMISSIONS[role]);
    }
    expect(Object.keys(policy).sort()).toEqual(
      [
        "agreements.manage", "agreements.read", "agreements.sign", "apiKeys.manage", "applications.review", "audit.read", "branding.manage",
        "dashboard.partner", "dashboard.vendor", "deals.read", "deals.register", "deals.review", "notifications.own", "onboarding.manage", "onboarding.own", "onboarding.read",
        "partners.export", "partners.import", "partners.manage", "partners.read", "profile.manage_own", "program.manage", "program.read", "tiers.evaluate", "tiers.own", "users.invite", "users.list", "users.manage",
      ],
    );
    // The system actor (cron, queues) may do everything; anonymous nothing.
    for (const action of Object.keys(policy) as Action[]) {
      expect(can({ kind: "system", job: "test" }, action)).toBe(true);
      expect(can({ kind: "anonymous" }, action)).toBe(false);
    }
  });

  it.each(roles)("lets a %s call exactly the verbs the matrix allows", async (role) => {
    const t = await createTenant(p);
    const orgId = await addPartnerOrg(p, t);
    const ctx = await tenantCtx(p, t.tenant, await tokenFor(p, t, role, orgId));
    expect(ctx.actor.kind === "user" && ctx.actor.role).toBe(role);
    const actual: Record<string, string> = {};
    for (const verb of Object.keys(MATRIX[role]) as Verb[]) actual[verb] = await outcome(run(verb, ctx, orgId));
    expect(actual).toEqual(MATRIX[role]);
    // Refused calls wrote nothing: one org from the setup, plus one if creating was allowed.
    expect(await count(ctx, "SELECT count(*) AS n FROM partner_orgs")).toBe(MATRIX[role].createPartnerOrg === "ok" ? 2 : 1);
  });

  it("refuses every verb to an anonymous caller", async () => {
    const t = await createTenant(p);
    const orgId = await addPartnerOrg(p, t);
    const ctx = await tenantCtx(p, t.tenant, null);
    for (const verb of Object.keys(MATRIX.vendor_admin) as Verb[]) {
      expect({ verb, result: await outcome(run(verb, ctx, orgId)) }).toEqual({ verb, result: "forbidden" });
    }
  });
});

describe("listUsers", () => {
  it("shows vendor staff everyone and a partner admin only their own organization", async () => {
    const t = await createTenant(p);
    const north = await addPartnerOrg(p, t, "North");
    const south = await addPartnerOrg(p, t, "South");
    const manager = await addMember(p, t, { role: "channel_manager", name: "Cora Manager" });
    const northAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: north, name: "Nina North" });
    const northUser = await addMember(p, t, { role: "partner_user", partnerOrgId: north, name: "Ned North" });
    const southUser = await addMember(p, t, { role: "partner_user", partnerOrgId: south, name: "Sam South" });

    const everyone = [t.admin.email, manager.email, northAdmin.email, northUser.email, southUser.email].sort();
    for (const token of [t.admin.token, manager.token]) {
      const { items } = await listUsers({ ctx: await tenantCtx(p, t.tenant, token), query: { limit: 25 } });
      expect(items.map((u) => u.email).sort()).toEqual(everyone);
    }
    const { items, nextCursor } = await listUsers({ ctx: await tenantCtx(p, t.tenant, northAdmin.token), query: { limit: 25 } });
    expect(nextCursor).toBeNull();
    expect(items.map((u) => [u.name, u.role, u.partnerOrg, u.status])).toEqual([
      ["Ned North", "partner_user", { id: north, name: "North" }, "active"],
      ["Nina North", "partner_admin", { id: north, name: "North" }, "active"],
    ]);
    // A partner admin's search cannot reach outside the organization either.
    const search = await listUsers({ ctx: await tenantCtx(p, t.tenant, northAdmin.token), query: { limit: 25, q: "South" } });
    expect(search.items).toEqual([]);
    await expect(listUsers({ ctx: await tenantCtx(p, t.tenant, northUser.token), query: { limit: 25 } })).rejects.toBeInstanceOf(Forbidden);
  });

  it("pages newest first with a cursor, without repeats, including members who joined in the same millisecond", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const admin = await tenantCtx(p, t.tenant, t.admin.token, now);
    // Six more members; three of them join at the very same instant.
    const joinTimes = [now + 1000, now + 2000, now + 3000, now + 3000, now + 3000, now + 4000];
    for (const [i, at] of joinTimes.entries()) {
      const email = `${uniqueName(`page${i}`)}@example.com`;
      await inviteUser({ ctx: admin, input: { email, name: `Member ${i}`, role: "channel_manager" } });
      const token = await lastInvitationToken(admin, email);
      await acceptInvitation({ ctx: await tenantCtx(p, t.tenant, null, at), input: { token, name: `Member ${i}`, password: "paging-password" } });
    }

    const all = await listUsers({ ctx: admin, query: { limit: 100 } });
    expect(all.items).toHaveLength(7);
    expect(all.nextCursor).toBeNull();
    const expectedOrder = [...all.items].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    expect(all.items.map((u) => u.id)).toEqual(expectedOrder.map((u) => u.id));
    expect(all.items.map((u) => u.createdAt)).toEqual([now + 4000, now + 3000, now + 3000, now + 3000, now + 2000, now + 1000, now]);

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listUsers({ ctx: admin, query: { limit: 3, ...(cursor ? { cursor } : {}) } });
      pages.push(page.items.map((u) => u.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);
    expect(pages.map((ids) => ids.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(all.items.map((u) => u.id));
    expect(new Set(pages.flat()).size).toBe(7);

    // Exactly `limit` members left: the last full page says there is no next one.
    const sixPerPage = await listUsers({ ctx: admin, query: { limit: 6 } });
    const rest = await listUsers({ ctx: admin, query: { limit: 1, cursor: sixPerPage.nextCursor! } });
    expect(rest.items.map((u) => u.createdAt)).toEqual([now]);
    expect(rest.nextCursor).toBeNull();
  });

  it("searches by name or email, case-insensitively, with % and _ taken literally", async () => {
    const t = await createTenant(p);
    const orgId = await addPartnerOrg(p, t);
    const quinn = await addMember(p, t, { role: "channel_manager", name: "Zoe Quinn", email: `${uniqueName("zq")}@quinn-labs.example.com` });
    const omar = await addMember(p, t, { role: "partner_user", partnerOrgId: orgId, name: "Omar Haddad", email: `${uniqueName("omar")}@example.com` });
    const ctx = await tenantCtx(p, t.tenant, t.admin.token);
    const search = async (q: string) => (await listUsers({ ctx, query: { limit: 25, q } })).items.map((u) => u.email).sort();

    expect(await search("zoe qu")).toEqual([quinn.email]);
    expect(await search("QUINN-LABS")).toEqual([quinn.email]);
    expect(await search("haddad")).toEqual([omar.email]);
    expect(await search(omar.email.slice(0, 10))).toEqual([omar.email]);
    expect(await search("example.com")).toEqual([t.admin.email, quinn.email, omar.email].sort());
    expect(await search("%")).toEqual([]);
    expect(await search("_")).toEqual([]);
    expect(await search("nobody-by-this-name")).toEqual([]);
  });

  it("rejects a cursor it did not issue with invalid_cursor", async () => {
    const t = await createTenant(p);
    const ctx = await tenantCtx(p, t.tenant, t.admin.token);
    for (const cursor of ["not base64 at all!", btoa("{}"), btoa("[1]"), btoa('["x","y"]'), btoa("null")]) {
      const err = await listUsers({ ctx, query: { limit: 25, cursor } }).catch((e) => e);
      expect(err).toBeInstanceOf(BadRequest);
      expect({ cursor, code: err.code, fields: err.fields }).toEqual({ cursor, code: "invalid_cursor", fields: [{ field: "cursor", message: "Invalid cursor." }] });
    }
  });
});

describe("getDashboard", () => {
  it("shows vendor staff portal-wide counts and partner roles their organization's", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const north = await addPartnerOrg(p, t, "North");
    const south = await addPartnerOrg(p, t, "South");
    const manager = await addMember(p, t, { role: "channel_manager" });
    const northAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: north });
    const northUser = await addMember(p, t, { role: "partner_user", partnerOrgId: north });
    await addMember(p, t, { role: "partner_user", partnerOrgId: south });
    const admin = await tenantCtx(p, t.tenant, t.admin.token);
    // Pending: two for North (one by its own admin), one for South, one vendor role; one revoked.
    const northCtx = await tenantCtx(p, t.tenant, northAdmin.token);
    await inviteUser({ ctx: northCtx, input: { email: `${uniqueName("n1")}@example.com`, name: "N1", role: "partner_user" } });
    await inviteUser({ ctx: admin, input: { email: `${uniqueName("n2")}@example.com`, name: "N2", role: "partner_admin", partnerOrgId: north } });
    await inviteUser({ ctx: admin, input: { email: `${uniqueName("s1")}@example.com`, name: "S1", role: "partner_user", partnerOrgId: south } });
    await inviteUser({ ctx: admin, input: { email: `${uniqueName("v1")}@example.com`, name: "V1", role: "channel_manager" } });
    const revoked = await inviteUser({ ctx: admin, input: { email: `${uniqueName("r1")}@example.com`, name: "R1", role: "partner_user", partnerOrgId: north } });
    await revokeInvitation({ ctx: admin, id: revoked.id });

    const vendorCards = [
      { key: "users", value: 5 },
      { key: "partnerOrgs", value: 2 },
      { key: "pendingInvitations", value: 4 },
    ];
    expect(await getDashboard({ ctx: admin })).toEqual({ role: "vendor_admin", cards: vendorCards });
    expect(await getDashboard({ ctx: await tenantCtx(p, t.tenant, manager.token) })).toEqual({ role: "channel_manager", cards: vendorCards });
    const partnerCards = [
      { key: "teamMembers", value: 2 },
      { key: "pendingInvitations", value: 2 },
    ];
    expect(await getDashboard({ ctx: northCtx })).toEqual({ role: "partner_admin", cards: partnerCards });
    expect(await getDashboard({ ctx: await tenantCtx(p, t.tenant, northUser.token) })).toEqual({ role: "partner_user", cards: partnerCards });

    // Eight days on, every invitation has expired.
    const later = await tenantCtx(p, t.tenant, null, now + 8 * 24 * 60 * 60_000);
    const asAdminLater: Ctx = { ...later, actor: admin.actor };
    expect((await getDashboard({ ctx: asAdminLater })).cards.find((c) => c.key === "pendingInvitations")!.value).toBe(0);
  });
});

describe("tenant isolation", () => {
  async function twoPortals() {
    const a = await createTenant(iso);
    const b = await createTenant(iso);
    return { a, b };
  }

  async function anon(tenant: TenantRef) {
    return tenantCtx(iso, tenant, null);
  }

  it("does not accept portal A's session in portal B", async () => {
    const { a, b } = await twoPortals();
    expect((await tenantCtx(iso, a.tenant, a.admin.token)).actor.kind).toBe("user");
    expect((await tenantCtx(iso, b.tenant, a.admin.token)).actor.kind).toBe("anonymous");
  });

  it("never lists portal A's members in portal B", async () => {
    const { a, b } = await twoPortals();
    const aOrg = await addPartnerOrg(iso, a, "A Org");
    const aMember = await addMember(iso, a, { role: "partner_user", partnerOrgId: aOrg, name: "Only In A" });
    const bCtx = await tenantCtx(iso, b.tenant, b.admin.token);
    const { items } = await listUsers({ ctx: bCtx, query: { limit: 100 } });
    expect(items.map((u) => u.email)).toEqual([b.admin.email]);
    expect((await listUsers({ ctx: bCtx, query: { limit: 100, q: "Only In A" } })).items).toEqual([]);
    expect((await listPartnerOrgs({ ctx: bCtx })).items).toEqual([]);
    expect((await getDashboard({ ctx: bCtx })).cards).toEqual([
      { key: "users", value: 1 },
      { key: "partnerOrgs", value: 0 },
      { key: "pendingInvitations", value: 0 },
    ]);
    // And A still has its own.
    const aItems = (await listUsers({ ctx: await tenantCtx(iso, a.tenant, a.admin.token), query: { limit: 100 } })).items;
    expect(aItems.map((u) => u.email).sort()).toEqual([a.admin.email, aMember.email].sort());
  });

  it("does not honour portal A's invitation in portal B, nor let B revoke it", async () => {
    const { a, b } = await twoPortals();
    const aAdmin = await tenantCtx(iso, a.tenant, a.admin.token);
    const email = `${uniqueName("cross")}@example.com`;
    const invitation = await inviteUser({ ctx: aAdmin, input: { email, name: "Cross", role: "channel_manager" } });
    const token = await lastInvitationToken(aAdmin, email);

    const lookup = await lookupInvitation({ ctx: await anon(b.tenant), token }).catch((e) => e);
    expect(lookup).toBeInstanceOf(BadRequest);
    expect(lookup.code).toBe("invalid_token");
    const accept = await acceptInvitation({ ctx: await anon(b.tenant), input: { token, name: "Cross", password: "cross-password" } }).catch((e) => e);
    expect(accept).toBeInstanceOf(BadRequest);
    expect(accept.code).toBe("invalid_token");

    const revoke = await revokeInvitation({ ctx: await tenantCtx(iso, b.tenant, b.admin.token), id: invitation.id }).catch((e) => e);
    expect(revoke).toBeInstanceOf(NotFound);
    // Still pending in A, and B gained no member.
    expect((await lookupInvitation({ ctx: await anon(a.tenant), token })).email).toBe(email);
    expect(await count(await anon(b.tenant), "SELECT count(*) AS n FROM memberships")).toBe(1);
  });

  it("treats portal A's partner organization as nonexistent in portal B", async () => {
    const { a, b } = await twoPortals();
    const aOrg = await addPartnerOrg(iso, a, "A Org");
    const bCtx = await tenantCtx(iso, b.tenant, b.admin.token);
    const err = await inviteUser({
      ctx: bCtx,
      input: { email: `${uniqueName("org")}@example.com`, name: "Org", role: "partner_user", partnerOrgId: aOrg },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationFailed);
    expect(err.fields).toEqual([{ field: "partnerOrgId", message: "This partner organization does not exist." }]);
    expect(await count(bCtx, "SELECT count(*) AS n FROM invitations")).toBe(0);
  });
});

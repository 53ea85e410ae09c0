// Managing members: vendor admins change roles and remove or restore anyone
// in their portal, partner admins only their own organization's people; a
// role never crosses between vendor staff and a partner organization; nobody
// acts on themselves; the last active admin stays; removal ends sessions and
// sign-in; refused changes leave nothing behind. Then the HTTP routes.
import { describe, expect, it } from "vitest";
import type { Role } from "../../../db/tenant/schema.ts";
import { login } from "../../../worker/platform/auth/login.ts";
import type { Ctx, TenantRef } from "../../../worker/platform/context.ts";
import { Conflict, Forbidden, NotFound, Unauthenticated, ValidationFailed } from "../../../worker/platform/errors.ts";
import { changeMemberRole } from "../../../worker/platform/users/change-member-role.ts";
import { removeMember } from "../../../worker/platform/users/remove-member.ts";
import { restoreMember } from "../../../worker/platform/users/restore-member.ts";
import { appHarness } from "../../support/app-harness.ts";
import {
  addMember,
  addPartnerOrg,
  createTenant,
  createTestPlatform,
  systemCtx,
  tenantCtx,
  type TestPlatform,
  type TestTenant,
} from "../../support/platform.ts";

// Signup is throttled per client address (20 an hour): the verbs and the
// routes each get their own platform.
const p = await createTestPlatform();
const http = await createTestPlatform();

const MINUTE = 60_000;

type DomainErrorShape = { code: string; fields?: { field: string; code?: string }[] };

async function expectError<T>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T & DomainErrorShape> {
  const err = await promise.then(
    (value) => ({ resolved: value }),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  return err as T & DomainErrorShape;
}

interface Member {
  id: string;
  token: string;
  email: string;
  password: string;
}

/** Invites and accepts a member, and returns their membership id with their session. */
async function member(platform: TestPlatform, t: TestTenant, role: Role, partnerOrgId: string | null = null, name = "Member"): Promise<Member> {
  const added = await addMember(platform, t, { role, partnerOrgId, name });
  return { ...added, id: await membershipIdOf(platform, t.tenant, added.token) };
}

async function membershipIdOf(platform: TestPlatform, tenant: TenantRef, token: string): Promise<string> {
  const actor = (await tenantCtx(platform, tenant, token)).actor;
  if (actor.kind !== "user") throw new Error("token does not authenticate");
  return actor.membership.id;
}

async function as(platform: TestPlatform, t: TestTenant, token: string, now = Date.now()) {
  return tenantCtx(platform, t.tenant, token, now);
}

function randomIp(): string {
  const b = crypto.getRandomValues(new Uint8Array(3));
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

async function signIn(platform: TestPlatform, t: TestTenant, who: { email: string; password: string }) {
  const ctx = { ...(await tenantCtx(platform, t.tenant, null)), client: { ip: randomIp(), userAgent: "vitest" } };
  return login({ ctx, input: { email: who.email, password: who.password } });
}

/** Everything a member change could touch: the membership, its sessions, the audit log. */
async function snapshot(ctx: Ctx, membershipId: string) {
  const [m, s, a] = await ctx.db.$client.batch(
    [
      { sql: "SELECT role, status, updated_at FROM memberships WHERE id = ?", args: [membershipId] },
      { sql: "SELECT id, revoked_at FROM sessions WHERE membership_id = ? ORDER BY id", args: [membershipId] },
      { sql: "SELECT count(*) AS n FROM audit_log WHERE action IN ('user.role_changed', 'user.removed', 'user.restored')", args: [] },
    ],
    "read",
  );
  return { membership: m!.rows.map((r) => ({ ...r })), sessions: s!.rows.map((r) => ({ ...r })), audits: Number(a!.rows[0]!.n) };
}

async function auditRows(ctx: Ctx, membershipId: string) {
  const rs = await ctx.db.$client.execute({
    sql: "SELECT action, actor_kind, actor_id, target_type, data, at FROM audit_log WHERE target_id = ? AND action LIKE 'user.%' ORDER BY at, rowid",
    args: [membershipId],
  });
  return rs.rows.map((r) => ({
    action: String(r.action),
    actorKind: String(r.actor_kind),
    actorId: r.actor_id == null ? null : String(r.actor_id),
    targetType: String(r.target_type),
    data: r.data == null ? null : (JSON.parse(String(r.data)) as Record<string, unknown>),
    at: Number(r.at),
  }));
}

describe("changeMemberRole", () => {
  it("lets a vendor admin change anyone's role within vendor staff or within a partner organization", async () => {
    const t = await createTenant(p);
    const org = await addPartnerOrg(p, t, "Fabrikam");
    const rep = await member(p, t, "partner_user", org, "Rita Rep");
    const manager = await member(p, t, "channel_manager", null, "Carl Manager");
    const adminId = await membershipIdOf(p, t.tenant, t.admin.token);
    const now = Date.now();
    const ctx = await as(p, t, t.admin.token, now);

    const promoted = await changeMemberRole({ ctx, input: { membershipId: rep.id, role: "partner_admin" } });
    expect(promoted).toEqual({
      id: rep.id,
      email: rep.email,
      name: "Rita Rep",
      role: "partner_admin",
      partnerOrg: { id: org, name: "Fabrikam" },
      status: "active",
      createdAt: expect.any(Number),
    });
    const staff = await changeMemberRole({ ctx, input: { membershipId: manager.id, role: "vendor_admin" } });
    expect([staff.role, staff.partnerOrg]).toEqual(["vendor_admin", null]);
    // With a second vendor admin, either may be made a channel manager.
    const back = await changeMemberRole({ ctx, input: { membershipId: manager.id, role: "channel_manager" } });
    expect(back.role).toBe("channel_manager");

    // The new role applies to the person's very next request.
    const repActor = (await as(p, t, rep.token)).actor;
    expect(repActor.kind === "user" && repActor.role).toBe("partner_admin");

    expect(await auditRows(ctx, rep.id)).toEqual([
      {
        action: "user.role_changed",
        actorKind: "user",
        actorId: adminId,
        targetType: "membership",
        data: { from: "partner_user", to: "partner_admin", email: rep.email },
        at: now,
      },
    ]);
    expect((await auditRows(ctx, manager.id)).filter((a) => a.action === "user.role_changed").map((a) => a.data)).toEqual([
      { from: "channel_manager", to: "vendor_admin", email: manager.email },
      { from: "vendor_admin", to: "channel_manager", email: manager.email },
    ]);
    const stored = await ctx.db.$client.execute({ sql: "SELECT role, updated_at FROM memberships WHERE id = ?", args: [rep.id] });
    expect({ ...stored.rows[0] }).toEqual({ role: "partner_admin", updated_at: now });
  });

  it("lets a partner admin change roles inside their own organization, and setting the same role changes nothing", async () => {
    const t = await createTenant(p);
    const org = await addPartnerOrg(p, t, "Own Org");
    const admin = await member(p, t, "partner_admin", org, "Paula Admin");
    const rep = await member(p, t, "partner_user", org, "Rob Rep");
    const ctx = await as(p, t, admin.token);

    expect((await changeMemberRole({ ctx, input: { membershipId: rep.id, role: "partner_admin" } })).role).toBe("partner_admin");
    expect((await changeMemberRole({ ctx, input: { membershipId: rep.id, role: "partner_user" } })).role).toBe("partner_user");
    const before = await snapshot(ctx, rep.id);
    expect((await changeMemberRole({ ctx, input: { membershipId: rep.id, role: "partner_user" } })).role).toBe("partner_user");
    expect(await snapshot(ctx, rep.id)).toEqual(before);
    expect((await auditRows(ctx, rep.id)).filter((a) => a.action === "user.role_changed").map((a) => [a.actorId, a.data])).toEqual([
      [admin.id, { from: "partner_user", to: "partner_admin", email: rep.email }],
      [admin.id, { from: "partner_admin", to: "partner_user", email: rep.email }],
    ]);
  });

  it("refuses to move a person between vendor staff and a partner organization, naming the role field", async () => {
    const t = await createTenant(p);
    const org = await addPartnerOrg(p, t);
    const partnerAdmin = await member(p, t, "partner_admin", org);
    const rep = await member(p, t, "partner_user", org);
    const manager = await member(p, t, "channel_manager");
    const vendor = await as(p, t, t.admin.token);
    const partner = await as(p, t, partnerAdmin.token);
    const before = [await snapshot(vendor, rep.id), await snapshot(vendor, manager.id)];

    const cases: [Ctx, string, Role][] = [
      [vendor, rep.id, "vendor_admin"],
      [vendor, rep.id, "channel_manager"],
      [vendor, manager.id, "partner_user"],
      [vendor, manager.id, "partner_admin"],
      [partner, rep.id, "vendor_admin"],
      [partner, rep.id, "channel_manager"],
    ];
    for (const [ctx, membershipId, role] of cases) {
      const err = await expectError(changeMemberRole({ ctx, input: { membershipId, role } }), ValidationFailed);
      expect(err.fields).toEqual([{ field: "role", message: expect.any(String), code: "role_not_allowed" }]);
    }
    expect([await snapshot(vendor, rep.id), await snapshot(vendor, manager.id)]).toEqual(before);
  });
});

describe("who may manage whom", () => {
  it("hides other organizations' people and vendor staff from a partner admin: 404, and nothing changes", async () => {
    const t = await createTenant(p);
    const north = await addPartnerOrg(p, t, "North");
    const south = await addPartnerOrg(p, t, "South");
    const northAdmin = await member(p, t, "partner_admin", north);
    const southAdmin = await member(p, t, "partner_admin", south);
    const southRep = await member(p, t, "partner_user", south);
    const manager = await member(p, t, "channel_manager");
    const vendorAdminId = await membershipIdOf(p, t.tenant, t.admin.token);
    const ctx = await as(p, t, northAdmin.token);

    for (const target of [southAdmin.id, southRep.id, manager.id, vendorAdminId, crypto.randomUUID()]) {
      const before = await snapshot(ctx, target);
      // Started one at a time: a rejected call nobody awaits yet is an unhandled rejection.
      const attempts = [
        () => changeMemberRole({ ctx, input: { membershipId: target, role: "partner_user" } }),
        () => changeMemberRole({ ctx, input: { membershipId: target, role: "partner_admin" } }),
        () => removeMember({ ctx, membershipId: target }),
        () => restoreMember({ ctx, membershipId: target }),
      ];
      for (const attempt of attempts) {
        const err = await expectError(attempt(), NotFound);
        expect(err.code).toBe("not_found");
      }
      expect(await snapshot(ctx, target)).toEqual(before);
    }
  });

  it("forbids partner users and channel managers (403), even on their own organization's people", async () => {
    const t = await createTenant(p);
    const org = await addPartnerOrg(p, t);
    const rep = await member(p, t, "partner_user", org);
    const colleague = await member(p, t, "partner_user", org);
    const manager = await member(p, t, "channel_manager");
    for (const token of [rep.token, manager.token]) {
      const ctx = await as(p, t, token);
      await expectError(changeMemberRole({ ctx, input: { membershipId: colleague.id, role: "partner_admin" } }), Forbidden);
      await expectError(removeMember({ ctx, membershipId: colleague.id }), Forbidden);
      await expectError(restoreMember({ ctx, membershipId: colleague.id }), Forbidden);
    }
    const anonymous = await tenantCtx(p, t.tenant, null);
    await expectError(removeMember({ ctx: anonymous, membershipId: colleague.id }), Forbidden);
    const ctx = await as(p, t, t.admin.token);
    expect((await snapshot(ctx, colleague.id)).audits).toBe(0);
  });

  it("treats another portal's membership as not found", async () => {
    const a = await createTenant(p);
    const b = await createTenant(p);
    const bOrg = await addPartnerOrg(p, b);
    const bRep = await member(p, b, "partner_user", bOrg);
    const bAdminId = await membershipIdOf(p, b.tenant, b.admin.token);
    const ctx = await as(p, a, a.admin.token);
    for (const target of [bRep.id, bAdminId]) {
      await expectError(changeMemberRole({ ctx, input: { membershipId: target, role: "partner_admin" } }), NotFound);
      await expectError(removeMember({ ctx, membershipId: target }), NotFound);
      await expectError(restoreMember({ ctx, membershipId: target }), NotFound);
    }
    const bCtx = await as(p, b, b.admin.token);
    expect(await snapshot(bCtx, bRep.id)).toMatchObject({ membership: [{ role: "partner_user", status: "active" }], audits: 0 });
    expect((await as(p, b, bRep.token)).actor.kind).toBe("user");
  });

  it("refuses changing one's own role or removing oneself", async () => {
    const t = await createTenant(p);
    const org = await addPartnerOrg(p, t);
    const partnerAdmin = await member(p, t, "partner_admin", org);
    await member(p, t, "partner_admin", org);
    await member(p, t, "vendor_admin");
    const vendorAdminId = await membershipIdOf(p, t.tenant, t.admin.token);
    for (const [token, id, role] of [
      [t.admin.token, vendorAdminId, "channel_manager"],
      [partnerAdmin.token, partnerAdmin.id, "partner_user"],
    ] as const) {
      const ctx = await as(p, t, token);
      const before = await snapshot(ctx, id);
      const change = await expectError(changeMemberRole({ ctx, input: { membershipId: id, role } }), Conflict);
      expect(change.code).toBe("cannot_change_self");
      const remove = await expectError(removeMember({ ctx, membershipId: id }), Conflict);
      expect(remove.code).toBe("cannot_change_self");
      expect(await snapshot(ctx, id)).toEqual(before);
      expect((await as(p, t, token)).actor.kind).toBe("user");
    }
  });
});

describe("the last active admin", () => {
  it("keeps at least one active partner admin in each organization", async () => {
    const t = await createTenant(p);
    const org = await addPartnerOrg(p, t);
    const first = await member(p, t, "partner_admin", org);
    const vendor = await as(p, t, t.admin.token);

    const before = await snapshot(vendor, first.id);
    for (const attempt of [
      changeMemberRole({ ctx: vendor, input: { membershipId: first.id, role: "partner_user" } }),
      removeMember({ ctx: vendor, membershipId: first.id }),
    ]) {
      const err = await expectError(attempt, Conflict);
      expect([err.code, err.message]).toEqual(["last_admin", expect.stringContaining("at least one active partner admin")]);
    }
    expect(await snapshot(vendor, first.id)).toEqual(before);

    // With a second admin the first can step down; then the second is the last.
    const second = await member(p, t, "partner_admin", org);
    expect((await changeMemberRole({ ctx: await as(p, t, second.token), input: { membershipId: first.id, role: "partner_user" } })).role).toBe(
      "partner_user",
    );
    expect((await expectError(removeMember({ ctx: vendor, membershipId: second.id }), Conflict)).code).toBe("last_admin");
    // A removed admin does not count: restoring the first as admin, then removing them, leaves the second alone again.
    await changeMemberRole({ ctx: vendor, input: { membershipId: first.id, role: "partner_admin" } });
    await removeMember({ ctx: vendor, membershipId: first.id });
    expect((await expectError(changeMemberRole({ ctx: vendor, input: { membershipId: second.id, role: "partner_user" } }), Conflict)).code).toBe(
      "last_admin",
    );
    // Another organization's admins do not count for this one.
    const other = await addPartnerOrg(p, t, "Other Org");
    await member(p, t, "partner_admin", other);
    expect((await expectError(removeMember({ ctx: vendor, membershipId: second.id }), Conflict)).code).toBe("last_admin");
    // A disabled admin's role may still change: it leaves no organization without an active admin.
    expect((await changeMemberRole({ ctx: vendor, input: { membershipId: first.id, role: "partner_user" } })).role).toBe("partner_user");
  });

  it("keeps at least one active vendor admin in the portal", async () => {
    const t = await createTenant(p);
    const adminId = await membershipIdOf(p, t.tenant, t.admin.token);
    const second = await member(p, t, "vendor_admin");
    await member(p, t, "channel_manager");
    const ctx = await as(p, t, t.admin.token);
    expect((await removeMember({ ctx, membershipId: second.id })).status).toBe("disabled");
    // Now the first admin is the last one; only someone else (here a system job) could try.
    const system = systemCtx(p, t.tenant);
    const before = await snapshot(system, adminId);
    for (const attempt of [
      changeMemberRole({ ctx: system, input: { membershipId: adminId, role: "channel_manager" } }),
      removeMember({ ctx: system, membershipId: adminId }),
    ]) {
      const err = await expectError(attempt, Conflict);
      expect([err.code, err.message]).toEqual(["last_admin", expect.stringContaining("at least one active vendor admin")]);
    }
    expect(await snapshot(system, adminId)).toEqual(before);
  });

  it("lets only one of two admins demoting each other at the same time succeed", async () => {
    const t = await createTenant(p);
    const second = await member(p, t, "vendor_admin");
    const adminId = await membershipIdOf(p, t.tenant, t.admin.token);
    const [a, b] = [await as(p, t, t.admin.token), await as(p, t, second.token)];
    const results = await Promise.allSettled([
      changeMemberRole({ ctx: a, input: { membershipId: second.id, role: "channel_manager" } }),
      removeMember({ ctx: b, membershipId: adminId }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(Conflict);
    expect((refused.reason as Conflict).code).toBe("last_admin");
    const left = await a.db.$client.execute("SELECT count(*) AS n FROM memberships WHERE role = 'vendor_admin' AND status = 'active'");
    expect(Number(left.rows[0]!.n)).toBe(1);
  });

  it("enforces the rule inside the write, even when the read before it saw two admins", async () => {
    const t = await createTenant(p);
    const org = await addPartnerOrg(p, t);
    const first = await member(p, t, "partner_admin", org);
    const second = await member(p, t, "partner_admin", org);
    const vendor = await as(p, t, t.admin.token);
    const racer = await as(p, t, t.admin.token);
    // Between this request's read and its write, someone else removes the other admin.
    const client = vendor.db.$client;
    let raced = false;
    const interleaved = new Proxy(client, {
      get(target, prop, receiver) {
        if (prop === "execute") {
          return async (...args: Parameters<typeof client.execute>) => {
            const result = await target.execute(...args);
            if (!raced) {
              raced = true;
              await removeMember({ ctx: racer, membershipId: second.id });
            }
            return result;
          };
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const ctx: Ctx = { ...vendor, db: Object.assign(Object.create(vendor.db) as Ctx["db"], { $client: interleaved }) };

    const before = await snapshot(vendor, first.id);
    const err = await expectError(changeMemberRole({ ctx, input: { membershipId: first.id, role: "partner_user" } }), Conflict);
    expect([raced, err.code]).toEqual([true, "last_admin"]);
    const after = await snapshot(vendor, first.id);
    // Only the racer's removal was audited.
    expect(after).toEqual({ ...before, audits: before.audits + 1 });
  });
});

describe("removeMember and restoreMember", () => {
  it("ends a removed member's sessions and sign-in, and restoring lets them sign in again", async () => {
    const t = await createTenant(p);
    const org = await addPartnerOrg(p, t, "Contoso");
    const partnerAdmin = await member(p, t, "partner_admin", org);
    const rep = await member(p, t, "partner_user", org, "Rhea Rep");
    const second = await signIn(p, t, rep);
    expect((await as(p, t, rep.token)).actor.kind).toBe("user");
    expect((await as(p, t, second.session.token)).actor.kind).toBe("user");

    const now = Date.now();
    const ctx = await as(p, t, partnerAdmin.token, now);
    const removed = await removeMember({ ctx, membershipId: rep.id });
    expect(removed).toMatchObject({ id: rep.id, status: "disabled", role: "partner_user", partnerOrg: { id: org, name: "Contoso" } });

    for (const token of [rep.token, second.session.token]) expect((await as(p, t, token, now + 1)).actor.kind).toBe("anonymous");
    const sessions = await ctx.db.$client.execute({ sql: "SELECT revoked_at FROM sessions WHERE membership_id = ?", args: [rep.id] });
    expect(sessions.rows.map((r) => r.revoked_at)).toEqual([now, now]);
    const refused = await expectError(signIn(p, t, rep), Unauthenticated);
    expect(refused.code).toBe("invalid_credentials");
    // Still listed (and restorable), as removed.
    const stored = await ctx.db.$client.execute({ sql: "SELECT status, updated_at FROM memberships WHERE id = ?", args: [rep.id] });
    expect({ ...stored.rows[0] }).toEqual({ status: "disabled", updated_at: now });

    const later = now + MINUTE;
    const restored = await restoreMember({ ctx: await as(p, t, partnerAdmin.token, later), membershipId: rep.id });
    expect(restored.status).toBe("active");
    const back = await signIn(p, t, rep);
    expect((await as(p, t, back.session.token)).actor.kind).toBe("user");
    // Sessions ended by the removal stay ended.
    expect((await as(p, t, rep.token)).actor.kind).toBe("anonymous");

    expect(await auditRows(ctx, rep.id)).toEqual([
      { action: "user.removed", actorKind: "user", actorId: partnerAdmin.id, targetType: "membership", data: { email: rep.email, role: "partner_user" }, at: now },
      { action: "user.restored", actorKind: "user", actorId: partnerAdmin.id, targetType: "membership", data: { email: rep.email }, at: later },
    ]);
  });

  it("refuses an existing session of a membership disabled by any means", async () => {
    const t = await createTenant(p);
    const manager = await member(p, t, "channel_manager");
    const ctx = await as(p, t, t.admin.token);
    await ctx.db.$client.execute({ sql: "UPDATE memberships SET status = 'disabled' WHERE id = ?", args: [manager.id] });
    expect((await as(p, t, manager.token)).actor.kind).toBe("anonymous");
  });

  it("changes nothing when removing someone already removed or restoring someone active", async () => {
    const t = await createTenant(p);
    const manager = await member(p, t, "channel_manager");
    const ctx = await as(p, t, t.admin.token);
    await removeMember({ ctx, membershipId: manager.id });
    const removed = await snapshot(ctx, manager.id);
    expect((await removeMember({ ctx, membershipId: manager.id })).status).toBe("disabled");
    expect(await snapshot(ctx, manager.id)).toEqual(removed);
    await restoreMember({ ctx, membershipId: manager.id });
    const restored = await snapshot(ctx, manager.id);
    expect((await restoreMember({ ctx, membershipId: manager.id })).status).toBe("active");
    expect(await snapshot(ctx, manager.id)).toEqual(restored);
    expect(restored.audits).toBe(2);
  });
});

describe("member routes", () => {
  const api = appHarness(http);

  async function portal() {
    const t = await createTenant(http);
    const org = await addPartnerOrg(http, t, "North");
    const partnerAdmin = await member(http, t, "partner_admin", org);
    const rep = await member(http, t, "partner_user", org);
    const base = `/api/t/${t.tenant.slug}/users`;
    return { t, org, partnerAdmin, rep, base };
  }

  it("changes a role, removes and restores over HTTP", async () => {
    const w = await portal();
    const patched = await api("PATCH", `${w.base}/${w.rep.id}`, { token: w.partnerAdmin.token, body: { role: "partner_admin" } });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: w.rep.id, role: "partner_admin", status: "active", partnerOrg: { id: w.org, name: "North" } });
    const removed = await api("POST", `${w.base}/${w.rep.id}/remove`, { token: w.t.admin.token });
    expect([removed.status, ((await removed.json()) as { status: string }).status]).toEqual([200, "disabled"]);
    const restored = await api("POST", `${w.base}/${w.rep.id}/restore`, { token: w.t.admin.token });
    expect([restored.status, ((await restored.json()) as { status: string }).status]).toEqual([200, "active"]);
  });

  it("answers problems: 401, 403, 404, 409 and 422 naming the role field", async () => {
    const w = await portal();
    const routes: [string, string, unknown?][] = [
      ["PATCH", `${w.base}/${w.rep.id}`, { role: "partner_admin" }],
      ["POST", `${w.base}/${w.rep.id}/remove`],
      ["POST", `${w.base}/${w.rep.id}/restore`],
    ];
    for (const [method, path, body] of routes) {
      expect({ method, path, status: (await api(method, path, { body })).status }).toEqual({ method, path, status: 401 });
      expect({ method, path, status: (await api(method, path, { token: w.rep.token, body })).status }).toEqual({ method, path, status: 403 });
    }

    const adminId = await membershipIdOf(http, w.t.tenant, w.t.admin.token);
    const hidden = await api("POST", `${w.base}/${adminId}/remove`, { token: w.partnerAdmin.token });
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get("content-type")).toContain("application/problem+json");
    expect(((await hidden.json()) as { code: string }).code).toBe("not_found");

    const crossing = await api("PATCH", `${w.base}/${w.rep.id}`, { token: w.t.admin.token, body: { role: "channel_manager" } });
    expect(crossing.status).toBe(422);
    expect(((await crossing.json()) as { errors: { field: string; code: string }[] }).errors).toEqual([
      { field: "role", message: expect.any(String), code: "role_not_allowed" },
    ]);
    const unknownRole = await api("PATCH", `${w.base}/${w.rep.id}`, { token: w.t.admin.token, body: { role: "owner" } });
    expect(unknownRole.status).toBe(422);
    expect(((await unknownRole.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["role"]);

    const last = await api("PATCH", `${w.base}/${w.partnerAdmin.id}`, { token: w.t.admin.token, body: { role: "partner_user" } });
    expect(last.status).toBe(409);
    expect(last.headers.get("content-type")).toContain("application/problem+json");
    expect(await last.json()).toMatchObject({ status: 409, code: "last_admin", detail: expect.stringContaining("partner admin") });
    const self = await api("POST", `${w.base}/${w.partnerAdmin.id}/remove`, { token: w.partnerAdmin.token });
    expect([self.status, ((await self.json()) as { code: string }).code]).toEqual([409, "cannot_change_self"]);
  });
});

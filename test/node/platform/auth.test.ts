// Login, sessions and password hashing: the service verbs against a real
// tenant database and control database, with the clock moved by `now`.
import { describe, expect, it } from "vitest";
import { DEFAULT_PRIMARY_COLOR } from "../../../worker/recruitment/branding/branding-schema.ts";
import { authenticate } from "../../../worker/platform/auth/authenticate.ts";
import { login } from "../../../worker/platform/auth/login.ts";
import { logout } from "../../../worker/platform/auth/logout.ts";
import { hashPassword, needsRehash, toBase64Url, verifyPassword } from "../../../worker/platform/auth/password.ts";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "../../../worker/platform/auth/sessions.ts";
import type { Ctx, TenantRef } from "../../../worker/platform/context.ts";
import { RateLimited, Unauthenticated } from "../../../worker/platform/errors.ts";
import { permissionsOf } from "../../../worker/platform/policy.ts";
import { addMember, addPartnerOrg, createTenant, createTestPlatform, tenantCtx, uniqueName, type TestPlatform } from "../../support/platform.ts";

// Signup is throttled per client address (20 an hour), so the file spreads
// its tenants over two platforms.
const p = await createTestPlatform();
const q = await createTestPlatform();

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** An anonymous (or token-holding) context from its own client address, so per-IP throttles never leak between tests. */
async function clientCtx(platform: TestPlatform, tenant: TenantRef, token: string | null, now: number, ip = randomIp()): Promise<Ctx> {
  const ctx = await tenantCtx(platform, tenant, token, now);
  return { ...ctx, client: { ip, userAgent: "vitest" } };
}

function randomIp(): string {
  const b = crypto.getRandomValues(new Uint8Array(3));
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

async function actorOf(tenant: TenantRef, token: string | null, now: number, platform = p) {
  return (await tenantCtx(platform, tenant, token, now)).actor;
}

async function pbkdf2Hash(password: string, iterations: number): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password.normalize("NFKC")), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return `$pbkdf2-sha256$v=1$i=${iterations}$${toBase64Url(salt)}$${toBase64Url(new Uint8Array(bits))}`;
}

// The exact lists per role are pinned in roles-and-isolation.test.ts.
const VENDOR_ADMIN_PERMISSIONS = permissionsOf("vendor_admin");

describe("login", () => {
  it("returns a 30-day session and the signed-in person with their role's permissions", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const ctx = await clientCtx(p, t.tenant, null, now + MINUTE);
    const result = await login({ ctx, input: { email: t.admin.email, password: t.admin.password } });

    expect(result.session.token).toMatch(/^pps_[A-Za-z0-9_-]{43}$/);
    expect(result.session.expiresAt).toBe(now + MINUTE + SESSION_ABSOLUTE_MS);
    expect(result.user).toEqual({
      id: expect.any(String),
      email: t.admin.email,
      name: "Vera Admin",
      role: "vendor_admin",
      partnerOrg: null,
      tenant: { id: t.tenant.id, slug: t.tenant.slug, name: t.tenant.name },
      permissions: VENDOR_ADMIN_PERMISSIONS,
      unreadNotifications: 0,
      branding: { portalName: expect.any(String), logoUrl: null, primaryColor: DEFAULT_PRIMARY_COLOR, textColor: "#ffffff" },
    });
    const audit = await ctx.db.$client.execute({
      sql: "SELECT actor_kind, actor_id, target_type FROM audit_log WHERE action = 'auth.login'",
      args: [],
    });
    expect(audit.rows.map((r) => [r.actor_kind, r.actor_id, r.target_type])).toEqual([["user", result.user.id, "session"]]);
  });

  it("gives a partner user their organization and only the partner dashboard permission", async () => {
    const t = await createTenant(p);
    const orgId = await addPartnerOrg(p, t, "Contoso Partners");
    const member = await addMember(p, t, { role: "partner_user", partnerOrgId: orgId, name: "Pia Partner" });
    const ctx = await clientCtx(p, t.tenant, null, Date.now());
    const { user } = await login({ ctx, input: { email: member.email, password: member.password } });
    expect(user.role).toBe("partner_user");
    expect(user.name).toBe("Pia Partner");
    expect(user.partnerOrg).toEqual({ id: orgId, name: "Contoso Partners" });
    expect(user.permissions).toEqual(permissionsOf("partner_user"));
  });

  it("starts a session that authenticates as that member in this portal", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const ctx = await clientCtx(p, t.tenant, null, now, "198.51.100.23");
    const { session, user } = await login({ ctx, input: { email: t.admin.email, password: t.admin.password } });

    const actor = await actorOf(t.tenant, session.token, now + MINUTE);
    expect(actor.kind).toBe("user");
    if (actor.kind !== "user") return;
    expect(actor.role).toBe("vendor_admin");
    expect(actor.partnerOrgId).toBeNull();
    expect(actor.membership).toMatchObject({ id: user.id, email: t.admin.email, name: "Vera Admin" });
    const row = await ctx.db.$client.execute({ sql: "SELECT ip, user_agent, membership_id FROM sessions WHERE id = ?", args: [actor.sessionId] });
    expect(row.rows.map((r) => [r.ip, r.user_agent, r.membership_id])).toEqual([["198.51.100.23", "vitest", user.id]]);
  });

  it("answers a wrong password and an unknown email with the same invalid_credentials error", async () => {
    const t = await createTenant(p);
    const ctx = await clientCtx(p, t.tenant, null, Date.now());
    const wrong = await login({ ctx, input: { email: t.admin.email, password: "not-the-password" } }).catch((e) => e);
    const unknown = await login({ ctx, input: { email: `${uniqueName("nobody")}@example.com`, password: t.admin.password } }).catch((e) => e);

    for (const err of [wrong, unknown]) {
      expect(err).toBeInstanceOf(Unauthenticated);
      expect(err.status).toBe(401);
      expect(err.code).toBe("invalid_credentials");
    }
    expect(wrong.message).toBe("The email or password is incorrect.");
    expect(unknown.message).toBe(wrong.message);
    const sessions = await ctx.db.$client.execute("SELECT count(*) AS n FROM sessions");
    expect(Number(sessions.rows[0]!.n)).toBe(1); // only the signup session
  });

  it("refuses a person whose identity exists only in another portal, with the same error", async () => {
    const a = await createTenant(p);
    const b = await createTenant(p);
    const ctx = await clientCtx(p, b.tenant, null, Date.now());
    // Right password for a real identity, but no membership in portal B.
    const err = await login({ ctx, input: { email: a.admin.email, password: a.admin.password } }).catch((e) => e);
    expect(err).toBeInstanceOf(Unauthenticated);
    expect(err.code).toBe("invalid_credentials");
    expect(err.message).toBe("The email or password is incorrect.");
    const inB = await ctx.db.$client.execute("SELECT count(*) AS n FROM sessions");
    expect(Number(inB.rows[0]!.n)).toBe(1); // B's own admin only
  });

  it("refuses a disabled member and ends their existing sessions", async () => {
    const t = await createTenant(p);
    const member = await addMember(p, t, { role: "channel_manager" });
    const ctx = await clientCtx(p, t.tenant, null, Date.now());
    await ctx.db.$client.execute({ sql: "UPDATE memberships SET status = 'disabled' WHERE email = ?", args: [member.email] });

    const err = await login({ ctx, input: { email: member.email, password: member.password } }).catch((e) => e);
    expect(err).toBeInstanceOf(Unauthenticated);
    expect(err.code).toBe("invalid_credentials");
    expect((await actorOf(t.tenant, member.token, Date.now())).kind).toBe("anonymous");
  });

  it("rotates: logging in with the previous token revokes that session", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const ctx = await clientCtx(p, t.tenant, null, now + MINUTE);
    const { session } = await login({ ctx, input: { email: t.admin.email, password: t.admin.password }, previousToken: t.admin.token });

    expect(session.token).not.toBe(t.admin.token);
    expect((await actorOf(t.tenant, t.admin.token, now + 2 * MINUTE)).kind).toBe("anonymous");
    expect((await actorOf(t.tenant, session.token, now + 2 * MINUTE)).kind).toBe("user");
    const revoked = await ctx.db.$client.execute("SELECT count(*) AS n FROM sessions WHERE revoked_at IS NOT NULL");
    expect(Number(revoked.rows[0]!.n)).toBe(1);
  });

  it("re-hashes a password stored with fewer iterations, and the new hash still verifies", async () => {
    const t = await createTenant(p);
    const control = p.ctx().control;
    const weak = await pbkdf2Hash(t.admin.password, 1000);
    await control.$client.execute({ sql: "UPDATE identities SET password_hash = ? WHERE email = ?", args: [weak, t.admin.email] });

    const ctx = await clientCtx(p, t.tenant, null, Date.now());
    const { user } = await login({ ctx, input: { email: t.admin.email, password: t.admin.password } });
    expect(user.email).toBe(t.admin.email);
    const rs = await control.$client.execute({ sql: "SELECT password_hash FROM identities WHERE email = ?", args: [t.admin.email] });
    const stored = String(rs.rows[0]!.password_hash);
    expect(stored).toMatch(/^\$pbkdf2-sha256\$v=1\$i=100000\$/);
    expect(needsRehash(stored)).toBe(false);
    expect(await verifyPassword(t.admin.password, stored)).toBe(true);
  });
});

describe("logout", () => {
  it("revokes the current session server-side", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const ctx = await tenantCtx(p, t.tenant, t.admin.token, now + MINUTE);
    expect(ctx.actor.kind).toBe("user");
    await logout({ ctx });

    expect((await actorOf(t.tenant, t.admin.token, now + 2 * MINUTE)).kind).toBe("anonymous");
    const audit = await ctx.db.$client.execute("SELECT count(*) AS n FROM audit_log WHERE action = 'auth.logout'");
    expect(Number(audit.rows[0]!.n)).toBe(1);
  });

  it("ends only the session it was called with", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const other = await login({ ctx: await clientCtx(p, t.tenant, null, now), input: { email: t.admin.email, password: t.admin.password } });
    await logout({ ctx: await tenantCtx(p, t.tenant, t.admin.token, now + MINUTE) });
    expect((await actorOf(t.tenant, t.admin.token, now + 2 * MINUTE)).kind).toBe("anonymous");
    expect((await actorOf(t.tenant, other.session.token, now + 2 * MINUTE)).kind).toBe("user");
  });

  it("does nothing for an anonymous caller", async () => {
    const t = await createTenant(p);
    const ctx = await tenantCtx(p, t.tenant, null);
    await logout({ ctx });
    const rs = await ctx.db.$client.execute("SELECT count(*) AS n FROM sessions WHERE revoked_at IS NULL");
    expect(Number(rs.rows[0]!.n)).toBe(1);
  });
});

describe("session expiry", () => {
  it("expires a session left idle for more than 3 days", async () => {
    const now = Date.now();
    const t = await createTenant(q, { now });
    const db = (await tenantCtx(q, t.tenant, null, now)).db;
    expect(SESSION_IDLE_MS).toBe(3 * DAY);
    expect((await authenticate({ db, token: t.admin.token, now: now + 3 * DAY - 1 })).kind).toBe("user");
    // The check above touched the session; a fresh tenant shows the untouched case.
    const fresh = await createTenant(q, { now });
    const freshDb = (await tenantCtx(q, fresh.tenant, null, now)).db;
    expect((await authenticate({ db: freshDb, token: fresh.admin.token, now: now + 3 * DAY + 1 })).kind).toBe("anonymous");
  });

  it("keeps a session alive while it is used within the idle window", async () => {
    const now = Date.now();
    const t = await createTenant(q, { now });
    expect((await actorOf(t.tenant, t.admin.token, now + 2 * DAY, q)).kind).toBe("user");
    // 4 days after login but only 2 after the last use.
    expect((await actorOf(t.tenant, t.admin.token, now + 4 * DAY, q)).kind).toBe("user");
    expect((await actorOf(t.tenant, t.admin.token, now + 4 * DAY + 3 * DAY + 1, q)).kind).toBe("anonymous");
  });

  it("expires a session 30 days after login even when it is used every day", async () => {
    const now = Date.now();
    const t = await createTenant(q, { now });
    expect(SESSION_ABSOLUTE_MS).toBe(30 * DAY);
    for (let day = 2; day < 30; day += 2.5) {
      expect((await actorOf(t.tenant, t.admin.token, now + day * DAY, q)).kind).toBe("user");
    }
    expect((await actorOf(t.tenant, t.admin.token, now + 30 * DAY - 1, q)).kind).toBe("user");
    expect((await actorOf(t.tenant, t.admin.token, now + 30 * DAY, q)).kind).toBe("anonymous");
  });

  it("treats tokens it does not recognise as anonymous", async () => {
    const t = await createTenant(p);
    const db = (await tenantCtx(q, t.tenant, null)).db;
    for (const token of [null, "", "pps_not-a-real-session", "ppk_not-a-real-key", t.admin.token.replace(/^pps_/, "xyz_")]) {
      expect((await authenticate({ db, token, now: Date.now() })).kind).toBe("anonymous");
    }
  });
});

describe("login throttling", () => {
  it("blocks the attempt after ten failures for one email from one address within 15 minutes, even with the right password, then lets it through after the window", async () => {
    const now = Date.now();
    const t = await createTenant(q, { now });
    const ip = randomIp();
    for (let i = 0; i < 10; i++) {
      const ctx = await clientCtx(q, t.tenant, null, now + i * 1000, ip);
      const err = await login({ ctx, input: { email: t.admin.email, password: `wrong-${i}` } }).catch((e) => e);
      expect(err).toBeInstanceOf(Unauthenticated);
    }
    const blocked = await login({
      ctx: await clientCtx(q, t.tenant, null, now + 60_000, ip),
      input: { email: t.admin.email, password: t.admin.password },
    }).catch((e) => e);
    expect(blocked).toBeInstanceOf(RateLimited);
    expect(blocked.status).toBe(429);
    expect(blocked.code).toBe("rate_limited");
    // The window opened at the first attempt: 15 minutes minus the one that passed.
    expect(blocked.headers).toEqual({ "retry-after": String(14 * 60) });
    expect(blocked.message).toBe("Too many attempts. Try again in 14 minutes.");

    const later = await login({
      ctx: await clientCtx(q, t.tenant, null, now + 16 * MINUTE, ip),
      input: { email: t.admin.email, password: t.admin.password },
    });
    expect(later.user.email).toBe(t.admin.email);
  });

  it("throttles unknown emails exactly like existing ones, so the limit reveals nothing", async () => {
    const now = Date.now();
    const t = await createTenant(q, { now });
    const unknownEmail = `${uniqueName("ghost")}@example.com`;
    const errors = [];
    for (const email of [t.admin.email, unknownEmail]) {
      const ip = randomIp();
      for (let i = 0; i < 10; i++) {
        await login({ ctx: await clientCtx(q, t.tenant, null, now, ip), input: { email, password: "wrong-password" } }).catch(() => undefined);
      }
      errors.push(await login({ ctx: await clientCtx(q, t.tenant, null, now, ip), input: { email, password: "wrong-password" } }).catch((e) => e));
    }
    const [existing, unknown] = errors;
    expect(existing).toBeInstanceOf(RateLimited);
    expect(unknown).toBeInstanceOf(RateLimited);
    expect(unknown.message).toBe(existing.message);
    expect(unknown.headers).toEqual(existing.headers);
  });

  it("counts failures per portal, so a throttled email can still sign in to another portal", async () => {
    const now = Date.now();
    const a = await createTenant(q, { now });
    const b = await createTenant(q, { now, email: a.admin.email, password: a.admin.password });
    const ip = randomIp();
    for (let i = 0; i < 10; i++) {
      await login({ ctx: await clientCtx(q, a.tenant, null, now, ip), input: { email: a.admin.email, password: "wrong-password" } }).catch(() => undefined);
    }
    const inA = await login({ ctx: await clientCtx(q, a.tenant, null, now, ip), input: { email: a.admin.email, password: a.admin.password } }).catch((e) => e);
    expect(inA).toBeInstanceOf(RateLimited);
    const inB = await login({ ctx: await clientCtx(q, b.tenant, null, now, ip), input: { email: a.admin.email, password: a.admin.password } });
    expect(inB.user.tenant.id).toBe(b.tenant.id);
  });

  it("never locks out correct sign-ins, however many (the demo seed signs in at every start)", async () => {
    const now = Date.now();
    const t = await createTenant(q, { now });
    const ip = randomIp();
    for (let i = 0; i < 15; i++) {
      const ok = await login({ ctx: await clientCtx(q, t.tenant, null, now + i * 1000, ip), input: { email: t.admin.email, password: t.admin.password } });
      expect(ok.user.email).toBe(t.admin.email);
    }
  });

  it("wipes the failures when the person signs in correctly", async () => {
    const now = Date.now();
    const t = await createTenant(q, { now });
    const ip = randomIp();
    const fail = async () => {
      const err = await login({ ctx: await clientCtx(q, t.tenant, null, now, ip), input: { email: t.admin.email, password: "wrong-password" } }).catch((e) => e);
      expect(err).toBeInstanceOf(Unauthenticated);
    };
    for (let i = 0; i < 9; i++) await fail();
    await login({ ctx: await clientCtx(q, t.tenant, null, now, ip), input: { email: t.admin.email, password: t.admin.password } });
    // Nine more failures would have been the 10th to 18th without the wipe.
    for (let i = 0; i < 9; i++) await fail();
    const ok = await login({ ctx: await clientCtx(q, t.tenant, null, now, ip), input: { email: t.admin.email, password: t.admin.password } });
    expect(ok.user.email).toBe(t.admin.email);
  });

  it("refuses guesses at someone's email only at the guessing address: the person elsewhere still signs in", async () => {
    const now = Date.now();
    const t = await createTenant(q, { now });
    const attacker = randomIp();
    for (let i = 0; i < 10; i++) {
      await login({ ctx: await clientCtx(q, t.tenant, null, now, attacker), input: { email: t.admin.email, password: `guess-${i}` } }).catch(() => undefined);
    }
    const guess = await login({ ctx: await clientCtx(q, t.tenant, null, now, attacker), input: { email: t.admin.email, password: t.admin.password } }).catch((e) => e);
    expect(guess).toBeInstanceOf(RateLimited);
    const person = await login({ ctx: await clientCtx(q, t.tenant, null, now, randomIp()), input: { email: t.admin.email, password: t.admin.password } });
    expect(person.user.email).toBe(t.admin.email);
  });

  it("caps failures for one email from all addresses together at 100 per 15 minutes", async () => {
    const now = Date.now();
    const t = await createTenant(q, { now });
    for (let address = 0; address < 10; address++) {
      const ip = randomIp();
      for (let i = 0; i < 10; i++) {
        await login({ ctx: await clientCtx(q, t.tenant, null, now, ip), input: { email: t.admin.email, password: "wrong-password" } }).catch(() => undefined);
      }
    }
    const fresh = await login({ ctx: await clientCtx(q, t.tenant, null, now + MINUTE, randomIp()), input: { email: t.admin.email, password: t.admin.password } }).catch((e) => e);
    expect(fresh).toBeInstanceOf(RateLimited);
    expect(fresh.headers).toEqual({ "retry-after": String(14 * 60) });
  }, 60_000);

  it("counts every attempt from one address, right or wrong, against its limit of 300 per 15 minutes", async () => {
    const now = Date.now();
    const t = await createTenant(q, { now });
    const ip = randomIp();
    // 299 attempts already counted in this window (sign-ins spread over other emails).
    await q.ctx(now).control.$client.execute({ sql: "INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 299)", args: [`login-ip:${ip}`, now] });
    const last = await login({ ctx: await clientCtx(q, t.tenant, null, now, ip), input: { email: t.admin.email, password: t.admin.password } });
    expect(last.user.email).toBe(t.admin.email);
    const over = await login({ ctx: await clientCtx(q, t.tenant, null, now, ip), input: { email: t.admin.email, password: t.admin.password } }).catch((e) => e);
    expect(over).toBeInstanceOf(RateLimited);
  });
});

describe("password hashing", () => {
  it("stores PBKDF2-SHA256 with 100,000 iterations, a random salt and a self-describing format", async () => {
    const [one, two] = await Promise.all([hashPassword("correct horse battery"), hashPassword("correct horse battery")]);
    expect(one).toMatch(/^\$pbkdf2-sha256\$v=1\$i=100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(two).not.toBe(one);
    expect(await verifyPassword("correct horse battery", one)).toBe(true);
    expect(await verifyPassword("correct horse battery", two)).toBe(true);
    expect(await verifyPassword("correct horse batteries", one)).toBe(false);
    expect(needsRehash(one)).toBe(false);
  });

  it("never verifies against a missing or malformed hash", async () => {
    expect(await verifyPassword("anything", null)).toBe(false);
    expect(await verifyPassword("anything", undefined)).toBe(false);
    expect(await verifyPassword("anything", "plain-text")).toBe(false);
    expect(needsRehash("plain-text")).toBe(true);
  });

  it("asks for a re-hash of weaker parameters while still verifying them", async () => {
    const weak = await pbkdf2Hash("legacy password", 1000);
    expect(weak).toMatch(/^\$pbkdf2-sha256\$v=1\$i=1000\$/);
    expect(needsRehash(weak)).toBe(true);
    expect(await verifyPassword("legacy password", weak)).toBe(true);
    expect(await verifyPassword("legacy passwort", weak)).toBe(false);
  });

  it("treats canonically equivalent Unicode spellings as the same password", async () => {
    const composed = await hashPassword("caf\u00e9 au lait");
    expect(await verifyPassword("cafe\u0301 au lait", composed)).toBe(true);
  });
});

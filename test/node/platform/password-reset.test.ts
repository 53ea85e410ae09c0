// "Forgot password": the request never reveals who has an account, the link is
// single-use, expires after an hour and only works in the portal it was asked
// from; completing it replaces the platform-wide password and ends sessions.
import { describe, expect, it } from "vitest";
import { login } from "../../../worker/platform/auth/login.ts";
import { requestPasswordReset } from "../../../worker/platform/auth/request-password-reset.ts";
import { resetPassword } from "../../../worker/platform/auth/reset-password.ts";
import type { Ctx, TenantRef } from "../../../worker/platform/context.ts";
import { BadRequest, RateLimited, Unauthenticated } from "../../../worker/platform/errors.ts";
import { verifyPassword } from "../../../worker/platform/auth/password.ts";
import { createTenant, createTestPlatform, lastInvitationToken, tenantCtx, uniqueName, type TestTenant } from "../../support/platform.ts";

const p = await createTestPlatform();

const MINUTE = 60_000;

async function anon(tenant: TenantRef, now: number): Promise<Ctx> {
  const ctx = await tenantCtx(p, tenant, null, now);
  const b = crypto.getRandomValues(new Uint8Array(3));
  return { ...ctx, client: { ip: `10.${b[0]}.${b[1]}.${b[2]}`, userAgent: "vitest" } };
}

async function resetEmails(ctx: Ctx, to: string) {
  const rs = await ctx.db.$client.execute({
    sql: `SELECT id, payload FROM outbox WHERE json_extract(payload, '$.template') = 'password-reset'
          AND json_extract(payload, '$.to') = ? ORDER BY created_at`,
    args: [to],
  });
  return rs.rows.map((r) => ({ id: String(r.id), payload: JSON.parse(String(r.payload)) }));
}

async function controlCount(sql: string, args: (string | number)[]): Promise<number> {
  const rs = await p.ctx().control.$client.execute({ sql, args });
  return Number(rs.rows[0]!.n);
}

/** Asks for a reset as `t`'s admin at `now` and returns the emailed token. */
async function requestToken(t: TestTenant, now: number): Promise<string> {
  const ctx = await anon(t.tenant, now);
  await requestPasswordReset({ ctx, input: { email: t.admin.email } });
  return lastInvitationToken(ctx, t.admin.email);
}

async function canLogin(tenant: TenantRef, email: string, password: string, now: number): Promise<boolean> {
  try {
    await login({ ctx: await anon(tenant, now), input: { email, password } });
    return true;
  } catch (e) {
    if (e instanceof Unauthenticated) return false;
    throw e;
  }
}

async function storedHash(email: string): Promise<string> {
  const rs = await p.ctx().control.$client.execute({ sql: "SELECT password_hash FROM identities WHERE email = ?", args: [email] });
  return String(rs.rows[0]!.password_hash);
}

describe("requestPasswordReset", () => {
  it("answers 'sent' for an unknown email and mails nobody", async () => {
    const t = await createTenant(p);
    const ctx = await anon(t.tenant, Date.now());
    const email = `${uniqueName("nobody")}@example.com`;
    const published = p.outbox.sent.length;
    expect(await requestPasswordReset({ ctx, input: { email } })).toEqual({ status: "sent" });
    expect(await resetEmails(ctx, email)).toEqual([]);
    const outbox = await ctx.db.$client.execute("SELECT count(*) AS n FROM outbox");
    expect(Number(outbox.rows[0]!.n)).toBe(1); // the welcome email only
    expect(p.outbox.sent.length).toBe(published);
  });

  it("mails a member a single reset link for this portal and publishes it to the outbox queue", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const ctx = await anon(t.tenant, now);
    expect(await requestPasswordReset({ ctx, input: { email: t.admin.email }, locale: "fr" })).toEqual({ status: "sent" });

    const mails = await resetEmails(ctx, t.admin.email);
    expect(mails).toHaveLength(1);
    const intent = mails[0]!.payload;
    expect(intent).toMatchObject({ template: "password-reset", to: t.admin.email, locale: "fr", tenantSlug: t.tenant.slug });
    expect(intent.data.tenantName).toBe(t.tenant.name);
    expect(intent.data.link).toMatch(new RegExp(`^http://portal\\.test/t/${t.tenant.slug}/reset\\?token=ppr_[A-Za-z0-9_-]{43}$`));
    expect(p.outbox.sent).toContainEqual({ tenantId: t.tenant.id, outboxId: mails[0]!.id });
    expect(await controlCount("SELECT count(*) AS n FROM password_resets WHERE tenant_id = ? AND expires_at = ?", [t.tenant.id, now + 60 * MINUTE])).toBe(1);
    const audit = await ctx.db.$client.execute("SELECT actor_kind FROM audit_log WHERE action = 'auth.password_reset_requested'");
    expect(audit.rows.map((r) => r.actor_kind)).toEqual(["anonymous"]);
  });

  it("answers 'sent' but mails nobody when the person has an account only in another portal", async () => {
    const a = await createTenant(p);
    const b = await createTenant(p);
    const ctx = await anon(b.tenant, Date.now());
    expect(await requestPasswordReset({ ctx, input: { email: a.admin.email } })).toEqual({ status: "sent" });
    expect(await resetEmails(ctx, a.admin.email)).toEqual([]);
    expect(await resetEmails(await anon(a.tenant, Date.now()), a.admin.email)).toEqual([]);
    expect(await controlCount("SELECT count(*) AS n FROM password_resets WHERE tenant_id = ?", [b.tenant.id])).toBe(0);
  });

  it("throttles a sixth request for the same email within the hour", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    for (let i = 0; i < 5; i++) {
      await requestPasswordReset({ ctx: await anon(t.tenant, now + i), input: { email: t.admin.email } });
    }
    const err = await requestPasswordReset({ ctx: await anon(t.tenant, now + 10), input: { email: t.admin.email } }).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect(err.code).toBe("rate_limited");
    expect(err.headers["retry-after"]).toBe(String(60 * 60));
    expect(await resetEmails(await anon(t.tenant, now), t.admin.email)).toHaveLength(5);
    // A new hour, a new window.
    expect(await requestPasswordReset({ ctx: await anon(t.tenant, now + 61 * MINUTE), input: { email: t.admin.email } })).toEqual({ status: "sent" });
  });
});

describe("resetPassword", () => {
  it("replaces the password, ends earlier sessions in this portal and signs the person in", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const token = await requestToken(t, now + MINUTE);
    const ctx = await anon(t.tenant, now + 2 * MINUTE);
    const result = await resetPassword({ ctx, input: { token, password: "brand-new-password-7" } });

    expect(result.user).toMatchObject({ email: t.admin.email, role: "vendor_admin", tenant: { id: t.tenant.id } });
    expect(result.session.token).toMatch(/^pps_/);
    expect(result.session.token).not.toBe(t.admin.token);
    const signedIn = await tenantCtx(p, t.tenant, result.session.token, now + 3 * MINUTE);
    expect(signedIn.actor.kind === "user" && signedIn.actor.membership.email).toBe(t.admin.email);
    expect((await tenantCtx(p, t.tenant, t.admin.token, now + 3 * MINUTE)).actor.kind).toBe("anonymous");

    expect(await canLogin(t.tenant, t.admin.email, t.admin.password, now + 4 * MINUTE)).toBe(false);
    expect(await canLogin(t.tenant, t.admin.email, "brand-new-password-7", now + 4 * MINUTE)).toBe(true);
    const audit = await ctx.db.$client.execute("SELECT actor_id FROM audit_log WHERE action = 'auth.password_reset'");
    expect(audit.rows.map((r) => r.actor_id)).toEqual([result.user.id]);
  });

  it("works once: a second use of the same link is invalid_token and changes nothing", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const token = await requestToken(t, now);
    await resetPassword({ ctx: await anon(t.tenant, now + MINUTE), input: { token, password: "first-new-password" } });
    const err = await resetPassword({ ctx: await anon(t.tenant, now + 2 * MINUTE), input: { token, password: "second-new-password" } }).catch((e) => e);

    expect(err).toBeInstanceOf(BadRequest);
    expect(err.status).toBe(400);
    expect(err.code).toBe("invalid_token");
    expect(err.fields).toEqual([{ field: "token", message: "This reset link is invalid or has expired." }]);
    expect(await verifyPassword("first-new-password", await storedHash(t.admin.email))).toBe(true);
  });

  it("does not let a replay in the same millisecond change the password again", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const token = await requestToken(t, now);
    const at = now + MINUTE;
    await resetPassword({ ctx: await anon(t.tenant, at), input: { token, password: "first-new-password" } });
    const err = await resetPassword({ ctx: await anon(t.tenant, at), input: { token, password: "attacker-password" } }).catch((e) => e);
    expect(err).toBeInstanceOf(BadRequest);
    expect(err.code).toBe("invalid_token");
    // The spent link must not be able to set a password, whatever the clock says.
    expect(await verifyPassword("attacker-password", await storedHash(t.admin.email))).toBe(false);
    expect(await verifyPassword("first-new-password", await storedHash(t.admin.email))).toBe(true);
  });

  it("refuses a link older than an hour", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const token = await requestToken(t, now);
    const err = await resetPassword({ ctx: await anon(t.tenant, now + 61 * MINUTE), input: { token, password: "too-late-password" } }).catch((e) => e);
    expect(err).toBeInstanceOf(BadRequest);
    expect(err.code).toBe("invalid_token");
    expect(await verifyPassword(t.admin.password, await storedHash(t.admin.email))).toBe(true);
  });

  it("refuses a token that was never issued", async () => {
    const t = await createTenant(p);
    const err = await resetPassword({ ctx: await anon(t.tenant, Date.now()), input: { token: "ppr_made-up-token-value", password: "whatever-password" } }).catch((e) => e);
    expect(err).toBeInstanceOf(BadRequest);
    expect(err.code).toBe("invalid_token");
  });

  it("spending one link kills the person's other outstanding links", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const first = await requestToken(t, now);
    const second = await requestToken(t, now + 1000);
    await resetPassword({ ctx: await anon(t.tenant, now + MINUTE), input: { token: second, password: "second-link-password" } });
    const err = await resetPassword({ ctx: await anon(t.tenant, now + 2 * MINUTE), input: { token: first, password: "first-link-password" } }).catch((e) => e);
    expect(err.code).toBe("invalid_token");
    expect(await verifyPassword("second-link-password", await storedHash(t.admin.email))).toBe(true);
  });

  it("does not let a link asked for in portal A be used in portal B", async () => {
    const now = Date.now();
    const a = await createTenant(p, { now });
    // The same person (one identity) is also admin of portal B.
    const b = await createTenant(p, { now, email: a.admin.email, password: a.admin.password });
    const token = await requestToken(a, now);
    const err = await resetPassword({ ctx: await anon(b.tenant, now + MINUTE), input: { token, password: "hijacked-password" } }).catch((e) => e);
    expect(err).toBeInstanceOf(BadRequest);
    expect(err.code).toBe("invalid_token");
    expect(await verifyPassword(a.admin.password, await storedHash(a.admin.email))).toBe(true);
    expect((await tenantCtx(p, b.tenant, b.admin.token, now + MINUTE)).actor.kind).toBe("user");
  });

  it("keeps the link usable in its own portal after a failed attempt elsewhere", async () => {
    const now = Date.now();
    const a = await createTenant(p, { now });
    const b = await createTenant(p, { now, email: a.admin.email, password: a.admin.password });
    const token = await requestToken(a, now);
    await resetPassword({ ctx: await anon(b.tenant, now + MINUTE), input: { token, password: "hijacked-password" } }).catch(() => undefined);
    // A failed attempt changes nothing: the rightful owner can still finish in A.
    const ok = await resetPassword({ ctx: await anon(a.tenant, now + 2 * MINUTE), input: { token, password: "rightful-password" } });
    expect(ok.user.tenant.id).toBe(a.tenant.id);
  });

  it("keeps a fresh link usable after an expired one was clicked", async () => {
    const now = Date.now();
    const t = await createTenant(p, { now });
    const old = await requestToken(t, now);
    const fresh = await requestToken(t, now + 70 * MINUTE);
    const expired = await resetPassword({ ctx: await anon(t.tenant, now + 75 * MINUTE), input: { token: old, password: "from-old-link-pw" } }).catch((e) => e);
    expect(expired.code).toBe("invalid_token");
    const ok = await resetPassword({ ctx: await anon(t.tenant, now + 76 * MINUTE), input: { token: fresh, password: "from-fresh-link-pw" } });
    expect(ok.user.email).toBe(t.admin.email);
  });
});

// Partner agreements: publishing versions (sanitized, audited, partner
// admins emailed), signing the current version by typed name (idempotent per
// organization), the grace period on the injected clock, the vendor's
// signature report, and the walls between organizations and between portals.
import { describe, expect, it } from "vitest";
import { DAY_MS } from "../../../worker/agreements/agreement-schema.ts";
import { getAgreement } from "../../../worker/agreements/get-agreement.ts";
import { getAgreementStatus } from "../../../worker/agreements/get-agreement-status.ts";
import { getCurrentAgreement } from "../../../worker/agreements/get-current-agreement.ts";
import { listAcceptances } from "../../../worker/agreements/list-acceptances.ts";
import { listAgreementVersions } from "../../../worker/agreements/list-agreement-versions.ts";
import { publishAgreement } from "../../../worker/agreements/publish-agreement.ts";
import { agreementRoutes } from "../../../worker/agreements/routes.ts";
import { signAgreement } from "../../../worker/agreements/sign-agreement.ts";
import { createApiKey } from "../../../worker/platform/api-keys/api-keys.ts";
import type { Ctx } from "../../../worker/platform/context.ts";
import { renderEmail, type EmailIntent } from "../../../worker/platform/email/templates.ts";
import { Conflict, Forbidden, NotFound, ValidationFailed } from "../../../worker/platform/errors.ts";
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
import { caught, testApi } from "./api-harness.ts";

// Signup is throttled per client address (20 an hour): verbs on one
// platform, routes and isolation on another.
const p = await createTestPlatform();
const q = await createTestPlatform();
const api = testApi(q, agreementRoutes);

const BODY = "<h2>Terms</h2><p>The partner shall <strong>resell</strong>.</p>";

/** A portal with two partner organizations, each with an admin and a user. */
async function portal(platform: TestPlatform, now = Date.now()) {
  const t = await createTenant(platform, { now });
  const north = await addPartnerOrg(platform, t, "North Partners");
  const south = await addPartnerOrg(platform, t, "South Partners");
  const northAdmin = await addMember(platform, t, { role: "partner_admin", partnerOrgId: north, name: "Nina North" });
  const northUser = await addMember(platform, t, { role: "partner_user", partnerOrgId: north, name: "Ned North" });
  const southAdmin = await addMember(platform, t, { role: "partner_admin", partnerOrgId: south, name: "Sam South" });
  const manager = await addMember(platform, t, { role: "channel_manager", name: "Cora Manager" });
  return { t, north, south, northAdmin, northUser, southAdmin, manager };
}

/**
 * Acting as `token` with the clock at `now`. The session is checked at the
 * real time: moving the clock weeks ahead is about agreement rules, not
 * about sessions idling out.
 */
async function as(platform: TestPlatform, t: TestTenant, token: string | null, now = Date.now(), client?: Ctx["client"]): Promise<Ctx> {
  const ctx = await tenantCtx(platform, t.tenant, token);
  return { ...ctx, now, ...(client ? { client } : {}) };
}

async function publish(platform: TestPlatform, t: TestTenant, now: number, over: { title?: string; body?: string; graceDays?: number } = {}) {
  return publishAgreement({ ctx: await as(platform, t, t.admin.token, now), input: { title: "Partner Agreement", body: BODY, graceDays: 30, ...over } });
}

describe("publishAgreement", () => {
  it("numbers versions, sanitizes the body, audits, and emails partner admins of working organizations", async () => {
    const now = Date.now();
    const w = await portal(p, now);
    const suspended = await addPartnerOrg(p, w.t, "Suspended Co");
    await addMember(p, w.t, { role: "partner_admin", partnerOrgId: suspended, email: "sus-admin@example.com" });
    await systemCtx(p, w.t.tenant).db.$client.execute({ sql: "UPDATE partner_orgs SET status = 'suspended' WHERE id = ?", args: [suspended] });
    const queued = p.outbox.sent.length;

    const v1 = await publish(p, w.t, now, { body: '<p onclick="x()">Hello <img src=x onerror=alert(1)><a href="javascript:alert(1)">there</a></p><script>alert(1)</script>' });
    expect(v1).toEqual({
      id: expect.any(String),
      version: 1,
      title: "Partner Agreement",
      body: "<p>Hello there</p>",
      graceDays: 30,
      publishedAt: now,
      publishedBy: expect.any(String),
    });
    const v2 = await publish(p, w.t, now + 1000, { title: "Partner Agreement 2026", graceDays: 0 });
    expect(v2.version).toBe(2);

    const ctx = await as(p, w.t, w.t.admin.token, now + 2000);
    const stored = await ctx.db.$client.execute({ sql: "SELECT body FROM agreements WHERE id = ?", args: [v1.id] });
    expect(stored.rows[0]!.body).toBe("<p>Hello there</p>");
    const audit = await ctx.db.$client.execute("SELECT target_id, json_extract(data, '$.version') AS v FROM audit_log WHERE action = 'agreement.published' ORDER BY at");
    expect(audit.rows.map((r) => [r.target_id, r.v])).toEqual([
      [v1.id, 1],
      [v2.id, 2],
    ]);

    const mail = await ctx.db.$client.execute(
      "SELECT id, payload FROM outbox WHERE json_extract(payload, '$.template') = 'agreement-published' ORDER BY created_at, json_extract(payload, '$.to')",
    );
    const intents = mail.rows.map((r) => JSON.parse(String(r.payload)) as Extract<EmailIntent, { template: "agreement-published" }>);
    const northEmail = (await ctx.db.$client.execute({ sql: "SELECT email FROM memberships WHERE name = 'Nina North'", args: [] })).rows[0]!.email;
    const southEmail = (await ctx.db.$client.execute({ sql: "SELECT email FROM memberships WHERE name = 'Sam South'", args: [] })).rows[0]!.email;
    // Partner admins of active organizations only: not partner users, not the suspended organization.
    expect(intents.map((i) => [i.data.version, i.to]).sort()).toEqual(
      [
        [1, northEmail],
        [1, southEmail],
        [2, northEmail],
        [2, southEmail],
      ].sort(),
    );
    expect(intents[0]).toMatchObject({
      locale: "en",
      tenantSlug: w.t.tenant.slug,
      data: { tenantName: w.t.tenant.name, title: "Partner Agreement", graceDays: 30, link: `http://portal.test/t/${w.t.tenant.slug}/agreement` },
    });
    expect(renderEmail(intents[0]!).subject).toBe("Please review and accept: Partner Agreement (version 1)");
    for (const locale of ["es", "fr", "zh"] as const) expect(renderEmail({ ...intents[0]!, locale }).text).toContain("Partner Agreement");
    // The queue was nudged with exactly those rows.
    expect(p.outbox.sent.slice(queued).map((m) => m.outboxId).sort()).toEqual(mail.rows.map((r) => String(r.id)).sort());
  });

  it("refuses a body that is empty once unsafe markup is removed", async () => {
    const t = await createTenant(p);
    const err = await caught(publish(p, t, Date.now(), { body: "<script>alert(1)</script><img src=x onerror=alert(1)><p>  </p>" }));
    expect(err).toBeInstanceOf(ValidationFailed);
    expect(err.fields).toEqual([{ field: "body", code: "empty", message: expect.any(String) }]);
    expect(await getCurrentAgreement({ ctx: await as(p, t, t.admin.token) })).toBeNull();
  });

  it("is for vendor admins only, while everyone reads versions", async () => {
    const now = Date.now();
    const w = await portal(p, now);
    for (const token of [w.manager.token, w.northAdmin.token, w.northUser.token, null]) {
      expect(await caught(publishAgreement({ ctx: await as(p, w.t, token), input: { title: "X", body: BODY, graceDays: 1 } }))).toBeInstanceOf(Forbidden);
    }
    expect(await getCurrentAgreement({ ctx: await as(p, w.t, w.northUser.token) })).toBeNull();
    const v1 = await publish(p, w.t, now);
    const v2 = await publish(p, w.t, now + 1, { title: "Second" });
    for (const token of [w.t.admin.token, w.manager.token, w.northAdmin.token, w.northUser.token]) {
      const ctx = await as(p, w.t, token);
      expect((await getCurrentAgreement({ ctx }))!.id).toBe(v2.id);
      expect((await listAgreementVersions({ ctx })).items.map((a) => [a.version, a.title])).toEqual([
        [2, "Second"],
        [1, "Partner Agreement"],
      ]);
      expect((await getAgreement({ ctx, id: v1.id })).body).toBe(BODY);
    }
    const anon = await as(p, w.t, null);
    expect(await caught(getCurrentAgreement({ ctx: anon }))).toBeInstanceOf(Forbidden);
    expect(await caught(getAgreement({ ctx: await as(p, w.t, w.t.admin.token), id: crypto.randomUUID() }))).toBeInstanceOf(NotFound);
  });
});

describe("signAgreement", () => {
  it("records the typed name, address, browser, time and version for the organization", async () => {
    const now = Date.now();
    const w = await portal(p, now);
    const v1 = await publish(p, w.t, now);
    const ctx = await as(p, w.t, w.northAdmin.token, now + 5000, { ip: "198.51.100.4", userAgent: "Firefox/140" });
    const acceptance = await signAgreement({ ctx, input: { agreementId: v1.id, signedName: "  nina   NORTH " } });
    expect(acceptance).toEqual({
      id: expect.any(String),
      agreementId: v1.id,
      version: 1,
      partnerOrgId: w.north,
      membershipId: ctx.actor.kind === "user" ? ctx.actor.membership.id : "",
      signedName: "nina NORTH",
      ip: "198.51.100.4",
      userAgent: "Firefox/140",
      acceptedAt: now + 5000,
    });
    const audit = await ctx.db.$client.execute("SELECT actor_id, target_id, json_extract(data, '$.partnerOrgId') AS org FROM audit_log WHERE action = 'agreement.signed'");
    expect(audit.rows.map((r) => [r.actor_id, r.target_id, r.org])).toEqual([[acceptance.membershipId, v1.id, w.north]]);
  });

  it("is idempotent per organization: signing again, or by a colleague, returns the first signature", async () => {
    const now = Date.now();
    const w = await portal(p, now);
    const colleague = await addMember(p, w.t, { role: "partner_admin", partnerOrgId: w.north, name: "Nora North" });
    const v1 = await publish(p, w.t, now);
    const first = await signAgreement({ ctx: await as(p, w.t, w.northAdmin.token, now + 1), input: { agreementId: v1.id, signedName: "Nina North" } });
    const again = await signAgreement({ ctx: await as(p, w.t, w.northAdmin.token, now + 2), input: { agreementId: v1.id, signedName: "Nina North" } });
    const byColleague = await signAgreement({ ctx: await as(p, w.t, colleague.token, now + 3), input: { agreementId: v1.id, signedName: "Nora North" } });
    expect(again).toEqual(first);
    expect(byColleague).toEqual(first);
    // Concurrent signatures still leave one.
    const south = await Promise.all(
      [0, 1, 2].map(async (i) => signAgreement({ ctx: await as(p, w.t, w.southAdmin.token, now + 10 + i), input: { agreementId: v1.id, signedName: "Sam South" } })),
    );
    expect(new Set(south.map((s) => s.id)).size).toBe(1);
    const ctx = systemCtx(p, w.t.tenant);
    const rows = await ctx.db.$client.execute("SELECT partner_org_id, count(*) AS n FROM agreement_acceptances GROUP BY partner_org_id ORDER BY partner_org_id");
    expect(rows.rows.map((r) => Number(r.n))).toEqual([1, 1]);
    const audits = await ctx.db.$client.execute("SELECT count(*) AS n FROM audit_log WHERE action = 'agreement.signed'");
    expect(Number(audits.rows[0]!.n)).toBe(2);
  });

  it("wants the signer's own name, the current version, and an existing agreement", async () => {
    const now = Date.now();
    const w = await portal(p, now);
    const v1 = await publish(p, w.t, now);
    const ctx = await as(p, w.t, w.northAdmin.token, now + 1);
    const wrongName = await caught(signAgreement({ ctx, input: { agreementId: v1.id, signedName: "Somebody Else" } }));
    expect(wrongName).toBeInstanceOf(ValidationFailed);
    expect(wrongName.fields).toEqual([{ field: "signedName", code: "name_mismatch", message: "Type your name as it appears on your profile (Nina North) to sign." }]);
    expect(await caught(signAgreement({ ctx, input: { agreementId: v1.id, signedName: "Nina Nort" } }))).toBeInstanceOf(ValidationFailed);

    const v2 = await publish(p, w.t, now + 2);
    const old = await caught(signAgreement({ ctx: await as(p, w.t, w.northAdmin.token, now + 3), input: { agreementId: v1.id, signedName: "Nina North" } }));
    expect(old).toBeInstanceOf(Conflict);
    expect(old.code).toBe("not_current_version");
    expect(await caught(signAgreement({ ctx, input: { agreementId: crypto.randomUUID(), signedName: "Nina North" } }))).toBeInstanceOf(NotFound);
    const rows = await ctx.db.$client.execute("SELECT count(*) AS n FROM agreement_acceptances");
    expect(Number(rows.rows[0]!.n)).toBe(0);
    expect((await signAgreement({ ctx, input: { agreementId: v2.id, signedName: "Nina North" } })).version).toBe(2);
  });

  it("is for partner admins, in person: not partner users, vendor staff, API keys or anonymous callers", async () => {
    const now = Date.now();
    const w = await portal(p, now);
    const v1 = await publish(p, w.t, now);
    const { secret } = await createApiKey({ ctx: await as(p, w.t, w.t.admin.token), input: { name: "CRM", role: "partner_admin", partnerOrgId: w.north } });
    for (const token of [w.northUser.token, w.manager.token, w.t.admin.token, null]) {
      expect(await caught(signAgreement({ ctx: await as(p, w.t, token), input: { agreementId: v1.id, signedName: "Nina North" } }))).toBeInstanceOf(Forbidden);
    }
    const byKey = await caught(signAgreement({ ctx: await as(p, w.t, secret), input: { agreementId: v1.id, signedName: "CRM" } }));
    expect([byKey instanceof Forbidden, byKey.code]).toEqual([true, "person_required"]);
    const rows = await systemCtx(p, w.t.tenant).db.$client.execute("SELECT count(*) AS n FROM agreement_acceptances");
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });
});

describe("getAgreementStatus", () => {
  it("blocks an organization that never signed at once, and one that signed before only after the grace days", async () => {
    const t0 = Date.now();
    const w = await portal(p, t0);
    const north = (now: number) => as(p, w.t, w.northAdmin.token, now);
    const south = (now: number) => as(p, w.t, w.southAdmin.token, now);

    // Nothing published: nothing to sign, nothing blocks.
    expect(await getAgreementStatus({ ctx: await north(t0) })).toEqual({
      partnerOrgId: w.north,
      current: null,
      signed: false,
      signedVersion: null,
      signedAt: null,
      mustSignBy: null,
      blocking: false,
    });

    const v1 = await publish(p, w.t, t0 + DAY_MS, { graceDays: 30 });
    const before = await getAgreementStatus({ ctx: await north(t0 + DAY_MS) });
    expect(before).toMatchObject({ signed: false, signedVersion: null, mustSignBy: t0 + DAY_MS, blocking: true });
    expect(before.current).toMatchObject({ id: v1.id, version: 1 });
    await signAgreement({ ctx: await north(t0 + 2 * DAY_MS), input: { agreementId: v1.id, signedName: "Nina North" } });
    expect(await getAgreementStatus({ ctx: await north(t0 + 2 * DAY_MS) })).toMatchObject({
      signed: true,
      signedVersion: 1,
      signedAt: t0 + 2 * DAY_MS,
      mustSignBy: null,
      blocking: false,
    });

    // Version 2 with 30 days' grace: North (signed v1) keeps working until then; South (never signed) is blocked now.
    const published = t0 + 10 * DAY_MS;
    const v2 = await publish(p, w.t, published, { graceDays: 30 });
    const within = await getAgreementStatus({ ctx: await north(published + 30 * DAY_MS - 1) });
    expect(within).toMatchObject({ signed: false, signedVersion: 1, mustSignBy: published + 30 * DAY_MS, blocking: false });
    expect((await getAgreementStatus({ ctx: await north(published + 30 * DAY_MS) })).blocking).toBe(true);
    expect(await getAgreementStatus({ ctx: await south(published + DAY_MS) })).toMatchObject({ signedVersion: null, mustSignBy: published, blocking: true });
    // Partner users see their organization's status too (the portal gates them, but only admins can sign).
    expect((await getAgreementStatus({ ctx: await as(p, w.t, w.northUser.token, published + 31 * DAY_MS) })).blocking).toBe(true);

    await signAgreement({ ctx: await north(published + 31 * DAY_MS), input: { agreementId: v2.id, signedName: "Nina North" } });
    expect((await getAgreementStatus({ ctx: await north(published + 31 * DAY_MS) })).blocking).toBe(false);

    // No grace: everyone must sign right away.
    const v3At = published + 40 * DAY_MS;
    await publish(p, w.t, v3At, { graceDays: 0 });
    expect(await getAgreementStatus({ ctx: await north(v3At) })).toMatchObject({ signedVersion: 2, mustSignBy: v3At, blocking: true });
  });

  it("shows partners their own organization only, and makes vendor staff name one", async () => {
    const now = Date.now();
    const w = await portal(p, now);
    await publish(p, w.t, now);
    const northCtx = await as(p, w.t, w.northAdmin.token, now);
    expect((await getAgreementStatus({ ctx: northCtx, partnerOrgId: w.north })).partnerOrgId).toBe(w.north);
    const other = await caught(getAgreementStatus({ ctx: northCtx, partnerOrgId: w.south }));
    expect(other).toBeInstanceOf(NotFound);
    const manager = await as(p, w.t, w.manager.token, now);
    expect((await getAgreementStatus({ ctx: manager, partnerOrgId: w.south })).partnerOrgId).toBe(w.south);
    const unnamed = await caught(getAgreementStatus({ ctx: manager }));
    expect(unnamed.fields?.map((f) => f.field)).toEqual(["partnerOrgId"]);
    expect(await caught(getAgreementStatus({ ctx: await as(p, w.t, null), partnerOrgId: w.north }))).toBeInstanceOf(Forbidden);
  });
});

describe("listAcceptances", () => {
  it("shows vendor staff who signed which version and when, with the organization's name", async () => {
    const now = Date.now();
    const w = await portal(p, now);
    const v1 = await publish(p, w.t, now);
    await signAgreement({ ctx: await as(p, w.t, w.northAdmin.token, now + 1), input: { agreementId: v1.id, signedName: "Nina North" } });
    const v2 = await publish(p, w.t, now + 2);
    await signAgreement({ ctx: await as(p, w.t, w.southAdmin.token, now + 3), input: { agreementId: v2.id, signedName: "Sam South" } });
    await signAgreement({ ctx: await as(p, w.t, w.northAdmin.token, now + 4), input: { agreementId: v2.id, signedName: "Nina North" } });

    for (const token of [w.t.admin.token, w.manager.token]) {
      const { items } = await listAcceptances({ ctx: await as(p, w.t, token) });
      expect(items.map((i) => [i.version, i.partnerOrgName, i.signedName, i.acceptedAt])).toEqual([
        [2, "North Partners", "Nina North", now + 4],
        [2, "South Partners", "Sam South", now + 3],
        [1, "North Partners", "Nina North", now + 1],
      ]);
      expect(items[0]!.signerEmail).toMatch(/@example\.com$/);
    }
    const onlyV1 = await listAcceptances({ ctx: await as(p, w.t, w.manager.token), agreementId: v1.id });
    expect(onlyV1.items.map((i) => i.partnerOrgId)).toEqual([w.north]);
    for (const token of [w.northAdmin.token, w.northUser.token, null]) {
      expect(await caught(listAcceptances({ ctx: await as(p, w.t, token) }))).toBeInstanceOf(Forbidden);
    }
  });
});

describe("the agreements role matrix", () => {
  it("matches the policy table for every verb and role", async () => {
    const now = Date.now();
    const w = await portal(q, now);
    const current = await publish(q, w.t, now);
    const tokens = { vendor_admin: w.t.admin.token, channel_manager: w.manager.token, partner_admin: w.northAdmin.token, partner_user: w.northUser.token };
    const names = { vendor_admin: "Vera Admin", channel_manager: "Cora Manager", partner_admin: "Nina North", partner_user: "Ned North" };
    const outcome = async (promise: Promise<unknown>) => promise.then(
      () => "ok",
      (e: unknown) => (e instanceof Forbidden ? "forbidden" : `error: ${String(e)}`),
    );
    const actual: Record<string, Record<string, string>> = {};
    for (const [role, token] of Object.entries(tokens) as [keyof typeof tokens, string][]) {
      const ctx = await as(q, w.t, token, now + 1);
      const vendor = role === "vendor_admin" || role === "channel_manager";
      actual[role] = {
        publish: await outcome(publishAgreement({ ctx, input: { title: "M", body: "<p>m</p>", graceDays: 1 } }).then(() => undefined)),
        read: await outcome(getCurrentAgreement({ ctx })),
        status: await outcome(getAgreementStatus({ ctx, partnerOrgId: vendor ? w.north : null })),
        sign: await outcome(getCurrentAgreement({ ctx: systemCtx(q, w.t.tenant) }).then((a) => signAgreement({ ctx, input: { agreementId: a!.id, signedName: names[role] } }))),
        report: await outcome(listAcceptances({ ctx })),
      };
    }
    expect(actual).toEqual({
      vendor_admin: { publish: "ok", read: "ok", status: "ok", sign: "forbidden", report: "ok" },
      channel_manager: { publish: "forbidden", read: "ok", status: "ok", sign: "forbidden", report: "ok" },
      partner_admin: { publish: "forbidden", read: "ok", status: "ok", sign: "ok", report: "forbidden" },
      partner_user: { publish: "forbidden", read: "ok", status: "ok", sign: "forbidden", report: "forbidden" },
    });
    expect(current.version).toBe(1);
  });
});

describe("agreements across portals", () => {
  it("keeps versions, signatures and status inside their portal", async () => {
    const now = Date.now();
    const a = await portal(q, now);
    const b = await portal(q, now);
    const inA = await publish(q, a.t, now);
    expect(await getCurrentAgreement({ ctx: await as(q, b.t, b.northAdmin.token) })).toBeNull();
    expect(await caught(getAgreement({ ctx: await as(q, b.t, b.t.admin.token), id: inA.id }))).toBeInstanceOf(NotFound);
    // B's partner admin naming A's agreement: it does not exist in B.
    expect(await caught(signAgreement({ ctx: await as(q, b.t, b.northAdmin.token), input: { agreementId: inA.id, signedName: "Nina North" } }))).toBeInstanceOf(NotFound);
    // A's partner admin's session is nobody in B.
    const crossed = await as(q, b.t, a.northAdmin.token);
    expect(crossed.actor.kind).toBe("anonymous");
    expect(await caught(signAgreement({ ctx: crossed, input: { agreementId: inA.id, signedName: "Nina North" } }))).toBeInstanceOf(Forbidden);
    await signAgreement({ ctx: await as(q, a.t, a.northAdmin.token), input: { agreementId: inA.id, signedName: "Nina North" } });
    expect((await listAcceptances({ ctx: await as(q, b.t, b.t.admin.token) })).items).toEqual([]);
    expect((await listAcceptances({ ctx: await as(q, a.t, a.t.admin.token) })).items).toHaveLength(1);
  });
});

describe("agreement routes", () => {
  it("publish, read, sign and report over HTTP with the right status codes", async () => {
    const now = Date.now();
    const w = await portal(q, now);
    const base = `/api/t/${w.t.tenant.slug}/agreements`;

    expect((await api(`${base}/current`, { token: w.northUser.token })).json).toEqual({ agreement: null });
    const published = await api(base, { token: w.t.admin.token, now, body: { title: "Terms", body: "<p>Hi<script>x</script></p>", graceDays: 14 } });
    expect(published.status).toBe(201);
    expect(published.json).toMatchObject({ version: 1, body: "<p>Hi</p>", graceDays: 14, publishedAt: now });
    const id = published.json!.id as string;

    expect(((await api(`${base}/current`, { token: w.northUser.token })).json as { agreement: { id: string } }).agreement.id).toBe(id);
    expect(((await api(base, { token: w.northAdmin.token })).json as { items: unknown[] }).items).toHaveLength(1);
    expect((await api(`${base}/${id}`, { token: w.manager.token })).status).toBe(200);
    expect((await api(`${base}/${crypto.randomUUID()}`, { token: w.manager.token })).status).toBe(404);

    const status = await api(`${base}/status`, { token: w.northAdmin.token, now: now + 1 });
    expect(status.json).toMatchObject({ partnerOrgId: w.north, signed: false, blocking: true });
    expect((await api(`${base}/status?partnerOrgId=${w.south}`, { token: w.northAdmin.token })).status).toBe(404);
    expect((await api(`${base}/status`, { token: w.manager.token })).status).toBe(422);

    const signPath = `${base}/${id}/sign`;
    const mismatch = await api(signPath, { token: w.northAdmin.token, body: { signedName: "Not Me" } });
    expect([mismatch.status, mismatch.json?.errors?.map((e) => e.field)]).toEqual([422, ["signedName"]]);
    const blank = await api(signPath, { token: w.northAdmin.token, body: { signedName: "   " } });
    expect([blank.status, blank.json?.errors?.map((e) => e.field)]).toEqual([422, ["signedName"]]);
    expect((await api(signPath, { token: w.northUser.token, body: { signedName: "Ned North" } })).status).toBe(403);
    expect((await api(signPath, { body: { signedName: "Nina North" } })).status).toBe(401);
    const signed = await api(signPath, {
      token: w.northAdmin.token,
      now: now + 2,
      body: { signedName: "Nina North" },
      headers: { "user-agent": "Safari/18", "cf-connecting-ip": "192.0.2.55" },
    });
    expect(signed.status).toBe(200);
    expect(signed.json).toMatchObject({ version: 1, partnerOrgId: w.north, ip: "192.0.2.55", userAgent: "Safari/18", acceptedAt: now + 2 });
    expect((await api(signPath, { token: w.northAdmin.token, body: { signedName: "Nina North" } })).json).toEqual(signed.json);
    expect((await api(`${base}/status`, { token: w.northAdmin.token, now: now + 3 })).json).toMatchObject({ signed: true, blocking: false });

    const report = await api(`${base}/acceptances?agreementId=${id}`, { token: w.manager.token });
    expect((report.json as { items: { partnerOrgName: string }[] }).items.map((i) => i.partnerOrgName)).toEqual(["North Partners"]);
    expect((await api(`${base}/acceptances`, { token: w.northAdmin.token })).status).toBe(403);

    const v2 = await api(base, { token: w.t.admin.token, now: now + 4, body: { title: "Terms v2", body: "<p>New</p>", graceDays: 0 } });
    const stale = await api(signPath, { token: w.northAdmin.token, body: { signedName: "Nina North" } });
    expect([stale.status, stale.json?.code]).toEqual([409, "not_current_version"]);
    expect((v2.json as { version: number }).version).toBe(2);
  });

  it("reject bad input and the wrong roles", async () => {
    const t = await createTenant(q);
    const orgId = await addPartnerOrg(q, t);
    const partner = await addMember(q, t, { role: "partner_admin", partnerOrgId: orgId });
    const base = `/api/t/${t.tenant.slug}/agreements`;
    const bad = await api(base, { token: t.admin.token, body: { title: "", body: "", graceDays: 91 } });
    expect(bad.status).toBe(422);
    expect(bad.json?.errors?.map((e) => e.field).sort()).toEqual(["body", "graceDays", "title"]);
    const fractional = await api(base, { token: t.admin.token, body: { title: "T", body: "<p>x</p>", graceDays: 1.5 } });
    expect(fractional.json?.errors?.map((e) => e.field)).toEqual(["graceDays"]);
    expect((await api(base, { token: partner.token, body: { title: "T", body: "<p>x</p>", graceDays: 1 } })).status).toBe(403);
    expect((await api(base)).status).toBe(401);
  });
});

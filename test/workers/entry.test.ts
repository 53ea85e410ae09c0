// The API Worker's entry points in the real Workers runtime: HTTP through
// the bundle, cron triggers, and queue consumers (ack, retry, dead letter).
import { migrations as tenantMigrations } from "../../db/migrations/tenant.gen.ts";
import { createClient } from "@libsql/client/web";
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { exports as workerExports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../worker/index.ts";

// The main Worker, as deployed (the same bundle entry wrangler builds).
const self = (workerExports as unknown as { default: Fetcher }).default;

const api = (path: string, init?: RequestInit) => self.fetch(new Request(`http://api.test${path}`, init));
const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

function slug() {
  return `w${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;
}

async function signup() {
  const s = slug();
  const res = await api("/api/signup", json({ company: `Vendor ${s}`, slug: s, name: "Wendy", email: `${s}@example.com`, password: "password-123" }));
  expect(res.status).toBe(201);
  const body = (await res.json()) as { tenant: { id: string; slug: string }; session: { token: string } };
  return { slug: s, tenantId: body.tenant.id, token: body.session.token };
}

describe("fetch", () => {
  it("answers health with the control database's reachability", async () => {
    const res = await api("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", control: { reachable: true } });
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("rejects bad input with problem+json naming each field", async () => {
    const res = await api("/api/signup", json({ company: "", slug: "Bad Slug!", email: "nope" }));
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = (await res.json()) as { code: string; errors: { field: string }[]; requestId: string };
    expect(body.code).toBe("validation_failed");
    expect(body.errors.map((e) => e.field).sort()).toEqual(["company", "email", "name", "password", "slug"]);
    expect(body.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("answers malformed JSON with 400, not 500", async () => {
    const res = await api("/api/signup", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("malformed_body");
  });

  it("signs up, reads /me in one tenant round trip, and hides the tenant from another's session", async () => {
    const a = await signup();
    const b = await signup();
    const me = await api(`/api/t/${a.slug}/me`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { role: string }).role).toBe("vendor_admin");
    expect(Number(me.headers.get("x-db-round-trips"))).toBeLessThanOrEqual(2);
    const cross = await api(`/api/t/${b.slug}/me`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(cross.status).toBe(401);
    const unknown = await api(`/api/t/no-such-portal/me`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe("tenant_not_found");
  });

  it("routes /api/... on a tenant subdomain to that tenant", async () => {
    const a = await signup();
    const res = await self.fetch(
      new Request(`http://${a.slug}.portal.test/api/me`, { headers: { authorization: `Bearer ${a.token}` } }),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { tenant: { slug: string } }).tenant.slug).toBe(a.slug);
  });

  it("refuses cookie-authenticated writes from another origin (CSRF)", async () => {
    const a = await signup();
    const res = await api(`/api/t/${a.slug}/partner-orgs`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `pp_session=${a.token}`, origin: "https://evil.example" },
      body: JSON.stringify({ name: "Evil Corp" }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe("csrf_rejected");
    const same = await api(`/api/t/${a.slug}/partner-orgs`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `pp_session=${a.token}`, origin: "http://api.test" },
      body: JSON.stringify({ name: "Good Corp" }),
    });
    expect(same.status).toBe(201);
  });

  it("answers a body over 1 MB with 413 problem+json, streamed without a content-length or declared by one", async () => {
    const chunk = new TextEncoder().encode(`{"company":"${"x".repeat(64 * 1024)}`);
    const streamed = (chunks: number) =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (chunks-- > 0) controller.enqueue(chunk);
          else controller.close();
        },
      });
    // 17 chunks of 64 KiB: past the limit, and nothing tells the size up front.
    const req = new Request("http://api.test/api/signup", { method: "POST", headers: { "content-type": "application/json" }, body: streamed(17) });
    expect(req.headers.get("content-length")).toBeNull();
    const tooBig = await self.fetch(req);
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers.get("content-type")).toContain("application/problem+json");
    expect(((await tooBig.json()) as { code: string }).code).toBe("payload_too_large");

    const declared = await api("/api/signup", json({ company: "x".repeat(1_000_001) }));
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { code: string }).code).toBe("payload_too_large");

    // A small streamed body still reaches validation intact.
    const small = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify({ company: "", slug: "Bad Slug!", email: "nope" })));
        controller.close();
      },
    });
    const ok = await self.fetch(new Request("http://api.test/api/signup", { method: "POST", headers: { "content-type": "application/json" }, body: small }));
    expect(ok.status).toBe(422);
    expect(((await ok.json()) as { code: string }).code).toBe("validation_failed");
  });

  it("serves the OpenAPI document and a docs page", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/signup", "/api/t/{tenant}/auth/login", "/api/t/{tenant}/invitations"]));
    const page = await api("/api/docs");
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("/api/t/{tenant}/users");
  });

  it("keeps the operator endpoint behind its token", async () => {
    expect((await api("/api/admin/migrate-all", { method: "POST" })).status).toBe(403);
    const ok = await api("/api/admin/migrate-all", { method: "POST", headers: { authorization: "Bearer operator-secret" } });
    expect(ok.status).toBe(202);
    expect(((await ok.json()) as { enqueued: number }).enqueued).toBeGreaterThan(0);
  });
});

const libsqlUrl = (env as unknown as { LIBSQL_URL: string }).LIBSQL_URL;
const control = createClient({ url: `${libsqlUrl}/control/` });

async function waitUntilTrue(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe("scheduled", () => {
  it("runs the hourly tenant-health cron through the tenant-ops queue to a recorded health check", async () => {
    const a = await signup();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "0 * * * *", scheduledTime: Date.now() }), env as never, ctx);
    await waitOnExecutionContext(ctx);
    const recorded = await waitUntilTrue(async () => {
      const rs = await control.execute({ sql: "SELECT health FROM tenants WHERE id = ?", args: [a.tenantId] });
      return rs.rows[0]?.health != null;
    });
    expect(recorded).toBe(true);
    const rs = await control.execute({ sql: "SELECT health FROM tenants WHERE id = ?", args: [a.tenantId] });
    expect(JSON.parse(String(rs.rows[0]!.health))).toMatchObject({ reachable: true, schemaCurrent: true, members: 1 });
  });

  it("ignores an unknown cron expression", async () => {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "1 2 3 4 5" }), env as never, ctx);
    await expect(waitOnExecutionContext(ctx)).resolves.toBeUndefined();
  });
});

describe("queue", () => {
  it("acks a migrate-tenant message and records the tenant's schema version", async () => {
    const a = await signup();
    await control.execute({ sql: "UPDATE tenants SET schema_version = NULL WHERE id = ?", args: [a.tenantId] });
    const batch = createMessageBatch("tenant-ops", [{ id: "m1", timestamp: new Date(), attempts: 1, body: { job: "migrate-tenant", tenantId: a.tenantId } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env as never, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(["m1"]);
    expect(result.retryMessages).toEqual([]);
    const rs = await control.execute({ sql: "SELECT schema_version FROM tenants WHERE id = ?", args: [a.tenantId] });
    expect(rs.rows[0]!.schema_version).toBe(tenantMigrations.at(-1)!.tag);
  });

  it("delivers an outbox message once, even when redelivered", async () => {
    const a = await signup();
    const tenantDb = createClient({ url: `${libsqlUrl}/${(await control.execute({ sql: "SELECT database_name FROM tenants WHERE id = ?", args: [a.tenantId] })).rows[0]!.database_name}/` });
    const outboxId = String((await tenantDb.execute("SELECT id FROM outbox")).rows[0]!.id);
    const message = { id: "o1", timestamp: new Date(), attempts: 1, body: { tenantId: a.tenantId, outboxId } };
    for (const _ of [1, 2]) {
      const batch = createMessageBatch("outbox", [message]);
      const ctx = createExecutionContext();
      await worker.queue(batch, env as never, ctx);
      expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["o1"]);
    }
    const mailbox = createClient({ url: `${libsqlUrl}/devmail/` });
    const sent = await mailbox.execute({ sql: "SELECT count(*) AS n FROM messages WHERE id = ?", args: [outboxId] });
    expect(Number(sent.rows[0]!.n)).toBe(1);
  });

  it("retries a failing delivery with exponential backoff instead of acking it", async () => {
    const a = await signup();
    const name = String((await control.execute({ sql: "SELECT database_name FROM tenants WHERE id = ?", args: [a.tenantId] })).rows[0]!.database_name);
    // The tenant's database disappears: delivery cannot succeed.
    await fetch(`${libsqlUrl}/v1/namespaces/${name}`, { method: "DELETE" });
    const batch = createMessageBatch("outbox", [
      { id: "r1", timestamp: new Date(), attempts: 3, body: { tenantId: a.tenantId, outboxId: "whatever" } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env as never, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual([]);
    // The delay itself (backoffSeconds) is asserted in the Node suite; the runtime reports only the retry.
    expect(result.retryMessages).toEqual([expect.objectContaining({ msgId: "r1" })]);
  });

  it("marks a dead-lettered outbox row failed", async () => {
    const a = await signup();
    const name = String((await control.execute({ sql: "SELECT database_name FROM tenants WHERE id = ?", args: [a.tenantId] })).rows[0]!.database_name);
    const tenantDb = createClient({ url: `${libsqlUrl}/${name}/` });
    await tenantDb.execute("UPDATE outbox SET status = 'pending'");
    const outboxId = String((await tenantDb.execute("SELECT id FROM outbox")).rows[0]!.id);
    const batch = createMessageBatch("outbox-dlq", [{ id: "d1", timestamp: new Date(), attempts: 1, body: { tenantId: a.tenantId, outboxId } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env as never, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["d1"]);
    expect((await tenantDb.execute({ sql: "SELECT status FROM outbox WHERE id = ?", args: [outboxId] })).rows[0]!.status).toBe("failed");
  });
});

describe("API keys", () => {
  it("lets an integration act with the key's role, and stops working once revoked", async () => {
    const a = await signup();
    const auth = { authorization: `Bearer ${a.token}`, "content-type": "application/json" };
    const created = await api(`/api/t/${a.slug}/api-keys`, { method: "POST", headers: auth, body: JSON.stringify({ name: "CRM sync", role: "channel_manager" }) });
    expect(created.status).toBe(201);
    const { key, secret } = (await created.json()) as { key: { id: string }; secret: string };
    expect(secret).toMatch(/^ppk_/);
    const asKey = { authorization: `Bearer ${secret}` };
    expect((await api(`/api/t/${a.slug}/partner-orgs`, { headers: asKey })).status).toBe(200);
    // channel managers cannot invite: neither can a key with that role
    const invite = await api(`/api/t/${a.slug}/invitations`, {
      method: "POST",
      headers: { ...asKey, "content-type": "application/json" },
      body: JSON.stringify({ email: "x@example.com", name: "X", role: "channel_manager" }),
    });
    expect(invite.status).toBe(403);
    expect((await api(`/api/t/${a.slug}/api-keys/${key.id}`, { method: "DELETE", headers: auth })).status).toBe(204);
    expect((await api(`/api/t/${a.slug}/partner-orgs`, { headers: asKey })).status).toBe(401);
  });

  it("is managed by vendor admins only, and a partner role needs an organization", async () => {
    const a = await signup();
    const res = await api(`/api/t/${a.slug}/api-keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${a.token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Partner sync", role: "partner_user" }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe("partnerOrgId");
    expect((await api(`/api/t/${a.slug}/api-keys`)).status).toBe(401);
  });
});

/** The tenant's own database, as the Worker's local backend names it. */
async function tenantDbOf(tenantId: string) {
  const rs = await control.execute({ sql: "SELECT database_name FROM tenants WHERE id = ?", args: [tenantId] });
  return createClient({ url: `${libsqlUrl}/${rs.rows[0]!.database_name}/` });
}

/** Invites a person with `role` and accepts the invitation (its link read from the outbox row): their session token. */
async function joinAs(a: { slug: string; tenantId: string; token: string }, role: string, partnerOrgId: string | null): Promise<string> {
  const email = `${role}.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const invited = await api(`/api/t/${a.slug}/invitations`, {
    method: "POST",
    headers: { authorization: `Bearer ${a.token}`, "content-type": "application/json" },
    body: JSON.stringify({ email, name: `Person ${role}`, role, partnerOrgId }),
  });
  expect(invited.status).toBe(201);
  const outbox = await (await tenantDbOf(a.tenantId)).execute("SELECT payload FROM outbox");
  const link = outbox.rows
    .map((r) => JSON.parse(String(r.payload)) as { to: string; data: { link?: string } })
    .find((intent) => intent.to === email)!.data.link!;
  const token = new URL(link).searchParams.get("token")!;
  const accepted = await api(`/api/t/${a.slug}/invitations/accept`, json({ token, name: `Person ${role}`, password: "password-123" }));
  expect(accepted.status).toBe(200);
  return ((await accepted.json()) as { session: { token: string } }).session.token;
}

describe("API key management", () => {
  it("refuses every role but vendor admin, and keys themselves, on create, list and revoke", async () => {
    const a = await signup();
    const admin = { authorization: `Bearer ${a.token}`, "content-type": "application/json" };
    const org = await api(`/api/t/${a.slug}/partner-orgs`, { method: "POST", headers: admin, body: JSON.stringify({ name: "Key Partners" }) });
    expect(org.status).toBe(201);
    const orgId = ((await org.json()) as { id: string }).id;
    const existing = await api(`/api/t/${a.slug}/api-keys`, { method: "POST", headers: admin, body: JSON.stringify({ name: "CRM sync", role: "channel_manager" }) });
    expect(existing.status).toBe(201);
    const { key, secret } = (await existing.json()) as { key: { id: string }; secret: string };

    const callers: Record<string, string> = {
      channel_manager: await joinAs(a, "channel_manager", null),
      partner_admin: await joinAs(a, "partner_admin", orgId),
      partner_user: await joinAs(a, "partner_user", orgId),
      "API key (channel_manager)": secret,
    };
    for (const [who, token] of Object.entries(callers)) {
      const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
      const create = await api(`/api/t/${a.slug}/api-keys`, { method: "POST", headers, body: JSON.stringify({ name: "Escalation", role: "vendor_admin" }) });
      expect({ who, status: create.status }).toEqual({ who, status: 403 });
      expect(create.headers.get("content-type")).toContain("application/problem+json");
      const list = await api(`/api/t/${a.slug}/api-keys`, { headers });
      expect({ who, status: list.status }).toEqual({ who, status: 403 });
      const revoke = await api(`/api/t/${a.slug}/api-keys/${key.id}`, { method: "DELETE", headers });
      expect({ who, status: revoke.status }).toEqual({ who, status: 403 });
    }

    // Nothing any of them tried took effect: one key, still working.
    const listed = await api(`/api/t/${a.slug}/api-keys`, { headers: admin });
    expect(((await listed.json()) as { items: { id: string }[] }).items.map((k) => k.id)).toEqual([key.id]);
    expect((await api(`/api/t/${a.slug}/partner-orgs`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
  });

  it("refuses a vendor_admin-role API key on create, list and revoke: a leaked key cannot mint successors", async () => {
    const a = await signup();
    const admin = { authorization: `Bearer ${a.token}`, "content-type": "application/json" };
    const created = await api(`/api/t/${a.slug}/api-keys`, { method: "POST", headers: admin, body: JSON.stringify({ name: "Admin sync", role: "vendor_admin" }) });
    expect(created.status).toBe(201);
    const { key, secret } = (await created.json()) as { key: { id: string }; secret: string };
    const asKey = { authorization: `Bearer ${secret}`, "content-type": "application/json" };

    const create = await api(`/api/t/${a.slug}/api-keys`, { method: "POST", headers: asKey, body: JSON.stringify({ name: "Successor", role: "vendor_admin" }) });
    expect(create.status).toBe(403);
    expect(create.headers.get("content-type")).toContain("application/problem+json");
    expect(((await create.json()) as { code: string }).code).toBe("person_required");
    expect((await api(`/api/t/${a.slug}/api-keys`, { headers: asKey })).status).toBe(403);
    expect((await api(`/api/t/${a.slug}/api-keys/${key.id}`, { method: "DELETE", headers: asKey })).status).toBe(403);

    // The key keeps its other vendor_admin powers, and nothing was minted.
    expect((await api(`/api/t/${a.slug}/partner-orgs`, { headers: asKey })).status).toBe(200);
    const listed = await api(`/api/t/${a.slug}/api-keys`, { headers: admin });
    expect(((await listed.json()) as { items: { id: string }[] }).items.map((k) => k.id)).toEqual([key.id]);
  });

  it("never lets one tenant's vendor admin list or revoke another tenant's key", async () => {
    const a = await signup();
    const b = await signup();
    const created = await api(`/api/t/${b.slug}/api-keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${b.token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "B's CRM", role: "channel_manager" }),
    });
    expect(created.status).toBe(201);
    const { key, secret } = (await created.json()) as { key: { id: string }; secret: string };

    // Through A's own portal the id names nothing: 404, not a revocation.
    const revoke = await api(`/api/t/${a.slug}/api-keys/${key.id}`, { method: "DELETE", headers: { authorization: `Bearer ${a.token}` } });
    expect(revoke.status).toBe(404);
    expect(revoke.headers.get("content-type")).toContain("application/problem+json");
    const aList = await api(`/api/t/${a.slug}/api-keys`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(((await aList.json()) as { items: { id: string }[] }).items.map((k) => k.id)).not.toContain(key.id);
    // Through B's path, A's session is no session at all.
    const crossRevoke = await api(`/api/t/${b.slug}/api-keys/${key.id}`, { method: "DELETE", headers: { authorization: `Bearer ${a.token}` } });
    expect(crossRevoke.status).toBe(401);
    const crossList = await api(`/api/t/${b.slug}/api-keys`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(crossList.status).toBe(401);

    // B's key still works, and B still lists it.
    expect((await api(`/api/t/${b.slug}/partner-orgs`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
    const bList = await api(`/api/t/${b.slug}/api-keys`, { headers: { authorization: `Bearer ${b.token}` } });
    expect(((await bList.json()) as { items: { id: string }[] }).items.map((k) => k.id)).toEqual([key.id]);
  });
});

describe("deal export", () => {
  it("streams the deals CSV through the worker entry with machine columns and defused cells; a bad filter is a 422", async () => {
    const a = await signup();
    const admin = { authorization: `Bearer ${a.token}`, "content-type": "application/json" };
    const org = (await (await api(`/api/t/${a.slug}/partner-orgs`, { method: "POST", headers: admin, body: JSON.stringify({ name: "North Resellers" }) })).json()) as { id: string };
    const keyRes = await api(`/api/t/${a.slug}/api-keys`, {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ name: "North CRM", role: "partner_admin", partnerOrgId: org.id }),
    });
    const partner = { authorization: `Bearer ${((await keyRes.json()) as { secret: string }).secret}`, "content-type": "application/json" };
    const registered = await api(`/api/t/${a.slug}/deals`, {
      method: "POST",
      headers: partner,
      body: JSON.stringify({ customerName: "=SUM(A1:A2)", customerDomain: "sum.example", value: 1234.5, currency: "EUR", products: ["Core", "Edge"] }),
    });
    expect(registered.status).toBe(201);
    const deal = (await registered.json()) as { id: string };

    const res = await api(`/api/t/${a.slug}/deals/export.csv?status=submitted`, { headers: { authorization: admin.authorization } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="deals.csv"');
    const lines = (await res.text()).split("\r\n");
    expect(lines[0]).toBe("id,customer_name,customer_domain,partner,status,value,currency,products,submitted_at,review_due_at,expires_at,conflicts");
    expect(lines[1]).toMatch(new RegExp(`^${deal.id},'=SUM\\(A1:A2\\),sum\\.example,North Resellers,submitted,1234\\.50,EUR,Core; Edge,\\d{4}-`));
    expect(lines.slice(2)).toEqual([""]);

    const bad = await api(`/api/t/${a.slug}/deals/export.csv?sort=oldest`, { headers: { authorization: admin.authorization } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["query.sort"]);
  });
});

describe("tenant resolution", () => {
  it("serves a tenant on its custom domain", async () => {
    const a = await signup();
    const host = `partners.${a.slug}.example`;
    await control.execute({ sql: "INSERT INTO domains (hostname, tenant_id, created_at, verified_at) VALUES (?, ?, ?, ?)", args: [host, a.tenantId, Date.now(), Date.now()] });
    const res = await self.fetch(new Request(`https://${host}/api/me`, { headers: { authorization: `Bearer ${a.token}` } }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { tenant: { slug: string } }).tenant.slug).toBe(a.slug);
    const unknown = await self.fetch(new Request(`https://unknown.${a.slug}.example/api/me`));
    expect(unknown.status).toBe(404);
  });

  it("brings a tenant still behind the deployed code up to date on its first request", async () => {
    const a = await signup();
    const previous = tenantMigrations.at(-2)!.tag;
    await control.execute({ sql: "UPDATE tenants SET schema_version = ? WHERE id = ?", args: [previous, a.tenantId] });
    const res = await api(`/api/t/${a.slug}/me`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(res.status).toBe(200);
    const rs = await control.execute({ sql: "SELECT schema_version, migration_error FROM tenants WHERE id = ?", args: [a.tenantId] });
    expect([rs.rows[0]!.schema_version, rs.rows[0]!.migration_error]).toEqual([tenantMigrations.at(-1)!.tag, null]);
  });

  it("answers a suspended tenant with 403 tenant_suspended, not a crash", async () => {
    const a = await signup();
    await control.execute({ sql: "UPDATE tenants SET status = 'suspended' WHERE id = ?", args: [a.tenantId] });
    const res = await api(`/api/t/${a.slug}/me`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { code: string }).code).toBe("tenant_suspended");
    const info = await api(`/api/tenants/${a.slug}`);
    expect(info.status).toBe(403);
  });
});

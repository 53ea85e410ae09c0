// The session check that rides in the verb's first database call
// (worker/platform/auth/deferred-session.ts), through the deployed bundle:
// once the Worker knows a session, a change made behind its back (logout,
// revocation, expiry, a suspended organization, a new role) is still seen by
// the very next request, and a refused session writes nothing.
import { createClient } from "@libsql/client/web";
import { env } from "cloudflare:test";
import { exports as workerExports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const self = (workerExports as unknown as { default: Fetcher }).default;
const api = (path: string, init?: RequestInit) => self.fetch(new Request(`http://api.test${path}`, init));
const libsqlUrl = (env as unknown as { LIBSQL_URL: string }).LIBSQL_URL;
const control = createClient({ url: `${libsqlUrl}/control/` });
const DAY = 86_400_000;

const headersOf = (token: string | null, now?: number): Record<string, string> => ({
  "content-type": "application/json",
  ...(token ? { authorization: `Bearer ${token}` } : {}),
  ...(now ? { "x-test-now": String(now) } : {}),
});
const post = (token: string | null, body: unknown, now?: number): RequestInit => ({ method: "POST", headers: headersOf(token, now), body: JSON.stringify(body) });
const get = (token: string, now?: number): RequestInit => ({ headers: headersOf(token, now) });

async function portal() {
  const slug = `d${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const res = await api("/api/signup", post(null, { company: `Vendor ${slug}`, slug, name: "Dora", email: `${slug}@example.com`, password: "password-123" }));
  expect(res.status).toBe(201);
  const body = (await res.json()) as { tenant: { id: string }; session: { token: string } };
  const rs = await control.execute({ sql: "SELECT database_name FROM tenants WHERE id = ?", args: [body.tenant.id] });
  const db = createClient({ url: `${libsqlUrl}/${rs.rows[0]!.database_name}/` });
  const org = (await (await api(`/api/t/${slug}/partner-orgs`, post(body.session.token, { name: "North Resellers" }))).json()) as { id: string };
  return { slug, db, admin: body.session.token, orgId: org.id };
}

/** Invites and accepts, then signs in (so this isolate knows the session): the member's token and membership id. */
async function member(p: Awaited<ReturnType<typeof portal>>, role: string, partnerOrgId: string | null) {
  const email = `${role}.${crypto.randomUUID().slice(0, 8)}@example.com`;
  expect((await api(`/api/t/${p.slug}/invitations`, post(p.admin, { email, name: "M", role, partnerOrgId }))).status).toBe(201);
  const outbox = await p.db.execute("SELECT payload FROM outbox");
  const link = outbox.rows.map((r) => JSON.parse(String(r.payload)) as { to: string; data: { link?: string } }).find((m) => m.to === email)!.data.link!;
  const accepted = await api(`/api/t/${p.slug}/invitations/accept`, post(null, { token: new URL(link).searchParams.get("token"), name: "M", password: "password-123" }));
  expect(accepted.status).toBe(200);
  const login = await api(`/api/t/${p.slug}/auth/login`, post(null, { email, password: "password-123" }));
  const token = ((await login.json()) as { session: { token: string } }).session.token;
  const id = String((await p.db.execute({ sql: "SELECT id FROM memberships WHERE email = ?", args: [email] })).rows[0]!.id);
  return { token, id };
}

const deal = { customerName: "Fabrikam Foods", customerDomain: "fabrikam.example", value: 25000, currency: "USD", products: ["Edge Router"] };

async function expect401(res: Response) {
  expect(res.status).toBe(401);
  expect(((await res.json()) as { code: string }).code).toBe("unauthenticated");
}

describe("a session this isolate already knows", () => {
  it("reads in one round trip, and is refused at once after logout, even for a write, which then writes nothing", async () => {
    const p = await portal();
    const rep = await member(p, "partner_user", p.orgId);
    const list = await api(`/api/t/${p.slug}/deals`, get(rep.token));
    expect(list.status).toBe(200);
    expect(Number(list.headers.get("x-db-round-trips"))).toBe(1);

    expect((await api(`/api/t/${p.slug}/auth/logout`, post(rep.token, {}))).status).toBe(204);
    await expect401(await api(`/api/t/${p.slug}/deals`, get(rep.token)));
    await expect401(await api(`/api/t/${p.slug}/deals`, post(rep.token, deal)));
    expect(Number((await p.db.execute("SELECT count(*) AS n FROM deals")).rows[0]!.n)).toBe(0);
  });

  it("answers GET /me from the database, not from what it remembered: the bell's count follows a new and a read notification", async () => {
    const p = await portal();
    const rep = await member(p, "partner_user", p.orgId);
    const unread = async () => {
      const res = await api(`/api/t/${p.slug}/me`, get(rep.token));
      expect(res.status).toBe(200);
      expect(Number(res.headers.get("x-db-round-trips"))).toBe(1);
      return ((await res.json()) as { unreadNotifications: number }).unreadNotifications;
    };
    expect(await unread()).toBe(0);
    await p.db.execute({
      sql: "INSERT INTO notifications (id, recipient_id, kind, subject_type, subject_id, data, created_at) VALUES (?, ?, 'deal.approved', 'deal', 'd1', '{}', ?)",
      args: [crypto.randomUUID(), rep.id, Date.now()],
    });
    expect(await unread()).toBe(1);
    expect((await api(`/api/t/${p.slug}/notifications/read`, post(rep.token, { all: true }))).status).toBe(200);
    expect(await unread()).toBe(0);
  });

  it("is refused once revoked in the database behind the Worker's back, and once its organization is suspended", async () => {
    const p = await portal();
    const rep = await member(p, "partner_user", p.orgId);
    expect((await api(`/api/t/${p.slug}/deals`, post(rep.token, deal))).status).toBe(201);
    await p.db.execute({ sql: "UPDATE sessions SET revoked_at = ? WHERE membership_id = ?", args: [Date.now(), rep.id] });
    await expect401(await api(`/api/t/${p.slug}/deals`, post(rep.token, { ...deal, customerName: "Second", customerDomain: "second.example" })));
    expect(Number((await p.db.execute("SELECT count(*) AS n FROM deals")).rows[0]!.n)).toBe(1);

    const other = await member(p, "partner_user", p.orgId);
    expect((await api(`/api/t/${p.slug}/deals`, get(other.token))).status).toBe(200);
    await p.db.execute({ sql: "UPDATE partner_orgs SET status = 'suspended' WHERE id = ?", args: [p.orgId] });
    await expect401(await api(`/api/t/${p.slug}/deals`, get(other.token)));
  });

  it("expires when idle for 3 days and 30 days after sign-in, whatever it knew", async () => {
    const p = await portal();
    const rep = await member(p, "partner_user", p.orgId);
    const now = Date.now();
    expect((await api(`/api/t/${p.slug}/deals`, get(rep.token, now + 2 * DAY))).status).toBe(200);
    await expect401(await api(`/api/t/${p.slug}/deals`, get(rep.token, now + 5 * DAY + 60_000)));

    const again = await member(p, "partner_user", p.orgId);
    for (let day = 2; day < 30; day += 2.5) expect((await api(`/api/t/${p.slug}/deals`, get(again.token, now + day * DAY))).status).toBe(200);
    await expect401(await api(`/api/t/${p.slug}/deals`, get(again.token, now + 30 * DAY + 60_000)));
  });

  it("takes a new role into account on the very next request, up or down", async () => {
    const p = await portal();
    const manager = await member(p, "channel_manager", null);
    expect((await api(`/api/t/${p.slug}/api-keys`, get(manager.token))).status).toBe(403);
    await p.db.execute({ sql: "UPDATE memberships SET role = 'vendor_admin' WHERE id = ?", args: [manager.id] });
    expect((await api(`/api/t/${p.slug}/api-keys`, get(manager.token))).status).toBe(200);
    await p.db.execute({ sql: "UPDATE memberships SET role = 'channel_manager' WHERE id = ?", args: [manager.id] });
    expect((await api(`/api/t/${p.slug}/api-keys`, get(manager.token))).status).toBe(403);

    // Allowed under both roles: run again with the new one, and answered.
    const lead = await member(p, "partner_user", p.orgId);
    expect((await api(`/api/t/${p.slug}/deals`, get(lead.token))).status).toBe(200);
    await p.db.execute({ sql: "UPDATE memberships SET role = 'partner_admin' WHERE id = ?", args: [lead.id] });
    const registered = await api(`/api/t/${p.slug}/deals`, post(lead.token, deal));
    expect(registered.status).toBe(201);
    expect(Number((await p.db.execute("SELECT count(*) AS n FROM deals")).rows[0]!.n)).toBe(1);
    const me = await api(`/api/t/${p.slug}/me`, get(lead.token));
    expect(((await me.json()) as { role: string }).role).toBe("partner_admin");
  });

  it("answers an unknown or pre-change token with 401, never 500", async () => {
    const p = await portal();
    await expect401(await api(`/api/t/${p.slug}/deals`, get(`pps_${"A".repeat(43)}`)));
    await expect401(await api(`/api/t/${p.slug}/deals`, get("pps_short")));
  });
});

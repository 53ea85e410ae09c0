// Database round trips per request through the deployed bundle (the
// `x-db-round-trips` header counts every HTTP request to a database, control
// and tenant): an authenticated read reaches the database once, a change at
// most twice (one read batch, one write batch), deal registration included.
// A budget, not a speed target: the count does not depend on the machine.
import { createClient } from "@libsql/client/web";
import { env } from "cloudflare:test";
import { exports as workerExports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const self = (workerExports as unknown as { default: Fetcher }).default;
const api = (path: string, init?: RequestInit) => self.fetch(new Request(`http://api.test${path}`, init));
const libsqlUrl = (env as unknown as { LIBSQL_URL: string }).LIBSQL_URL;
const control = createClient({ url: `${libsqlUrl}/control/` });

const post = (token: string | null, body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});
const bearer = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });
const trips = (res: Response) => Number(res.headers.get("x-db-round-trips"));

async function ok<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return (await r.json()) as T;
}

async function portalWithPartnerRep() {
  const slug = `r${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const signedUp = await ok<{ tenant: { id: string }; session: { token: string } }>(
    api("/api/signup", post(null, { company: `Vendor ${slug}`, slug, name: "Rita", email: `${slug}@example.com`, password: "password-123" })),
    201,
  );
  const adminToken = signedUp.session.token;
  const org = await ok<{ id: string }>(api(`/api/t/${slug}/partner-orgs`, post(adminToken, { name: "North Resellers" })), 201);
  const email = `rep.${slug}@example.com`;
  await ok(api(`/api/t/${slug}/invitations`, post(adminToken, { email, name: "Rep", role: "partner_user", partnerOrgId: org.id })), 201);
  const rs = await control.execute({ sql: "SELECT database_name FROM tenants WHERE id = ?", args: [signedUp.tenant.id] });
  const tenantDb = createClient({ url: `${libsqlUrl}/${rs.rows[0]!.database_name}/` });
  const outbox = await tenantDb.execute("SELECT payload FROM outbox");
  const link = outbox.rows.map((r) => JSON.parse(String(r.payload)) as { to: string; data: { link?: string } }).find((m) => m.to === email)!.data.link!;
  await ok(api(`/api/t/${slug}/invitations/accept`, post(null, { token: new URL(link).searchParams.get("token"), name: "Rep", password: "password-123" })));
  return { slug, adminEmail: `${slug}@example.com`, repEmail: email };
}

describe("database round trips per request", () => {
  it("keeps login, me, the deals list and detail, registration and approval within budget", async () => {
    const { slug, adminEmail, repEmail } = await portalWithPartnerRep();
    const counts: Record<string, number> = {};

    const loginRes = await api(`/api/t/${slug}/auth/login`, post(null, { email: repEmail, password: "password-123" }));
    counts.login = trips(loginRes);
    const rep = (await ok<{ session: { token: string } }>(loginRes)).session.token;
    const admin = (await ok<{ session: { token: string } }>(api(`/api/t/${slug}/auth/login`, post(null, { email: adminEmail, password: "password-123" })))).session.token;

    const me = await api(`/api/t/${slug}/me`, bearer(rep));
    counts.me = trips(me);
    await ok(me);

    const registered = await api(
      `/api/t/${slug}/deals`,
      post(rep, { customerName: "Fabrikam Foods", customerDomain: "fabrikam.example", value: 25000, currency: "USD", products: ["Edge Router"] }),
    );
    counts.register = trips(registered);
    const deal = await ok<{ id: string }>(registered, 201);

    const list = await api(`/api/t/${slug}/deals`, bearer(rep));
    counts.list = trips(list);
    await ok(list);

    const detail = await api(`/api/t/${slug}/deals/${deal.id}`, bearer(rep));
    counts.detail = trips(detail);
    await ok(detail);

    const approved = await api(`/api/t/${slug}/deals/${deal.id}/approve`, post(admin, {}));
    counts.approve = trips(approved);
    await ok(approved);

    console.log(`db round trips per request: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({
      login: expect.toBeOneOf([1, 2]), // the control database (throttle, identity) and the tenant database
      me: 1,
      register: expect.toBeOneOf([1, 2]),
      list: 1,
      detail: 1,
      approve: expect.toBeOneOf([1, 2]),
    });
  });
});

// The partner routes over HTTP (in Node, with real contexts): query and body
// validation naming fields, status codes per role, the CSV download, the
// chunked import, and that "export.csv" is not mistaken for an id.
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../worker/partners/csv.ts";
import { appHarness } from "../../support/app-harness.ts";
import { seedPartnerOrgs } from "../../support/partners.ts";
import { addMember, addPartnerOrg, createTenant, createTestPlatform, systemCtx } from "../../support/platform.ts";

const p = await createTestPlatform();
const api = appHarness(p);

async function portal() {
  const t = await createTenant(p);
  const north = await addPartnerOrg(p, t, "North");
  const south = await addPartnerOrg(p, t, "South");
  const northAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: north });
  const northUser = await addMember(p, t, { role: "partner_user", partnerOrgId: north });
  const base = `/api/t/${t.tenant.slug}/partner-orgs`;
  return { t, north, south, northAdmin, northUser, base };
}

describe("partner organization routes", () => {
  it("lists with filters from the query string, repeated or comma-separated, and validates the query", async () => {
    const w = await portal();
    await seedPartnerOrgs(systemCtx(p, w.t.tenant).db, 30, Date.now());
    const res = await api("GET", `${w.base}?status=active&status=suspended&sort=created&dir=desc&limit=4`, { token: w.t.admin.token });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { status: string }[]; total: number; nextCursor: string };
    expect(body.items).toHaveLength(4);
    expect(body.items.every((i) => i.status === "active" || i.status === "suspended")).toBe(true);
    const comma = (await (await api("GET", `${w.base}?status=active,suspended&limit=4`, { token: w.t.admin.token })).json()) as { total: number };
    expect(comma.total).toBe(body.total);
    const next = await api("GET", `${w.base}?status=active&status=suspended&sort=created&dir=desc&limit=4&cursor=${body.nextCursor}`, { token: w.t.admin.token });
    expect(next.status).toBe(200);

    const bad = await api("GET", `${w.base}?limit=500&sort=rank&status=dormant`, { token: w.t.admin.token });
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["query.limit", "query.sort", "query.status.0"]);
    const cursor = await api("GET", `${w.base}?sort=name&cursor=bogus`, { token: w.t.admin.token });
    expect([cursor.status, ((await cursor.json()) as { code: string }).code]).toEqual([400, "invalid_cursor"]);
  });

  it("keeps the portal's original create and list calls working", async () => {
    const w = await portal();
    const created = await api("POST", w.base, { token: w.t.admin.token, body: { name: "Portal Co" } });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: "Portal Co", status: "active", userCount: 0 });
    const list = (await (await api("GET", w.base, { token: w.t.admin.token })).json()) as { items: { name: string; userCount: number }[] };
    expect(list.items.map((o) => [o.name, o.userCount])).toEqual([
      ["North", 2],
      ["Portal Co", 0],
      ["South", 0],
    ]);
  });

  it("answers 401 without a session and 403 to partner roles on vendor routes", async () => {
    const w = await portal();
    const routes: [string, string, unknown?][] = [
      ["GET", w.base],
      ["POST", w.base, { name: "X Org" }],
      ["GET", `${w.base}/export.csv`],
      ["POST", `${w.base}/import`, { csv: "name\nX Org" }],
      ["POST", `${w.base}/${w.north}/status`, { status: "suspended", reason: "x" }],
      ["GET", `${w.base}/${w.north}/activity`],
    ];
    for (const [method, path, body] of routes) {
      expect({ path, method, status: (await api(method, path, { body })).status }).toEqual({ path, method, status: 401 });
      for (const token of [w.northAdmin.token, w.northUser.token]) {
        expect({ path, method, status: (await api(method, path, { token, body })).status }).toEqual({ path, method, status: 403 });
      }
    }
    expect((await api("GET", `${w.base}/${w.north}`)).status).toBe(401);
    expect((await api("PATCH", `${w.base}/${w.north}`, { body: { region: "X" } })).status).toBe(401);
  });

  it("shows and edits one organization by role: own organization yes, another 404, partner users read only", async () => {
    const w = await portal();
    expect((await api("GET", `${w.base}/${w.north}`, { token: w.northUser.token })).status).toBe(200);
    expect((await api("GET", `${w.base}/${w.south}`, { token: w.northAdmin.token })).status).toBe(404);
    const own = await api("PATCH", `${w.base}/${w.north}`, { token: w.northAdmin.token, body: { websiteDomain: "HTTPS://www.North.example/" } });
    expect(own.status).toBe(200);
    expect(((await own.json()) as { websiteDomain: string }).websiteDomain).toBe("north.example");
    expect((await api("PATCH", `${w.base}/${w.south}`, { token: w.northAdmin.token, body: { region: "X" } })).status).toBe(404);
    expect((await api("PATCH", `${w.base}/${w.north}`, { token: w.northUser.token, body: { region: "X" } })).status).toBe(403);

    const invalid = await api("PATCH", `${w.base}/${w.north}`, { token: w.t.admin.token, body: { websiteDomain: "nope", country: "XX", logoUrl: "http://x" } });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(["country", "logoUrl", "websiteDomain"]);
    const status = await api("PATCH", `${w.base}/${w.north}`, { token: w.northAdmin.token, body: { status: "active" } });
    expect(status.status).toBe(422);
  });

  it("moves a partner's status: 412 for an illegal transition, 422 without a reason", async () => {
    const w = await portal();
    const path = `${w.base}/${w.north}/status`;
    const noReason = await api("POST", path, { token: w.t.admin.token, body: { status: "suspended" } });
    expect([noReason.status, ((await noReason.json()) as { errors: { field: string }[] }).errors[0]!.field]).toEqual([422, "reason"]);
    const illegal = await api("POST", path, { token: w.t.admin.token, body: { status: "applicant" } });
    expect(illegal.status).toBe(412);
    expect(await illegal.json()).toMatchObject({ code: "illegal_transition", detail: "A partner cannot move from active to applicant." });
    const ok = await api("POST", path, { token: w.t.admin.token, body: { status: "suspended", reason: "Audit" } });
    expect([ok.status, ((await ok.json()) as { status: string }).status]).toEqual([200, "suspended"]);
    const activity = (await (await api("GET", `${w.base}/${w.north}/activity`, { token: w.t.admin.token })).json()) as { items: { action: string }[] };
    expect(activity.items[0]!.action).toBe("partner_org.status_changed");
    expect((await api("POST", `${w.base}/nope/status`, { token: w.t.admin.token, body: { status: "active" } })).status).toBe(404);
  });

  it("downloads the CSV, and imports it in chunks into another portal", async () => {
    const w = await portal();
    const res = await api("GET", `${w.base}/export.csv?q=north`, { token: w.t.admin.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="partners.csv"');
    const csv = await res.text();
    expect(parseCsv(csv).map((r) => r[0])).toEqual(["name", "North"]);

    const other = await createTenant(p);
    const base = `/api/t/${other.tenant.slug}/partner-orgs`;
    const header = "name,website_domain";
    const first = await api("POST", `${base}/import`, { token: other.admin.token, body: { csv: `${header}\nAlpha,alpha.example\nBeta,beta.example`, dryRun: true } });
    expect(await first.json()).toEqual({ rows: 2, imported: 2, failed: 0, errors: [], dryRun: true, nextOffset: 2 });
    const chunk1 = (await (await api("POST", `${base}/import`, { token: other.admin.token, body: { csv: `${header}\nAlpha,alpha.example\nBeta,beta.example` } })).json()) as {
      nextOffset: number;
    };
    const chunk2 = await api("POST", `${base}/import`, { token: other.admin.token, body: { csv: `${header}\nGamma,gamma.example\nalpha,x.example`, offset: chunk1.nextOffset } });
    expect(await chunk2.json()).toMatchObject({ imported: 1, failed: 1, errors: [{ row: 5, field: "name", code: "duplicate" }], nextOffset: 4 });
    const list = (await (await api("GET", base, { token: other.admin.token })).json()) as { total: number };
    expect(list.total).toBe(3);
    // The import's own 2 MB CSV limit, not the app's 1 MB body cap, answers.
    const tooBig = await api("POST", `${base}/import`, { token: other.admin.token, body: { csv: `name\n${"x".repeat(2 * 1024 * 1024 + 1)}` } });
    expect([tooBig.status, ((await tooBig.json()) as { code: string }).code]).toEqual([413, "csv_too_large"]);
    // Beyond the import's body headroom the app's cap still answers, before any parsing.
    const huge = await api("POST", `${base}/import`, { token: other.admin.token, body: { csv: "x".repeat(4 * 1024 * 1024 + 1) } });
    expect([huge.status, ((await huge.json()) as { code: string }).code]).toEqual([413, "payload_too_large"]);
  });

  it("keeps portals apart: another portal's session is no session here, and its ids are not found", async () => {
    const a = await portal();
    const b = await createTenant(p);
    expect((await api("GET", `${a.base}/${a.north}`, { token: b.admin.token })).status).toBe(401);
    expect((await api("GET", `/api/t/${b.tenant.slug}/partner-orgs/${a.north}`, { token: b.admin.token })).status).toBe(404);
    expect((await api("PATCH", `/api/t/${b.tenant.slug}/partner-orgs/${a.north}`, { token: b.admin.token, body: { region: "X" } })).status).toBe(404);
    const list = (await (await api("GET", `/api/t/${b.tenant.slug}/partner-orgs`, { token: b.admin.token })).json()) as { total: number };
    expect(list.total).toBe(0);
  });
});

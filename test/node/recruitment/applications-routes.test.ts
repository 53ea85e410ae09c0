// The application routes over HTTP (in Node, with real contexts): the public
// form needs no session, everything else is for reviewers.
import { describe, expect, it } from "vitest";
import { appHarness } from "../../support/app-harness.ts";
import { addMember, addPartnerOrg, createTenant, createTestPlatform, uniqueName } from "../../support/platform.ts";

const p = await createTestPlatform();
const api = appHarness(p);

const application = () => ({
  company: "Fabrikam Partners",
  websiteDomain: "fabrikam.example",
  country: "US",
  partnerType: "reseller",
  contactName: "Fay Fabrikam",
  contactEmail: `${uniqueName("fay")}@fabrikam.example`,
  website: "",
});

describe("application routes", () => {
  it("take an application without a session, then let a reviewer approve it once", async () => {
    const t = await createTenant(p);
    const base = `/api/t/${t.tenant.slug}/applications`;
    const res = await api("POST", base, { body: application(), ip: "198.51.100.7", headers: { "accept-language": "es" } });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    const manager = await addMember(p, t, { role: "channel_manager" });
    const list = (await (await api("GET", `${base}?status=pending`, { token: manager.token })).json()) as { items: { id: string }[] };
    expect(list.items.map((a) => a.id)).toEqual([id]);
    expect((await api("GET", `${base}/${id}`, { token: manager.token })).status).toBe(200);
    expect((await api("GET", `${base}/nope`, { token: manager.token })).status).toBe(404);

    const approve = await api("POST", `${base}/${id}/review`, { token: manager.token, body: { decision: "approve" } });
    expect(approve.status).toBe(200);
    expect(await approve.json()).toMatchObject({ application: { status: "approved" }, invitation: { role: "partner_admin" }, invitationError: null });
    const again = await api("POST", `${base}/${id}/review`, { token: manager.token, body: { decision: "decline", reason: "Changed my mind" } });
    expect(again.status).toBe(412);
    expect(((await again.json()) as { code: string }).code).toBe("already_decided");
  });

  it("name invalid fields, and throttle one address to 5 an hour with Retry-After", async () => {
    const t = await createTenant(p);
    const base = `/api/t/${t.tenant.slug}/applications`;
    const bad = await api("POST", base, { body: { ...application(), contactEmail: "nope", country: "Narnia" }, ip: "198.51.100.8" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(["contactEmail", "country"]);
    // Refused input never reaches the throttle: five real applications still go through.
    for (let i = 0; i < 5; i++) expect((await api("POST", base, { body: application(), ip: "198.51.100.8" })).status).toBe(201);
    const limited = await api("POST", base, { body: application(), ip: "198.51.100.8" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(3000);
    const review = await api("POST", `${base}/x/review`, { body: { decision: "decline" } });
    expect(review.status).toBe(401);
  });

  it("keep the review queue from visitors and partner roles", async () => {
    const t = await createTenant(p);
    const base = `/api/t/${t.tenant.slug}/applications`;
    const { id } = (await (await api("POST", base, { body: application(), ip: "198.51.100.9" })).json()) as { id: string };
    const org = await addPartnerOrg(p, t);
    const partnerAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: org });
    for (const [method, path, body] of [
      ["GET", base],
      ["GET", `${base}/${id}`],
      ["POST", `${base}/${id}/review`, { decision: "approve" }],
    ] as const) {
      expect((await api(method, path, { body })).status).toBe(401);
      expect((await api(method, path, { token: partnerAdmin.token, body })).status).toBe(403);
    }
    const decline = await api("POST", `${base}/${id}/review`, { token: t.admin.token, body: { decision: "decline" } });
    expect(decline.status).toBe(422);
    expect(((await decline.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe("reason");
  });
});

// The demo vendor `npm start` seeds: a second start seeds nothing twice, and
// the partner program it shows is real (tiers, signed agreement, checklist,
// partners, an evaluated tier, an application waiting).
import { describe, expect, inject, it } from "vitest";
// @ts-expect-error plain ESM helper shared with `npm start`
import { demo, seedDemo } from "../../scripts/lib/seed.mjs";

const api = inject("apiUrl");

// The API's JSON, read loosely: this test checks shapes with expect, not the compiler.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function get(path: string, token: string): Promise<Json> {
  const res = await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  return res.json();
}

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${api}/api/t/${demo.slug}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: demo.password }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as Json).session.token;
}

describe("the demo seed", () => {
  it("seeds the demo vendor and its program once, however often it runs", async () => {
    expect((await seedDemo(api)).created).toBe(true);
    expect((await seedDemo(api)).created).toBe(false);

    const t = `/api/t/${demo.slug}`;
    const admin = await signIn(demo.admin.email);
    expect((await get(`${t}/users?limit=100`, admin)).items).toHaveLength(4);
    expect((await get(`${t}/tiers`, admin)).items.map((tier: { name: string }) => tier.name).sort()).toEqual(["Gold", "Registered", "Silver"]);
    expect((await get(`${t}/partner-orgs?limit=100`, admin)).items).toHaveLength(4);
    expect((await get(`${t}/onboarding/steps`, admin)).items).toHaveLength(4);
    expect((await get(`${t}/applications?limit=100`, admin)).items).toHaveLength(1);
    expect((await get(`${t}/agreements`, admin)).items).toHaveLength(1);
    const deals = (await get(`${t}/deals?limit=100`, admin)).items as { status: string }[];
    expect(deals.map((d) => d.status).sort()).toEqual(["approved", "submitted", "submitted"]);

    const partner = await signIn(demo.partnerAdmin.email);
    const standing = await get(`${t}/me/tier`, partner);
    expect(standing.current.tier.name).toBe("Silver");
    expect(standing.next.tier.name).toBe("Gold");
    expect((await get(`${t}/agreements/status`, partner)).signed).toBe(true);
  });
});

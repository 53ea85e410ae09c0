// Deal routes over HTTP (in Node, real contexts): field-named 422s, the
// Idempotency-Key header, status codes per role, and other tenants' ids.
import { describe, expect, it } from "vitest";
import { createDealPortal } from "../../support/deals.ts";
import { appHarness } from "../../support/app-harness.ts";
import { createTestPlatform } from "../../support/platform.ts";

const p = await createTestPlatform();
const api = appHarness(p);

const body = {
  customerName: "Globex Corporation",
  customerDomain: "globex.com",
  value: 12_500,
  currency: "eur",
  products: ["Core Switch X"],
};

describe("deal routes", () => {
  it("registers with 201, replays an Idempotency-Key with 200, and names bad fields with 422", async () => {
    const w = await createDealPortal(p);
    const base = `/api/t/${w.t.tenant.slug}/deals`;
    const created = await api("POST", base, { token: w.tokens.northRep, body, headers: { "idempotency-key": "submit-0001" } });
    expect(created.status).toBe(201);
    const deal = (await created.json()) as { id: string; currency: string; valueMinor: number };
    expect(deal).toMatchObject({ currency: "EUR", valueMinor: 1_250_000 });
    const replay = await api("POST", base, { token: w.tokens.northRep, body, headers: { "idempotency-key": "submit-0001" } });
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as { id: string }).id).toBe(deal.id);

    const bad = await api("POST", base, {
      token: w.tokens.northRep,
      body: { customerName: "G", value: -5, currency: "XYZ", contactEmail: "nope", country: "ZZ", expectedCloseDate: "31/12/2027" },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await bad.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["contactEmail", "country", "currency", "customerName", "expectedCloseDate", "value"]);
  });

  it("answers 401 without a session, 403 to the wrong role, 404 for another portal's deal, 409 for an illegal move", async () => {
    const w = await createDealPortal(p);
    const other = await createDealPortal(p);
    const base = `/api/t/${w.t.tenant.slug}/deals`;
    const deal = (await (await api("POST", base, { token: w.tokens.northRep, body })).json()) as { id: string };
    expect((await api("GET", base)).status).toBe(401);
    expect((await api("POST", base, { token: w.tokens.manager, body })).status).toBe(403);
    expect((await api("POST", `${base}/${deal.id}/approve`, { token: w.tokens.northAdmin, body: {} })).status).toBe(403);
    expect((await api("GET", `${base}/${deal.id}`, { token: w.tokens.southAdmin })).status).toBe(404);
    const foreign = await api("GET", `/api/t/${other.t.tenant.slug}/deals/${deal.id}`, { token: other.tokens.manager });
    expect(foreign.status).toBe(404);

    expect((await api("POST", `${base}/${deal.id}/reject`, { token: w.tokens.manager, body: { reason: "" } })).status).toBe(422);
    expect((await api("POST", `${base}/${deal.id}/reject`, { token: w.tokens.manager, body: { reason: "Direct account." } })).status).toBe(200);
    const again = await api("POST", `${base}/${deal.id}/approve`, { token: w.tokens.manager, body: {} });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe("illegal_transition");
    const detail = (await (await api("GET", `${base}/${deal.id}`, { token: w.tokens.northRep })).json()) as { timeline: { kind: string }[] };
    expect(detail.timeline.map((e) => e.kind)).toEqual(["submitted", "rejected"]);
  });
});

// The program's HTTP routes through the real middleware chain (tenant
// resolution, authentication, the route permission, validation, the problem
// mapper): the happy path, invalid input as 422 naming the field, and the
// security paths (no session, wrong role, another portal's object).
import { describe, expect, it } from "vitest";
import { newRouter, requestContext, tenantContext } from "../../../worker/platform/http.ts";
import { onError } from "../../../worker/platform/problem.ts";
import { programRoutes } from "../../../worker/program/routes.ts";
import { addMember, createTestPlatform, systemCtx } from "../../support/platform.ts";
import { addPartner, benefits, createProgramTenant, setMetrics } from "../../support/program.ts";

const p = await createTestPlatform();

// The app's middleware chain, with the test platform in place of the parsed env.
const app = newRouter();
app.use("*", requestContext);
app.use("/api/*", async (c, next) => {
  c.set("config", p.config);
  c.set("platform", p.ctx(Date.now()));
  await next();
});
app.use("/api/t/:tenant/*", tenantContext);
app.route("/", programRoutes);
app.onError(onError);

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; message: string; code?: string }[];
}

async function call(method: string, path: string, token: string | null, body?: unknown) {
  const res = await app.request(path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: (text ? JSON.parse(text) : null) as Record<string, unknown> & Problem };
}

const tierBody = (over: Record<string, unknown> = {}) => ({ name: "Gold", rank: 30, color: "#D4AF37", benefits: benefits(), criteria: [{ metric: "won_revenue_12m", min: 10_000_000 }], ...over });

async function portal() {
  const t = await createProgramTenant(p);
  const org = await addPartner(p, t, "Contoso");
  const manager = await addMember(p, t, { role: "channel_manager" });
  const partnerAdmin = await addMember(p, t, { role: "partner_admin", partnerOrgId: org });
  const base = `/api/t/${t.tenant.slug}`;
  return { t, org, base, admin: t.admin.token, manager: manager.token, partner: partnerAdmin.token };
}

describe("tier routes", () => {
  it("create, list, update and archive tiers as a vendor admin", async () => {
    const { base, admin, manager } = await portal();
    const created = await call("POST", `${base}/tiers`, admin, tierBody());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Gold", rank: 30, color: "#d4af37", partnerCount: 0, archivedAt: null });
    const entry = await call("POST", `${base}/tiers`, admin, tierBody({ name: "Registered", rank: 10, criteria: undefined }));
    expect(entry.body.criteria).toEqual([]);

    const list = await call("GET", `${base}/tiers`, manager);
    expect([list.status, (list.body.items as { name: string }[]).map((i) => i.name)]).toEqual([200, ["Gold", "Registered"]]);

    const updated = await call("PATCH", `${base}/tiers/${created.body.id}`, admin, { name: "Gold Elite" });
    expect([updated.status, updated.body.name, updated.body.rank]).toEqual([200, "Gold Elite", 30]);

    const archived = await call("POST", `${base}/tiers/${created.body.id}/archive`, admin, {});
    expect([archived.status, archived.body.movedPartners]).toEqual([200, 0]);
    const withArchived = await call("GET", `${base}/tiers?includeArchived=true`, admin);
    expect((withArchived.body.items as { name: string }[]).map((i) => i.name)).toEqual(["Registered", "Gold Elite"]);
  });

  it("answers invalid input with 422 naming nested fields, and conflicts with problem documents", async () => {
    const { t, base, admin, org } = await portal();
    const invalid = await call("POST", `${base}/tiers`, admin, tierBody({ color: "gold", benefits: { ...benefits(), leadPriorityWeight: 101 }, criteria: [{ metric: "revenue", min: 1 }] }));
    expect(invalid.status).toBe(422);
    expect(invalid.type).toContain("application/problem+json");
    expect(invalid.body.errors!.map((e) => e.field)).toEqual(["color", "benefits.leadPriorityWeight", "criteria.0.metric"]);

    await call("POST", `${base}/tiers`, admin, tierBody());
    const taken = await call("POST", `${base}/tiers`, admin, tierBody({ name: "Other" }));
    expect([taken.status, taken.body.code, taken.body.errors]).toEqual([409, "rank_taken", [{ field: "rank", message: "Another tier already has this rank.", code: "taken" }]]);

    const tier = (await call("GET", `${base}/tiers`, admin)).body.items as { id: string }[];
    await systemCtx(p, t.tenant).db.$client.execute({ sql: "UPDATE partner_orgs SET tier_id = ? WHERE id = ?", args: [tier[0]!.id, org] });
    const inUse = await call("POST", `${base}/tiers/${tier[0]!.id}/archive`, admin, {});
    expect([inUse.status, inUse.body.code]).toEqual([412, "tier_in_use"]);
    const unknown = await call("PATCH", `${base}/tiers/${crypto.randomUUID()}`, admin, { name: "X" });
    expect([unknown.status, unknown.body.code]).toEqual([404, "not_found"]);
  });

  it("refuses callers without a session (401), without the permission (403), and hides other portals' tiers (404)", async () => {
    const a = await portal();
    const b = await portal();
    const tier = await call("POST", `${a.base}/tiers`, a.admin, tierBody());
    expect((await call("GET", `${a.base}/tiers`, null)).status).toBe(401);
    expect((await call("GET", `${a.base}/tiers`, a.partner)).status).toBe(403);
    expect((await call("POST", `${a.base}/tiers`, a.manager, tierBody({ rank: 99 }))).status).toBe(403);
    // A's session means nothing in B.
    expect((await call("GET", `${b.base}/tiers`, a.admin)).status).toBe(401);
    const cross = await call("PATCH", `${b.base}/tiers/${tier.body.id}`, b.admin, { name: "Stolen" });
    expect(cross.status).toBe(404);
    expect((await call("GET", `${a.base}/tiers`, a.admin)).body.items).toMatchObject([{ name: "Gold" }]);
  });
});

describe("evaluation, review and standing routes", () => {
  it("evaluates on demand, lists and decides proposals, and shows standings", async () => {
    const { base, admin, manager, partner, org } = await portal();
    await call("POST", `${base}/tiers`, admin, tierBody({ name: "Registered", rank: 10, criteria: [] }));
    const gold = await call("POST", `${base}/tiers`, admin, tierBody());
    const policy = await call("PUT", `${base}/program-rules/tier_policy`, admin, { mode: "review" });
    expect([policy.status, policy.body.version]).toEqual([200, 1]);

    const evaluation = await call("POST", `${base}/tiers/evaluate`, manager, {});
    expect(evaluation.status).toBe(200);
    expect(evaluation.body).toEqual({ evaluated: 1, applied: { promotion: 0, demotion: 0, initial: 0 }, proposed: { promotion: 0, demotion: 0, initial: 1 }, dismissed: 0, notified: 0 });
    const queue = await call("GET", `${base}/tier-changes?status=proposed`, manager);
    const [proposal] = queue.body.items as { id: string; partnerOrg: { id: string } }[];
    expect(proposal!.partnerOrg.id).toBe(org);
    expect((await call("GET", `${base}/tier-changes?status=maybe`, manager)).body.errors!.map((e) => e.field)).toEqual(["query.status"]);

    expect((await call("POST", `${base}/tier-changes/${proposal!.id}/decision`, partner, { decision: "apply" })).status).toBe(403);
    const badDecision = await call("POST", `${base}/tier-changes/${proposal!.id}/decision`, manager, { decision: "maybe" });
    expect(badDecision.body.errors!.map((e) => e.field)).toEqual(["decision"]);
    const applied = await call("POST", `${base}/tier-changes/${proposal!.id}/decision`, manager, { decision: "apply" });
    expect([applied.status, applied.body.status]).toEqual([200, "applied"]);
    expect((await call("POST", `${base}/tier-changes/${proposal!.id}/decision`, manager, { decision: "apply" })).status).toBe(409);

    const mine = await call("GET", `${base}/me/tier`, partner);
    expect([mine.status, (mine.body.current as { tier: { name: string } }).tier.name, (mine.body.next as { tier: { id: string } }).tier.id]).toEqual([200, "Registered", gold.body.id]);
    expect((await call("GET", `${base}/me/tier`, admin)).status).toBe(403);

    const standing = await call("GET", `${base}/partners/${org}/tier`, manager);
    expect([standing.status, standing.body.pendingChange]).toEqual([200, null]);
    expect((await call("GET", `${base}/partners/${crypto.randomUUID()}/tier`, manager)).status).toBe(404);
    expect((await call("GET", `${base}/partners/${org}/tier`, partner)).status).toBe(403);
    expect((await call("POST", `${base}/tiers/evaluate`, partner, {})).status).toBe(403);
    expect((await call("POST", `${base}/tiers/evaluate`, manager, { partnerOrgId: crypto.randomUUID() })).status).toBe(404);
  });

  it("sets custom metrics by path, refusing computed ones by name", async () => {
    const { base, manager, partner, org, t } = await portal();
    const set = await call("PUT", `${base}/partners/${org}/metrics/custom:nps`, manager, { value: 42 });
    expect([set.status, set.body]).toEqual([200, { partnerOrgId: org, metric: "custom:nps", value: 42, updatedAt: expect.any(Number) }]);
    const encoded = await call("PUT", `${base}/partners/${org}/metrics/custom%3Acsat`, manager, { value: 4.5 });
    expect([encoded.status, encoded.body.metric]).toEqual([200, "custom:csat"]);
    const computed = await call("PUT", `${base}/partners/${org}/metrics/won_revenue_12m`, manager, { value: 1 });
    expect([computed.status, computed.body.errors!.map((e) => e.field)]).toEqual([422, ["metric"]]);
    expect((await call("PUT", `${base}/partners/${org}/metrics/custom:nps`, manager, { value: "high" })).body.errors!.map((e) => e.field)).toEqual(["value"]);
    expect((await call("PUT", `${base}/partners/${org}/metrics/custom:nps`, partner, { value: 1 })).status).toBe(403);
    expect((await call("PUT", `${base}/partners/${crypto.randomUUID()}/metrics/custom:nps`, manager, { value: 1 })).status).toBe(404);
    await setMetrics(systemCtx(p, t.tenant), org, { won_revenue_12m: 5 });
    const standing = await call("GET", `${base}/partners/${org}/tier`, manager);
    expect((standing.body.metrics as { metric: string }[]).map((m) => m.metric)).toEqual(["custom:csat", "custom:nps", "won_revenue_12m"]);
  });
});

describe("program rules routes", () => {
  it("reads defaults, publishes versions, reports conflicts and nested field errors", async () => {
    const { base, admin, manager, partner } = await portal();
    const defaults = await call("GET", `${base}/program-rules/deal_registration`, manager);
    expect([defaults.status, defaults.body.version, (defaults.body.rules as { defaultProtectionDays: number }).defaultProtectionDays]).toEqual([200, 0, 90]);

    const invalid = await call("PUT", `${base}/program-rules/deal_registration?baseVersion=0`, admin, {
      customFields: [
        { key: "industry", label: "Industry", type: "select", options: ["Retail"] },
        { key: "seats", label: "Seats", type: "number" },
        { key: "region", label: "Region", type: "select" },
      ],
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toEqual([{ field: "customFields.2.options", message: "A select field needs at least one option.", code: "custom" }]);

    const v1 = await call("PUT", `${base}/program-rules/deal_registration?baseVersion=0`, admin, { reviewSlaHours: 24 });
    expect([v1.status, v1.body.version]).toEqual([200, 1]);
    const stale = await call("PUT", `${base}/program-rules/deal_registration?baseVersion=0`, admin, { reviewSlaHours: 12 });
    expect([stale.status, stale.body.code]).toEqual([409, "version_conflict"]);
    expect((await call("PUT", `${base}/program-rules/deal_registration?baseVersion=-1`, admin, {})).body.errors!.map((e) => e.field)).toEqual(["query.baseVersion"]);
    expect((await call("PUT", `${base}/program-rules/deal_registration`, manager, {})).status).toBe(403);
    expect((await call("GET", `${base}/program-rules/deal_registration`, partner)).status).toBe(403);
    expect((await call("GET", `${base}/program-rules/bonus/versions`, admin)).body.errors!.map((e) => e.field)).toEqual(["param.kind"]);

    const versions = await call("GET", `${base}/program-rules/deal_registration/versions`, manager);
    expect((versions.body.items as { version: number; createdBy: { name: string } }[]).map((v) => [v.version, v.createdBy.name])).toEqual([[1, "Vera Admin"]]);
  });
});

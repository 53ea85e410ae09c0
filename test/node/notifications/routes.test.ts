// Notification routes over HTTP (in Node, real contexts): the signed-in
// person's list and marking read, field-named 422s, 401 without a session,
// 403 for an API key, and `/me` carrying the unread count.
import { describe, expect, it } from "vitest";
import { approveDeal } from "../../../worker/deals/approve-deal.ts";
import { registerDeal } from "../../../worker/deals/register-deal.ts";
import { dealNotification } from "../../../worker/notifications/deal-notifications.ts";
import { createApiKey } from "../../../worker/platform/api-keys/api-keys.ts";
import { createDealPortal, dealInput } from "../../support/deals.ts";
import { appHarness } from "../../support/app-harness.ts";
import { createTestPlatform, systemCtx } from "../../support/platform.ts";

const p = await createTestPlatform();
const api = appHarness(p);

async function approvedDeal() {
  const w = await createDealPortal(p);
  const { deal } = await registerDeal({ ctx: await w.at("northRep"), input: dealInput() });
  await approveDeal({ ctx: await w.at("manager"), id: deal.id });
  return { w, deal, base: `/api/t/${w.t.tenant.slug}` };
}

describe("notification routes", () => {
  it("lists the caller's notifications with the unread count, marks them read, and /me follows", async () => {
    const { w, deal, base } = await approvedDeal();
    const me = async () => (await (await api("GET", `${base}/me`, { token: w.tokens.northRep })).json()) as { unreadNotifications: number };
    expect((await me()).unreadNotifications).toBe(1);

    const res = await api("GET", `${base}/notifications?unread=true&limit=10`, { token: w.tokens.northRep });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: { id: string; kind: string; subject: { id: string } }[]; nextCursor: string | null; unreadCount: number };
    expect(page).toMatchObject({ nextCursor: null, unreadCount: 1, items: [{ kind: "deal.approved", subject: { type: "deal", id: deal.id } }] });

    const marked = await api("POST", `${base}/notifications/read`, { token: w.tokens.northRep, body: { ids: [page.items[0]!.id] } });
    expect(marked.status).toBe(200);
    expect(await marked.json()).toEqual({ marked: 1, unreadCount: 0 });
    expect((await me()).unreadNotifications).toBe(0);
    expect(((await (await api("GET", `${base}/notifications?unread=true`, { token: w.tokens.northRep })).json()) as { items: unknown[] }).items).toEqual([]);
    expect(await (await api("POST", `${base}/notifications/read`, { token: w.tokens.northRep, body: { all: true } })).json()).toEqual({ marked: 0, unreadCount: 0 });
  });

  it("names the bad field (422) and the bad cursor (400)", async () => {
    const { w, base } = await approvedDeal();
    const read = (body: unknown) => api("POST", `${base}/notifications/read`, { token: w.tokens.northRep, body });
    const cases: [unknown, string][] = [
      [{}, "ids"],
      [{ ids: [] }, "ids"],
      [{ ids: ["a"], all: true }, "ids"],
      [{ all: false }, "all"],
    ];
    for (const [body, field] of cases) {
      const res = await read(body);
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([field]);
    }
    const limit = await api("GET", `${base}/notifications?limit=1000`, { token: w.tokens.northRep });
    expect(limit.status).toBe(422);
    expect(((await limit.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["query.limit"]);
    const cursor = await api("GET", `${base}/notifications?cursor=bogus`, { token: w.tokens.northRep });
    expect(cursor.status).toBe(400);
    expect(((await cursor.json()) as { code: string }).code).toBe("invalid_cursor");
  });

  it("answers 401 without a session and 403 to an API key, which has no notifications", async () => {
    const { w, base } = await approvedDeal();
    expect((await api("GET", `${base}/notifications`)).status).toBe(401);
    expect((await api("POST", `${base}/notifications/read`, { body: { all: true } })).status).toBe(401);
    const { secret } = await createApiKey({ ctx: await w.at("admin"), input: { name: "CRM", role: "vendor_admin" } });
    expect((await api("GET", `${base}/notifications`, { token: secret })).status).toBe(403);
    const write = await api("POST", `${base}/notifications/read`, { token: secret, body: { all: true } });
    expect(write.status).toBe(403);
    expect(((await write.json()) as { code: string }).code).toBe("forbidden");
  });

  it("never reads one portal's notifications with another's session", async () => {
    const a = await approvedDeal();
    const b = await approvedDeal();
    // A's rep's token against B's portal is no session there.
    expect((await api("GET", `${b.base}/notifications`, { token: a.w.tokens.northRep })).status).toBe(401);
    const own = (await (await api("GET", `${b.base}/notifications`, { token: b.w.tokens.northRep })).json()) as { items: { subject: { id: string } }[] };
    expect(own.items.map((n) => n.subject.id)).toEqual([b.deal.id]);
  });
});

describe("dealNotification", () => {
  it("reaches one named member, but never the actor themself", async () => {
    const { w, deal } = await approvedDeal();
    const manager = await w.at("manager");
    const managerId = manager.actor.kind === "user" ? manager.actor.membership.id : "";
    const run = async (ctx: typeof manager) =>
      (await ctx.db.$client.execute(dealNotification(ctx, "deal.review_assigned", "d.id = ?", [deal.id], { to: { memberId: managerId } }))).rowsAffected;
    expect(await run(manager)).toBe(0);
    expect(await run(await w.at("admin"))).toBe(1);
    expect(await run(systemCtx(p, w.t.tenant))).toBe(1);
    const rs = await manager.db.$client.execute({ sql: "SELECT json_extract(data, '$.actorName') AS actor FROM notifications WHERE recipient_id = ? ORDER BY rowid", args: [managerId] });
    expect(rs.rows.map((r) => r.actor)).toEqual(["Vera Admin", null]);
  });
});

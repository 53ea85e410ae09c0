// In-app notifications against the real libSQL server: who hears of which
// deal change (and that a refused change tells no one), the hourly sweep's
// notifications once each, and the inbox verbs: own-only listing across
// members and portals, keyset pages, the capped unread count, marking read.
import { describe, expect, it } from "vitest";
import { approveDeal } from "../../../worker/deals/approve-deal.ts";
import { commentOnDeal } from "../../../worker/deals/comment-on-deal.ts";
import { decideDealExtension } from "../../../worker/deals/decide-deal-extension.ts";
import { expireDueDeals } from "../../../worker/deals/expire-deals.ts";
import { markDealLost } from "../../../worker/deals/mark-deal-lost.ts";
import { markDealWon } from "../../../worker/deals/mark-deal-won.ts";
import { reassignDeal } from "../../../worker/deals/reassign-deal.ts";
import { registerDeal } from "../../../worker/deals/register-deal.ts";
import { rejectDeal } from "../../../worker/deals/reject-deal.ts";
import { requestDealExtension } from "../../../worker/deals/request-deal-extension.ts";
import { requestDealInfo } from "../../../worker/deals/request-deal-info.ts";
import { resubmitDeal } from "../../../worker/deals/resubmit-deal.ts";
import type { InValue } from "@libsql/client/web";
import { dealNotification } from "../../../worker/notifications/deal-notifications.ts";
import { listNotifications, listNotificationsQuery } from "../../../worker/notifications/list-notifications.ts";
import { markNotificationsRead } from "../../../worker/notifications/mark-notifications-read.ts";
import { createApiKey } from "../../../worker/platform/api-keys/api-keys.ts";
import type { Ctx } from "../../../worker/platform/context.ts";
import { BadRequest, Conflict, Forbidden } from "../../../worker/platform/errors.ts";
import { createDealPortal, dealInput, DAY, HOUR, setDealRules, type DealPortal } from "../../support/deals.ts";
import { createTestPlatform, systemCtx, tenantCtx } from "../../support/platform.ts";

const p = await createTestPlatform();

const list = (ctx: Ctx, query: Record<string, unknown> = {}) => listNotifications({ ctx, query: listNotificationsQuery.parse(query) });

/**
 * Everyone's notifications in a portal, as [recipient name, kind, customer];
 * without the reviewers' "a registration is waiting for you" ones (each
 * registration and reassignment writes one; see the review-queue test) unless asked.
 */
async function allNotifications(w: DealPortal, { queue = false } = {}) {
  const rs = await systemCtx(p, w.t.tenant).db.$client.execute({
    sql: `SELECT m.name, n.kind, json_extract(n.data, '$.customerName') AS customer FROM notifications n JOIN memberships m ON m.id = n.recipient_id
          WHERE ? OR n.kind NOT IN ('deal.submitted', 'deal.resubmitted', 'deal.review_assigned')
          ORDER BY n.created_at, m.name, n.kind`,
    args: [queue ? 1 : 0],
  });
  return rs.rows.map((r) => [String(r.name), String(r.kind), String(r.customer)]);
}

/** A vendor person's inbox without the "waiting for your review" ones every registration writes. */
const withoutQueue = <T extends { kind: string }>(items: T[]) => items.filter((n) => n.kind !== "deal.submitted");

async function rejectsWith<E>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

const other = (customerName: string) => dealInput({ customerName, customerDomain: `${customerName.split(" ")[0]!.toLowerCase()}.example` });

describe("deal changes notify the other side, in the change's batch", () => {
  it("tells the rep of an approval with the facts the sentence needs; a refused move tells no one", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const { deal } = await registerDeal({ ctx: await w.at("northRep", now), input: dealInput() });
    const approved = await approveDeal({ ctx: await w.at("manager", now + 1), id: deal.id, input: { note: "Go for it." } });

    const page = await list(await w.at("northRep"));
    expect(page.unreadCount).toBe(1);
    expect(page.items).toEqual([
      {
        id: expect.any(String),
        kind: "deal.approved",
        subject: { type: "deal", id: deal.id },
        data: { customerName: "Globex Corporation", partnerName: "North Resellers", actorName: "Mia Manager", detail: "Go for it.", date: approved.expiresAt },
        createdAt: now + 1,
        readAt: null,
      },
    ]);
    // Approving again, or rejecting what is approved, is refused and writes nothing.
    await rejectsWith(approveDeal({ ctx: await w.at("manager", now + 2), id: deal.id }), Conflict);
    await rejectsWith(rejectDeal({ ctx: await w.at("admin", now + 3), id: deal.id, input: { reason: "Too late." } }), Conflict);
    expect(await allNotifications(w)).toEqual([["Ned North", "deal.approved", "Globex Corporation"]]);
    // The manager who acted, and the rep's colleague, have nothing.
    expect((await list(await w.at("manager"))).items).toEqual([]);
    expect((await list(await w.at("northRep2"))).items).toEqual([]);
  });

  it("tells the rep of a rejection and of a question, with the vendor's words", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const rep = await w.at("northRep", now);
    const a = await registerDeal({ ctx: rep, input: dealInput() });
    const b = await registerDeal({ ctx: rep, input: other("Initech Systems") });
    await rejectDeal({ ctx: await w.at("manager", now + 1), id: a.deal.id, input: { reason: "Direct account." } });
    await requestDealInfo({ ctx: await w.at("manager", now + 2), id: b.deal.id, input: { message: "Which seats?" } });
    const items = (await list(await w.at("northRep"))).items;
    expect(items.map((n) => [n.kind, n.subject.id, n.data.detail])).toEqual([
      ["deal.info_requested", b.deal.id, "Which seats?"],
      ["deal.rejected", a.deal.id, "Direct account."],
    ]);
  });

  it("brings a partner's comment to the reviewer, or to the vendor admins without an active one; a vendor's to the rep", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const { deal } = await registerDeal({ ctx: await w.at("northRep", now), input: dealInput() });
    // North has no owner, so the deal has no reviewer: the vendor admin hears.
    await commentOnDeal({ ctx: await w.at("northRep", now + 1), id: deal.id, input: { body: "Customer wants a demo in March." } });
    expect(await allNotifications(w)).toEqual([["Vera Admin", "deal.commented", "Globex Corporation"]]);
    const [toAdmin] = (await list(await w.at("admin"))).items;
    expect(toAdmin!.data).toMatchObject({ actorName: "Ned North", detail: "Customer wants a demo in March." });

    // With a reviewer, only the reviewer hears.
    const manager = (await w.at("manager")).actor;
    const managerId = manager.kind === "user" ? manager.membership.id : "";
    await reassignDeal({ ctx: await w.at("admin", now + 2), id: deal.id, input: { reviewerId: managerId } });
    await commentOnDeal({ ctx: await w.at("northAdmin", now + 3), id: deal.id, input: { body: "Any news?" } });
    // The vendor's answer reaches the rep who registered, not the manager who wrote it.
    await commentOnDeal({ ctx: await w.at("manager", now + 4), id: deal.id, input: { body: "x".repeat(300) } });
    expect((await allNotifications(w)).slice(1)).toEqual([
      ["Mia Manager", "deal.commented", "Globex Corporation"],
      ["Ned North", "deal.commented", "Globex Corporation"],
    ]);
    const [toRep] = (await list(await w.at("northRep"))).items;
    expect(toRep!.data).toMatchObject({ actorName: "Mia Manager", detail: "x".repeat(200) });

    // A reviewer who left the portal no longer hears; the vendor admins do again.
    await systemCtx(p, w.t.tenant).db.$client.execute({ sql: "UPDATE memberships SET status = 'disabled' WHERE id = ?", args: [managerId] });
    await commentOnDeal({ ctx: await w.at("northRep", now + 5), id: deal.id, input: { body: "Hello?" } });
    expect((await allNotifications(w)).slice(3)).toEqual([["Vera Admin", "deal.commented", "Globex Corporation"]]);
  });

  it("brings an extension request to the vendor and its decision back to the rep", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    await setDealRules(await w.at("admin", now), { extensions: { maxExtensions: 2, daysEach: 30 } });
    const { deal } = await registerDeal({ ctx: await w.at("northRep", now), input: dealInput() });
    await approveDeal({ ctx: await w.at("manager", now), id: deal.id });
    const first = await requestDealExtension({ ctx: await w.at("northRep", now + 1), id: deal.id, input: { justification: "The board meets next month." } });
    const granted = await decideDealExtension({ ctx: await w.at("manager", now + 2), dealId: deal.id, requestId: first.id, input: { decision: "approve" } });
    const second = await requestDealExtension({ ctx: await w.at("northRep", now + 3), id: deal.id, input: { justification: "Procurement needs two weeks." } });
    await decideDealExtension({ ctx: await w.at("manager", now + 4), dealId: deal.id, requestId: second.id, input: { decision: "deny", reason: "Long enough." } });
    // A decision that is refused (already decided) tells no one.
    await rejectsWith(decideDealExtension({ ctx: await w.at("manager", now + 5), dealId: deal.id, requestId: second.id, input: { decision: "approve" } }), Conflict);

    const toAdmin = withoutQueue((await list(await w.at("admin"))).items);
    expect(toAdmin.map((n) => [n.kind, n.data.detail])).toEqual([
      ["deal.extension_requested", "Procurement needs two weeks."],
      ["deal.extension_requested", "The board meets next month."],
    ]);
    const toRep = (await list(await w.at("northRep"))).items;
    expect(toRep.map((n) => [n.kind, n.data.detail, n.data.date])).toEqual([
      ["deal.extension_denied", "Long enough.", null],
      ["deal.extension_granted", null, granted.deal.expiresAt],
      ["deal.approved", null, expect.any(Number)],
    ]);
  });

  it("tells the other side when a deal is recorded won or lost", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const rep = await w.at("northRep", now);
    const a = await registerDeal({ ctx: rep, input: dealInput() });
    const b = await registerDeal({ ctx: rep, input: other("Initech Systems") });
    await approveDeal({ ctx: await w.at("manager", now), id: a.deal.id });
    await markDealWon({ ctx: await w.at("northRep", now + 1), id: a.deal.id, input: { amount: 1000, currency: "USD", closedOn: new Date(now).toISOString().slice(0, 10) } });
    await markDealLost({ ctx: await w.at("manager", now + 2), id: b.deal.id, input: { reason: "Went with a competitor." } });
    expect(withoutQueue((await list(await w.at("admin"))).items).map((n) => [n.kind, n.data.customerName, n.data.actorName])).toEqual([["deal.won", "Globex Corporation", "Ned North"]]);
    expect((await list(await w.at("northRep"))).items.map((n) => [n.kind, n.data.detail])).toEqual([
      ["deal.lost", "Went with a competitor."],
      ["deal.approved", null],
    ]);
  });
});

describe("the hourly sweep's notifications", () => {
  it("tells the rep of the reminder and the expiry and the vendor of an overdue review, once each however often it runs", async () => {
    const start = Date.now();
    const w = await createDealPortal(p, start);
    const rep = await w.at("northRep", start);
    const protectedDeal = await registerDeal({ ctx: rep, input: dealInput() });
    const approved = await approveDeal({ ctx: await w.at("manager", start), id: protectedDeal.deal.id });
    await registerDeal({ ctx: rep, input: other("Waiting Co") });
    const sweep = (at: number) => expireDueDeals({ ctx: systemCtx(p, w.t.tenant, at) });

    for (const at of [start + 49 * HOUR, start + 50 * HOUR, start + 84 * DAY, start + 84 * DAY + HOUR, start + 90 * DAY, start + 91 * DAY]) await sweep(at);
    expect(await allNotifications(w)).toEqual([
      ["Ned North", "deal.approved", "Globex Corporation"],
      ["Vera Admin", "deal.review_overdue", "Waiting Co"],
      ["Ned North", "deal.expiring", "Globex Corporation"],
      ["Ned North", "deal.expired", "Globex Corporation"],
    ]);
    const toRep = (await list(await w.at("northRep"))).items;
    expect(toRep.slice(0, 2).map((n) => [n.kind, n.data.date, n.data.actorName, n.createdAt])).toEqual([
      ["deal.expired", approved.expiresAt, null, start + 90 * DAY],
      ["deal.expiring", approved.expiresAt, null, start + 84 * DAY],
    ]);
  });

  it("tells the rep of an approval on a breached review deadline, and never writes into another portal", async () => {
    const start = Date.now();
    const w = await createDealPortal(p, start);
    const elsewhere = await createDealPortal(p, start);
    await setDealRules(await w.at("admin", start), { autoApproveOnSlaBreach: true, reviewSlaHours: 24 });
    const { deal } = await registerDeal({ ctx: await w.at("northRep", start), input: dealInput() });
    await registerDeal({ ctx: await elsewhere.at("northRep", start), input: dealInput() });
    const at = start + 25 * HOUR;
    await expireDueDeals({ ctx: systemCtx(p, w.t.tenant, at) });
    await expireDueDeals({ ctx: systemCtx(p, w.t.tenant, at + HOUR) });
    const items = (await list(await w.at("northRep"))).items;
    expect(items.map((n) => [n.kind, n.subject.id, n.data.date])).toEqual([["deal.approved", deal.id, at + 90 * DAY]]);
    expect(await allNotifications(elsewhere)).toEqual([]);
  });
});

describe("the inbox", () => {
  /** `n` comments from the manager on one of north's deals, at now, now + 1, ...; the rep hears of each. */
  async function commented(n: number, now = Date.now()) {
    const w = await createDealPortal(p, now);
    const { deal } = await registerDeal({ ctx: await w.at("northRep", now), input: dealInput() });
    for (let i = 0; i < n; i++) await commentOnDeal({ ctx: await w.at("manager", now + i), id: deal.id, input: { body: `Note ${i}` } });
    return { w, deal };
  }

  it("shows each person only their own: not a colleague's, not another portal's; marking those ids changes nothing", async () => {
    const { w } = await commented(2);
    const elsewhere = await commented(1);
    const mine = await list(await w.at("northRep"));
    expect(mine.items.map((n) => n.data.detail)).toEqual(["Note 1", "Note 0"]);
    for (const who of ["northRep2", "northAdmin", "southRep"] as const) expect((await list(await w.at(who))).items).toEqual([]);
    // The vendor admin only heard that the registration was waiting for review.
    expect((await list(await w.at("admin"))).items.map((n) => n.kind)).toEqual(["deal.submitted"]);
    const theirs = await list(await elsewhere.w.at("northRep"));
    expect(theirs.items.map((n) => n.data.detail)).toEqual(["Note 0"]);

    // A colleague and another portal's rep send the rep's ids: nothing is marked.
    const ids = mine.items.map((n) => n.id);
    expect(await markNotificationsRead({ ctx: await w.at("northRep2"), input: { ids } })).toEqual({ marked: 0, unreadCount: 0 });
    expect(await markNotificationsRead({ ctx: await elsewhere.w.at("northRep"), input: { ids } })).toEqual({ marked: 0, unreadCount: 1 });
    expect(await markNotificationsRead({ ctx: await w.at("northRep2"), input: { all: true } })).toEqual({ marked: 0, unreadCount: 0 });
    expect((await list(await w.at("northRep"))).unreadCount).toBe(2);
    expect((await list(await elsewhere.w.at("northRep"))).unreadCount).toBe(1);
  });

  it("pages newest first without repeats, ties broken by id, and refuses a made-up cursor", async () => {
    const now = Date.now();
    const { w, deal } = await commented(4, now);
    // Two more at the same moment as the newest.
    for (const body of ["Tie A", "Tie B"]) await commentOnDeal({ ctx: await w.at("manager", now + 3), id: deal.id, input: { body } });
    const rep = await w.at("northRep");
    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await list(rep, { limit: 2, cursor });
      sizes.push(page.items.length);
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(sizes).toEqual([2, 2, 2]);
    const all = (await list(rep, { limit: 100 })).items;
    expect(seen).toEqual(all.map((n) => n.id));
    expect(new Set(seen).size).toBe(6);
    expect(all.map((n) => n.createdAt)).toEqual([now + 3, now + 3, now + 3, now + 2, now + 1, now]);
    await rejectsWith(list(rep, { cursor: "not-a-cursor" }), BadRequest);
  });

  it("marks one and then all read, filters the unread ones and counts what is left", async () => {
    const { w } = await commented(3);
    const rep = await w.at("northRep");
    const [newest, middle] = (await list(rep)).items;
    const at = Date.now() + 1000;
    expect(await markNotificationsRead({ ctx: await w.at("northRep", at), input: { ids: [middle!.id, middle!.id] } })).toEqual({ marked: 1, unreadCount: 2 });
    // Marking it again marks nothing.
    expect(await markNotificationsRead({ ctx: await w.at("northRep", at), input: { ids: [middle!.id] } })).toEqual({ marked: 0, unreadCount: 2 });
    const after = await list(rep);
    expect(after.items.map((n) => [n.id, n.readAt])).toEqual([
      [newest!.id, null],
      [middle!.id, at],
      [expect.any(String), null],
    ]);
    const unread = await list(rep, { unread: "true" });
    expect(unread.items.map((n) => n.data.detail)).toEqual(["Note 2", "Note 0"]);
    expect(unread.unreadCount).toBe(2);
    expect(await markNotificationsRead({ ctx: rep, input: { all: true } })).toEqual({ marked: 2, unreadCount: 0 });
    expect((await list(rep, { unread: "true" })).items).toEqual([]);
    expect((await list(rep)).items).toHaveLength(3);
  });

  it("counts unread up to 100, and the session read brings the count along in its one round trip", async () => {
    const { w, deal } = await commented(1);
    const sys = systemCtx(p, w.t.tenant);
    const repId = (await sys.db.$client.execute("SELECT id FROM memberships WHERE name = 'Ned North'")).rows[0]!.id as string;
    await sys.db.$client.execute({
      sql: `WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < 119)
            INSERT INTO notifications (id, recipient_id, kind, subject_type, subject_id, data, created_at)
            SELECT 'seed-' || k, ?, 'deal.commented', 'deal', ?, '{}', k FROM i`,
      args: [repId, deal.id],
    });
    const rep = await w.at("northRep");
    expect(rep.trips.count).toBe(1);
    expect(rep.actor.kind === "user" && rep.actor.membership.unreadNotifications).toBe(100);
    expect((await list(rep)).unreadCount).toBe(100);
    await markNotificationsRead({ ctx: rep, input: { ids: Array.from({ length: 30 }, (_, i) => `seed-${i + 1}`) } });
    const again = await w.at("northRep");
    expect(again.actor.kind === "user" && again.actor.membership.unreadNotifications).toBe(90);
    expect((await w.at("northRep2")).actor).toMatchObject({ membership: { unreadNotifications: 0 } });
  });

  it("is for people: an API key and the system have no notifications", async () => {
    const w = await createDealPortal(p);
    const { secret } = await createApiKey({ ctx: await w.at("admin"), input: { name: "CRM", role: "partner_user", partnerOrgId: w.north } });
    const keyCtx = await tenantCtx(p, w.t.tenant, secret);
    expect(keyCtx.actor.kind).toBe("apiKey");
    await rejectsWith(list(keyCtx), Forbidden);
    await rejectsWith(markNotificationsRead({ ctx: keyCtx, input: { all: true } }), Forbidden);
    await rejectsWith(list(systemCtx(p, w.t.tenant)), Forbidden);
  });
});

describe("the review queue's notifications", () => {
  it("tells the reviewers of each registration waiting for them: submitted, a submitted draft, a resubmission, a reassignment", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const rep = await w.at("northRep", now);
    const manager = await w.at("manager", now);
    const managerId = (manager.actor as { membership: { id: string } }).membership.id;

    // No reviewer yet: the vendor admins hear. A draft tells no one until it is submitted, once.
    const { deal } = await registerDeal({ ctx: rep, input: dealInput() });
    const draft = await registerDeal({ ctx: rep, input: dealInput({ customerName: "Initech Systems", customerDomain: "initech.example", submit: false }) });
    expect(await allNotifications(w, { queue: true })).toEqual([["Vera Admin", "deal.submitted", "Globex Corporation"]]);
    await registerDeal({ ctx: rep, input: dealInput({ customerName: "Initech Systems", customerDomain: "initech.example" }), continuing: { id: draft.deal.id, from: "draft" } });
    await rejectsWith(
      registerDeal({ ctx: rep, input: dealInput({ customerName: "Initech Systems", customerDomain: "initech.example" }), continuing: { id: draft.deal.id, from: "draft" } }),
      Conflict,
    );

    // Handed to the manager, who then hears of the partner's answers: plain, and with the registration edited.
    await reassignDeal({ ctx: await w.at("admin", now + 1), id: deal.id, input: { reviewerId: managerId } });
    await requestDealInfo({ ctx: await w.at("manager", now + 2), id: deal.id, input: { message: "Which site?" } });
    await resubmitDeal({ ctx: await w.at("northRep", now + 3), id: deal.id, input: { message: "Frankfurt." } });
    await requestDealInfo({ ctx: await w.at("manager", now + 4), id: deal.id, input: { message: "Which company exactly?" } });
    const { submit: _submit, ...edited } = dealInput({ customerName: "Globex Holdings" });
    await resubmitDeal({ ctx: await w.at("northRep", now + 5), id: deal.id, input: { message: "The holding.", deal: edited } });

    const queue = (await allNotifications(w, { queue: true })).filter(([, kind]) => kind !== "deal.info_requested");
    expect(queue).toEqual([
      ["Vera Admin", "deal.submitted", "Globex Corporation"],
      ["Vera Admin", "deal.submitted", "Initech Systems"],
      ["Mia Manager", "deal.review_assigned", "Globex Corporation"],
      ["Mia Manager", "deal.resubmitted", "Globex Corporation"],
      ["Mia Manager", "deal.resubmitted", "Globex Holdings"],
    ]);
    const inbox = (await list(await w.at("manager"))).items;
    expect(inbox.map((n) => [n.kind, n.data.detail, n.data.actorName])).toEqual([
      ["deal.resubmitted", "The holding.", "Ned North"],
      ["deal.resubmitted", "Frankfurt.", "Ned North"],
      ["deal.review_assigned", null, "Vera Admin"],
    ]);
  });
});

describe("who reviews, as the database finds them", () => {
  it("looks up the reviewer by id and the vendor admins by role, never reading every member", async () => {
    const w = await createDealPortal(p);
    const stmt = dealNotification(await w.at("northRep"), "deal.submitted", "d.id = ?", ["some-deal"], { to: "reviewers" }) as { sql: string; args: InValue[] };
    const ctx = systemCtx(p, w.t.tenant);
    const rs = await ctx.db.$client.execute({ sql: `EXPLAIN QUERY PLAN ${stmt.sql}`, args: stmt.args });
    const plan = rs.rows.map((r) => String(r.detail)).join("\n");
    expect(plan).toContain("USING INDEX memberships_role_idx (role=? AND status=?)");
    expect(plan).not.toMatch(/SCAN (m|a|memberships)\b/);
  });
});

describe("an overdue review", () => {
  it("is escalated to the reviewer and every vendor admin, by mail and in the portal, once", async () => {
    const start = Date.now();
    const w = await createDealPortal(p, start);
    const manager = await w.at("manager", start);
    const { deal } = await registerDeal({ ctx: await w.at("northRep", start), input: other("Waiting Co") });
    await reassignDeal({ ctx: await w.at("admin", start), id: deal.id, input: { reviewerId: (manager.actor as { membership: { id: string } }).membership.id } });
    for (const at of [start + 49 * HOUR, start + 50 * HOUR]) await expireDueDeals({ ctx: systemCtx(p, w.t.tenant, at) });

    const overdue = (await allNotifications(w)).filter(([, kind]) => kind === "deal.review_overdue");
    expect(overdue).toEqual([
      ["Mia Manager", "deal.review_overdue", "Waiting Co"],
      ["Vera Admin", "deal.review_overdue", "Waiting Co"],
    ]);
    const mail = await systemCtx(p, w.t.tenant).db.$client.execute(
      "SELECT json_extract(payload, '$.to') AS recipient FROM outbox WHERE json_extract(payload, '$.template') = 'deal-review-overdue' ORDER BY recipient",
    );
    expect(mail.rows.map((r) => String(r.recipient)).sort()).toEqual(
      [w.t.admin.email, String((await manager.db.$client.execute("SELECT email FROM memberships WHERE name = 'Mia Manager'")).rows[0]!.email)].sort(),
    );
  });
});

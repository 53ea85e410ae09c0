// Deal registration verbs against the real libSQL server: registration with
// validation, idempotency and conflict detection; the conflict policies and
// auto-approval; review transitions and their refusals; who sees what; the
// hourly sweep under a moving clock.
import { describe, expect, it } from "vitest";
import { approveDeal } from "../../../worker/deals/approve-deal.ts";
import { bulkReviewDeals } from "../../../worker/deals/bulk-review-deals.ts";
import { commentOnDeal } from "../../../worker/deals/comment-on-deal.ts";
import { reassignDeal } from "../../../worker/deals/reassign-deal.ts";
import { decideDealExtension, decideDealExtensionInput } from "../../../worker/deals/decide-deal-extension.ts";
import { requestDealExtension } from "../../../worker/deals/request-deal-extension.ts";
import { expireDueDeals, EXPIRY_REMINDER_DAYS } from "../../../worker/deals/expire-deals.ts";
import { getDeal } from "../../../worker/deals/get-deal.ts";
import { listDeals, listDealsQuery } from "../../../worker/deals/list-deals.ts";
import { markDealLost } from "../../../worker/deals/mark-deal-lost.ts";
import { markDealWon } from "../../../worker/deals/mark-deal-won.ts";
import { registerDeal } from "../../../worker/deals/register-deal.ts";
import { rejectDeal } from "../../../worker/deals/reject-deal.ts";
import { requestDealInfo } from "../../../worker/deals/request-deal-info.ts";
import { resubmitDeal } from "../../../worker/deals/resubmit-deal.ts";
import type { Ctx } from "../../../worker/platform/context.ts";
import { renderEmail } from "../../../worker/platform/email/templates.ts";
import { Conflict, Forbidden, NotFound, PreconditionFailed, ValidationFailed } from "../../../worker/platform/errors.ts";
import { createDealPortal, dealInput, DAY, HOUR, setDealRules } from "../../support/deals.ts";
import { createTestPlatform, systemCtx } from "../../support/platform.ts";
import { addTiers, benefits, tierInput } from "../../support/program.ts";

const p = await createTestPlatform();

async function count(ctx: Ctx, sql: string, args: (string | number)[] = []): Promise<number> {
  const rs = await ctx.db.$client.execute({ sql: `SELECT count(*) AS n FROM (${sql})`, args });
  return Number(rs.rows[0]!.n);
}

async function rejectsWith<E>(promise: Promise<unknown>, type: new (...args: never[]) => E, code?: string): Promise<E> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  if (code) expect((error as { code: string }).code).toBe(code);
  return error as E;
}

describe("registerDeal", () => {
  it("submits a registration for review with the vendor's deadline, a timeline, audit and a durable domain event", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const rep = await w.at("northRep", now);
    const { deal, replayed } = await registerDeal({ ctx: rep, input: dealInput({ expectedCloseDate: new Date(now + 30 * DAY).toISOString().slice(0, 10) }) });
    expect(replayed).toBe(false);
    expect(deal).toMatchObject({
      status: "submitted",
      partnerOrg: { id: w.north, name: "North Resellers" },
      submittedBy: { name: "Ned North" },
      customerName: "Globex Corporation",
      customerDomain: "globex.com",
      valueMinor: 4_800_000,
      currency: "USD",
      submittedAt: now,
      reviewDueAt: now + 48 * HOUR,
      conflict: { checkedAt: now, matches: [] },
    });
    const detail = await getDeal({ ctx: rep, id: deal.id });
    expect(detail.timeline.map((e) => [e.kind, e.toStatus])).toEqual([["submitted", "submitted"]]);
    const sys = systemCtx(p, w.t.tenant);
    expect(await count(sys, "SELECT 1 FROM audit_log WHERE action = 'deal.submitted' AND target_id = ?", [deal.id])).toBe(1);
    expect(await count(sys, "SELECT 1 FROM domain_events WHERE kind = 'deal.registered' AND subject_id = ? AND partner_org_id = ?", [deal.id, w.north])).toBe(1);
  });

  it("names every bad field and writes nothing: bad domain, past close date, custom fields missing, mistyped or unknown", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    await setDealRules(await w.at("admin", now), {
      customFields: [
        { key: "budget_confirmed", label: "Budget confirmed", type: "select", options: ["yes", "no"], required: true },
        { key: "seats", label: "Seats", type: "number", required: true },
        { key: "go_live", label: "Go-live", type: "date" },
      ],
    });
    const rep = await w.at("northRep", now);
    const error = await rejectsWith(
      registerDeal({
        ctx: rep,
        input: dealInput({
          customerDomain: "not a domain",
          expectedCloseDate: "2020-01-01",
          customFields: { budget_confirmed: "maybe", go_live: "soon", colour: "red" },
        }),
      }),
      ValidationFailed,
    );
    expect(error.fields!.map((f) => f.field).sort()).toEqual([
      "customFields.budget_confirmed",
      "customFields.colour",
      "customFields.go_live",
      "customFields.seats",
      "customerDomain",
      "expectedCloseDate",
    ]);
    expect(await count(rep, "SELECT 1 FROM deals")).toBe(0);
    expect(await count(rep, "SELECT 1 FROM deal_events")).toBe(0);

    // A draft may leave required fields for later, but not break their types.
    const { deal } = await registerDeal({ ctx: rep, input: dealInput({ submit: false, customFields: { seats: "40" } }) });
    expect(deal).toMatchObject({ status: "draft", submittedAt: null, reviewDueAt: null, conflict: null, customFields: { seats: 40 } });
  });

  it("is idempotent per person and key: a retried submission returns the first registration", async () => {
    const w = await createDealPortal(p);
    const rep = await w.at("northRep");
    const first = await registerDeal({ ctx: rep, input: dealInput(), idempotencyKey: "click-1234" });
    const again = await registerDeal({ ctx: rep, input: dealInput({ value: 1 }), idempotencyKey: "click-1234" });
    expect(again).toEqual({ deal: first.deal, replayed: true });
    // Racing double-clicks: one registration.
    const racing = await Promise.all([1, 2, 3].map(() => registerDeal({ ctx: rep, input: dealInput(), idempotencyKey: "click-5678" })));
    expect(new Set(racing.map((r) => r.deal.id)).size).toBe(1);
    expect(await count(rep, "SELECT 1 FROM deals")).toBe(2);
    // The same key from a colleague is a registration of their own.
    const colleague = await registerDeal({ ctx: await w.at("northRep2"), input: dealInput(), idempotencyKey: "click-1234" });
    expect(colleague.replayed).toBe(false);
  });

  it("refuses partners whose organization is not working, and vendor staff", async () => {
    const w = await createDealPortal(p);
    await rejectsWith(registerDeal({ ctx: await w.at("manager"), input: dealInput() }), Forbidden);
    // A suspended organization's people are signed out (their sessions no longer act), so nothing registers.
    await systemCtx(p, w.t.tenant).db.$client.execute({ sql: "UPDATE partner_orgs SET status = 'suspended' WHERE id = ?", args: [w.south] });
    await expect(registerDeal({ ctx: await w.at("southRep"), input: dealInput() })).rejects.toBeInstanceOf(Forbidden);
    expect(await count(await w.at("admin"), "SELECT 1 FROM deals")).toBe(0);
  });
});

describe("conflict detection", () => {
  it("explains a conflict to the second partner without naming the first, and shows the vendor both sides", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const a = await registerDeal({ ctx: await w.at("northRep", now), input: dealInput() });
    await approveDeal({ ctx: await w.at("manager", now), id: a.deal.id });

    // Same customer by domain (a subdomain and the contact's address), name written differently, one product shared.
    const b = await registerDeal({
      ctx: await w.at("southRep", now),
      input: dealInput({ customerName: "GLOBEX Corp.", customerDomain: "shop.globex.com", products: ["core switch x"] }),
    });
    expect(b.deal.conflict!.matches).toHaveLength(1);
    const seen = b.deal.conflict!.matches[0]!;
    expect(seen).toEqual({
      sameOrganization: false,
      reasons: ["domain", "name", "products"],
      status: "approved",
      protectedUntil: now + 90 * DAY,
      nameScore: 1,
      sharedProducts: ["core switch x"],
    });
    expect(JSON.stringify(b.deal)).not.toContain("North Resellers");
    expect(JSON.stringify(b.deal)).not.toContain(a.deal.id);

    const vendorView = await getDeal({ ctx: await w.at("manager", now), id: b.deal.id });
    expect(vendorView.deal.conflict!.matches[0]).toMatchObject({ dealId: a.deal.id, partnerOrgId: w.north, partnerOrgName: "North Resellers" });

    // A fuzzy name match without any domain, and a different company that shares a word: only the first conflicts.
    const c = await registerDeal({ ctx: await w.at("southRep", now), input: dealInput({ customerName: "Globex Corporation Ltd", customerDomain: undefined, contactEmail: "buyer@gmail.com" }) });
    expect(c.deal.conflict!.matches.map((m) => m.reasons)).toContainEqual(["name", "products"]);
    const d = await registerDeal({ ctx: await w.at("southRep", now), input: dealInput({ customerName: "Initech", customerDomain: "initech.com", contactEmail: "bill@initech.com" }) });
    expect(d.deal.conflict!.matches).toEqual([]);
  });

  it("blocks duplicates outright under block_duplicates, writing nothing", async () => {
    const w = await createDealPortal(p);
    await setDealRules(await w.at("admin"), { conflictPolicy: "block_duplicates" });
    await registerDeal({ ctx: await w.at("northRep"), input: dealInput() });
    const error = await rejectsWith(registerDeal({ ctx: await w.at("southRep"), input: dealInput() }), Conflict, "duplicate_registration");
    expect(error.message).toContain("Another partner has already registered this customer's domain");
    expect(await count(await w.at("admin"), "SELECT 1 FROM deals")).toBe(1);
    // The partner's own organization registering again is not a duplicate of another partner.
    await registerDeal({ ctx: await w.at("northAdmin"), input: dealInput() });
  });

  it("under first_approved_wins refuses to approve a registration while another partner's is protected", async () => {
    const w = await createDealPortal(p);
    await setDealRules(await w.at("admin"), { conflictPolicy: "first_approved_wins" });
    const a = await registerDeal({ ctx: await w.at("northRep"), input: dealInput() });
    const b = await registerDeal({ ctx: await w.at("southRep"), input: dealInput() });
    const manager = await w.at("manager");
    await approveDeal({ ctx: manager, id: a.deal.id });
    await rejectsWith(approveDeal({ ctx: manager, id: b.deal.id }), PreconditionFailed, "conflict_protected");
    expect((await getDeal({ ctx: manager, id: b.deal.id })).deal.status).toBe("submitted");
  });
});

describe("auto-approval", () => {
  it("approves at once when every condition holds, with the tier's protection days, and queues the rest", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const admin = await w.at("admin", now);
    const [gold] = await addTiers(p, w.t, [tierInput({ name: "Gold", rank: 30, benefits: benefits({ dealProtectionDays: 120 }) })], now);
    await systemCtx(p, w.t.tenant).db.$client.execute({ sql: "UPDATE partner_orgs SET tier_id = ? WHERE id = ?", args: [gold!.id, w.north] });
    await setDealRules(admin, { autoApprove: { enabled: true, minTierRank: 20, maxValueMinor: 10_000_000, requireNoConflict: true } });

    const small = await registerDeal({ ctx: await w.at("northRep", now), input: dealInput() });
    expect(small.deal).toMatchObject({ status: "approved", approvedAt: now, expiresAt: now + 120 * DAY });
    expect((await getDeal({ ctx: admin, id: small.deal.id })).timeline.map((e) => e.kind)).toEqual(["submitted", "approved"]);

    const big = await registerDeal({ ctx: await w.at("northRep", now), input: dealInput({ customerName: "Big Co", customerDomain: "big.example", contactEmail: "a@big.example", value: 250_000 }) });
    expect(big.deal.status).toBe("submitted");
    const untiered = await registerDeal({ ctx: await w.at("southRep", now), input: dealInput({ customerName: "Small Co", customerDomain: "small.example", contactEmail: "a@small.example" }) });
    expect(untiered.deal.status).toBe("submitted");
    const conflicting = await registerDeal({ ctx: await w.at("northAdmin", now), input: dealInput({ customerName: "Small Co", customerDomain: "small.example" }) });
    expect(conflicting.deal.status).toBe("submitted");
  });
});

describe("review transitions", () => {
  it("approves, rejects, asks for information and takes a resubmission, each on the timeline", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const manager = await w.at("manager", now);
    const rep = await w.at("northRep", now);
    const one = await registerDeal({ ctx: rep, input: dealInput() });
    const asked = await requestDealInfo({ ctx: manager, id: one.deal.id, input: { message: "Which data centre?" } });
    expect(asked).toMatchObject({ status: "needs_info", decisionReason: "Which data centre?", reviewDueAt: null });
    const later = now + 5 * HOUR;
    const back = await resubmitDeal({ ctx: await w.at("northRep", later), id: one.deal.id, input: { message: "Frankfurt", notes: "Frankfurt DC, 2 racks" } });
    expect(back).toMatchObject({ status: "submitted", reviewDueAt: later + 48 * HOUR, notes: "Frankfurt DC, 2 racks" });
    const approved = await approveDeal({ ctx: await w.at("manager", later), id: one.deal.id });
    expect(approved).toMatchObject({ status: "approved", approvedAt: later, expiresAt: later + 90 * DAY });
    const timeline = (await getDeal({ ctx: rep, id: one.deal.id })).timeline;
    expect(timeline.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ["submitted", null, "submitted"],
      ["info_requested", "submitted", "needs_info"],
      ["resubmitted", "needs_info", "submitted"],
      ["approved", "submitted", "approved"],
    ]);
    expect(timeline[1]!.actor).toEqual({ kind: "user", name: "Mia Manager" });

    const two = await registerDeal({ ctx: rep, input: dealInput({ customerName: "Other Co", customerDomain: "other.example" }) });
    expect(await rejectDeal({ ctx: manager, id: two.deal.id, input: { reason: "Existing direct customer." } })).toMatchObject({
      status: "rejected",
      decisionReason: "Existing direct customer.",
    });
  });

  it("refuses illegal transitions with a clear conflict and changes nothing", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const rep = await w.at("northRep", now);
    const manager = await w.at("manager", now + 1000);
    const { deal } = await registerDeal({ ctx: rep, input: dealInput() });
    await rejectDeal({ ctx: manager, id: deal.id, input: { reason: "No." } });
    const error = await rejectsWith(approveDeal({ ctx: manager, id: deal.id }), Conflict, "illegal_transition");
    expect(error.message).toBe("This registration is rejected, so it cannot be marked approved now.");
    await rejectsWith(markDealWon({ ctx: rep, id: deal.id, input: { amount: 100, currency: "USD", closedOn: "2026-01-01" } }), Conflict, "illegal_transition");
    await rejectsWith(resubmitDeal({ ctx: rep, id: deal.id, input: { message: "Please" } }), Conflict, "illegal_transition");
    const after = await getDeal({ ctx: manager, id: deal.id });
    expect(after.deal.status).toBe("rejected");
    expect(after.timeline.map((e) => e.kind)).toEqual(["submitted", "rejected"]);
    expect(await count(manager, "SELECT 1 FROM audit_log WHERE target_id = ?", [deal.id])).toBe(2);
  });

  it("records won revenue and lost reasons as durable events", async () => {
    const now = Date.now();
    const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);
    const w = await createDealPortal(p, now);
    const rep = await w.at("northRep", now);
    const { deal } = await registerDeal({ ctx: rep, input: dealInput() });
    await approveDeal({ ctx: await w.at("manager", now), id: deal.id });
    await rejectsWith(markDealWon({ ctx: rep, id: deal.id, input: { amount: 50_000, currency: "USD", closedOn: day(2) } }), ValidationFailed);
    const won = await markDealWon({ ctx: rep, id: deal.id, input: { amount: 51_250.5, currency: "USD", closedOn: day(-1) } });
    expect(won).toMatchObject({ status: "won", wonAmountMinor: 5_125_050, closedAt: Date.parse(`${day(-1)}T00:00:00Z`) });
    const events = await systemCtx(p, w.t.tenant).db.$client.execute({ sql: "SELECT kind, partner_org_id, data FROM domain_events WHERE subject_id = ? ORDER BY at, kind", args: [deal.id] });
    expect(events.rows.map((r) => r.kind)).toEqual(["deal.approved", "deal.registered", "deal.won"]);
    expect(JSON.parse(String(events.rows[2]!.data))).toMatchObject({ amountMinor: 5_125_050, currency: "USD" });
    expect(events.rows.every((r) => r.partner_org_id === w.north)).toBe(true);

    const other = await registerDeal({ ctx: rep, input: dealInput({ customerName: "Lost Co", customerDomain: "lost.example" }) });
    expect(await markDealLost({ ctx: rep, id: other.deal.id, input: { reason: "Went with a competitor." } })).toMatchObject({ status: "lost", lostReason: "Went with a competitor." });
  });
});

describe("who sees which deal", () => {
  it("shows a rep their own deals, a partner admin the organization's, vendor staff all; everything else is not found", async () => {
    const w = await createDealPortal(p);
    const other = await createDealPortal(p);
    const mine = await registerDeal({ ctx: await w.at("northRep"), input: dealInput() });
    const colleague = await registerDeal({ ctx: await w.at("northRep2"), input: dealInput({ customerName: "Colleague Co", customerDomain: "colleague.example" }) });
    const south = await registerDeal({ ctx: await w.at("southRep"), input: dealInput({ customerName: "South Co", customerDomain: "south.example" }) });
    const elsewhere = await registerDeal({ ctx: await other.at("northRep"), input: dealInput() });

    const ids = async (who: Parameters<typeof w.at>[0]) =>
      (await listDeals({ ctx: await w.at(who), query: listDealsQuery.parse({}) })).items.map((d) => d.id).sort();
    expect(await ids("northRep")).toEqual([mine.deal.id]);
    expect(await ids("northAdmin")).toEqual([mine.deal.id, colleague.deal.id].sort());
    expect(await ids("manager")).toEqual([mine.deal.id, colleague.deal.id, south.deal.id].sort());

    const rep = await w.at("northRep");
    await rejectsWith(getDeal({ ctx: rep, id: colleague.deal.id }), NotFound);
    await rejectsWith(getDeal({ ctx: await w.at("northAdmin"), id: south.deal.id }), NotFound);
    await rejectsWith(getDeal({ ctx: await w.at("manager"), id: elsewhere.deal.id }), NotFound);
    // Moving another's deal is not found either, and partners cannot review.
    await rejectsWith(markDealLost({ ctx: rep, id: south.deal.id, input: { reason: "x" } }), NotFound);
    await rejectsWith(approveDeal({ ctx: await w.at("northAdmin"), id: mine.deal.id }), Forbidden);
    await rejectsWith(approveDeal({ ctx: await w.at("manager"), id: elsewhere.deal.id }), NotFound);
  });

  it("lists the review queue by urgency, searches by customer prefix and pages without repeats", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const names = ["Alpha Dynamics", "Beta Foods", "Gamma Rays", "Delta Air", "Epsilon Labs"];
    for (const [i, name] of names.entries()) {
      await registerDeal({ ctx: await w.at("northRep", now - i * HOUR), input: dealInput({ customerName: name, customerDomain: `${name.split(" ")[0]!.toLowerCase()}.example` }) });
    }
    const manager = await w.at("manager", now);
    const queue = await listDeals({ ctx: manager, query: listDealsQuery.parse({ status: "submitted", sort: "review_due", limit: 2 }) });
    expect(queue.items.map((d) => d.customerName)).toEqual(["Epsilon Labs", "Delta Air"]);
    const page2 = await listDeals({ ctx: manager, query: listDealsQuery.parse({ status: "submitted", sort: "review_due", limit: 2, cursor: queue.nextCursor }) });
    const page3 = await listDeals({ ctx: manager, query: listDealsQuery.parse({ status: "submitted", sort: "review_due", limit: 2, cursor: page2.nextCursor }) });
    expect([...page2.items, ...page3.items].map((d) => d.customerName)).toEqual(["Gamma Rays", "Beta Foods", "Alpha Dynamics"]);
    expect(page3.nextCursor).toBeNull();
    expect((await listDeals({ ctx: manager, query: listDealsQuery.parse({ q: "gam" }) })).items.map((d) => d.customerName)).toEqual(["Gamma Rays"]);
    expect((await listDeals({ ctx: manager, query: listDealsQuery.parse({ q: "beta.exa" }) })).items.map((d) => d.customerName)).toEqual(["Beta Foods"]);
    await rejectsWith(listDeals({ ctx: manager, query: listDealsQuery.parse({ sort: "expires", cursor: queue.nextCursor }) }), Error);
  });
});

describe("expireDueDeals (hourly sweep)", () => {
  it("reminds a week ahead, expires at the end of the window, escalates overdue reviews; a second run changes nothing", async () => {
    const start = Date.now();
    const w = await createDealPortal(p, start);
    const rep = await w.at("northRep", start);
    const protectedDeal = await registerDeal({ ctx: rep, input: dealInput() });
    await approveDeal({ ctx: await w.at("manager", start), id: protectedDeal.deal.id });
    const waiting = await registerDeal({ ctx: rep, input: dealInput({ customerName: "Waiting Co", customerDomain: "waiting.example" }) });
    const sweep = async (at: number) => expireDueDeals({ ctx: systemCtx(p, w.t.tenant, at) });

    expect(await sweep(start + HOUR)).toEqual({ expired: 0, reminded: 0, escalated: 0, autoApproved: 0 });
    // Past the 48-hour review deadline: escalated once.
    expect(await sweep(start + 49 * HOUR)).toEqual({ expired: 0, reminded: 0, escalated: 1, autoApproved: 0 });
    expect(await sweep(start + 50 * HOUR)).toEqual({ expired: 0, reminded: 0, escalated: 0, autoApproved: 0 });
    // A week before the 90-day window ends: one reminder.
    const remindAt = start + (90 - EXPIRY_REMINDER_DAYS) * DAY + HOUR;
    expect(await sweep(remindAt)).toEqual({ expired: 0, reminded: 1, escalated: 0, autoApproved: 0 });
    expect(await sweep(remindAt + HOUR)).toEqual({ expired: 0, reminded: 0, escalated: 0, autoApproved: 0 });
    // The window ends: expired, once.
    expect(await sweep(start + 90 * DAY)).toEqual({ expired: 1, reminded: 0, escalated: 0, autoApproved: 0 });
    expect(await sweep(start + 90 * DAY + HOUR)).toEqual({ expired: 0, reminded: 0, escalated: 0, autoApproved: 0 });

    const detail = await getDeal({ ctx: rep, id: protectedDeal.deal.id });
    expect(detail.deal.status).toBe("expired");
    expect(detail.timeline.map((e) => [e.kind, e.toStatus])).toEqual([
      ["submitted", "submitted"],
      ["approved", "approved"],
      ["expiry_reminder", null],
      ["expired", "expired"],
    ]);
    expect(detail.timeline.at(-1)!.actor).toEqual({ kind: "system", name: null });
    expect((await getDeal({ ctx: rep, id: waiting.deal.id })).timeline.map((e) => e.kind)).toEqual(["submitted", "review_sla_breached"]);
    const sys = systemCtx(p, w.t.tenant);
    expect(await count(sys, "SELECT 1 FROM domain_events WHERE kind = 'deal.expired' AND subject_id = ?", [protectedDeal.deal.id])).toBe(1);
  });

  it("approves overdue registrations where the rules say so, and never touches another portal", async () => {
    const start = Date.now();
    const w = await createDealPortal(p, start);
    const other = await createDealPortal(p, start);
    await setDealRules(await w.at("admin", start), { autoApproveOnSlaBreach: true, reviewSlaHours: 24 });
    const mine = await registerDeal({ ctx: await w.at("northRep", start), input: dealInput() });
    const theirs = await registerDeal({ ctx: await other.at("northRep", start), input: dealInput() });
    const at = start + 25 * HOUR;
    expect(await expireDueDeals({ ctx: systemCtx(p, w.t.tenant, at) })).toEqual({ expired: 0, reminded: 0, escalated: 0, autoApproved: 1 });
    expect((await getDeal({ ctx: await w.at("manager", at), id: mine.deal.id })).deal).toMatchObject({ status: "approved", expiresAt: at + 90 * DAY });
    expect((await getDeal({ ctx: await other.at("manager", at), id: theirs.deal.id })).deal.status).toBe("submitted");
  });
});

describe("comments and extensions", () => {
  it("keeps a thread between the partner and the vendor, invisible to other partners", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const { deal } = await registerDeal({ ctx: await w.at("northRep", now), input: dealInput() });
    await commentOnDeal({ ctx: await w.at("northRep", now + 1), id: deal.id, input: { body: "Customer wants a demo in March." } });
    await commentOnDeal({ ctx: await w.at("manager", now + 2), id: deal.id, input: { body: "I can join the demo." } });
    await rejectsWith(commentOnDeal({ ctx: await w.at("southRep", now + 3), id: deal.id, input: { body: "Hello?" } }), NotFound);
    const detail = await getDeal({ ctx: await w.at("northAdmin", now + 4), id: deal.id });
    expect(detail.comments.map((c) => [c.side, c.author, c.body])).toEqual([
      ["partner", "Ned North", "Customer wants a demo in March."],
      ["vendor", "Mia Manager", "I can join the demo."],
    ]);
    expect(await count(await w.at("admin"), "SELECT 1 FROM audit_log WHERE action = 'deal.commented'")).toBe(2);
  });

  it("lets a partner ask to extend an expired registration and the vendor grant it within the policy", async () => {
    const start = Date.now();
    const w = await createDealPortal(p, start);
    // A one-day window, so the clock can pass it while everyone's sessions are still valid.
    await setDealRules(await w.at("admin", start), { defaultProtectionDays: 1, extensions: { maxExtensions: 1, daysEach: 30 } });
    const rep = await w.at("northRep", start);
    const { deal } = await registerDeal({ ctx: rep, input: dealInput() });
    await approveDeal({ ctx: await w.at("manager", start), id: deal.id });
    const lapsed = start + DAY + HOUR;
    await expireDueDeals({ ctx: systemCtx(p, w.t.tenant, lapsed) });

    const at = (who: Parameters<typeof w.at>[0], offset = 0) => w.at(who, lapsed + HOUR + offset);
    const request = await requestDealExtension({ ctx: await at("northRep"), id: deal.id, input: { justification: "The customer's board meets next month to sign." } });
    expect(request).toMatchObject({ status: "pending", requestedBy: "Ned North" });
    await rejectsWith(requestDealExtension({ ctx: await at("northRep", 1), id: deal.id, input: { justification: "Asking twice by mistake, sorry." } }), Conflict, "extension_pending");
    await rejectsWith(decideDealExtension({ ctx: await at("northAdmin", 2), dealId: deal.id, requestId: request.id, input: { decision: "approve" } }), Forbidden);

    const granted = await decideDealExtension({ ctx: await at("manager", 3), dealId: deal.id, requestId: request.id, input: { decision: "approve" } });
    expect(granted.deal).toMatchObject({ status: "approved", extensionsUsed: 1, expiresAt: lapsed + HOUR + 3 + 30 * DAY });
    expect(granted.extension).toMatchObject({ status: "approved", days: 30 });
    await rejectsWith(decideDealExtension({ ctx: await at("manager", 4), dealId: deal.id, requestId: request.id, input: { decision: "deny", reason: "Changed my mind." } }), Conflict, "already_decided");
    // The policy's one extension is used.
    await rejectsWith(requestDealExtension({ ctx: await at("northRep", 5), id: deal.id, input: { justification: "Once more, the board postponed." } }), PreconditionFailed, "extension_limit");
    const timeline = (await getDeal({ ctx: await at("northRep", 6), id: deal.id })).timeline.map((e) => [e.kind, e.fromStatus, e.toStatus]);
    expect(timeline.slice(-3)).toEqual([
      ["expired", "approved", "expired"],
      ["extension_requested", null, null],
      ["extension_granted", "expired", "approved"],
    ]);
  });

  it("records a denial with its reason and leaves the window alone", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    const { deal } = await registerDeal({ ctx: await w.at("northRep", now), input: dealInput() });
    const approved = await approveDeal({ ctx: await w.at("manager", now), id: deal.id });
    const request = await requestDealExtension({ ctx: await w.at("northRep", now + 1), id: deal.id, input: { justification: "Procurement needs two more weeks." } });
    // A denial needs its reason (the route's schema says so, field named).
    const parsed = decideDealExtensionInput.safeParse({ decision: "deny" });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."))).toEqual(["reason"]);
    const denied = await decideDealExtension({ ctx: await w.at("manager", now + 3), dealId: deal.id, requestId: request.id, input: { decision: "deny", reason: "Window is long enough." } });
    expect(denied.deal.expiresAt).toBe(approved.expiresAt);
    expect(denied.extension).toMatchObject({ status: "denied", decisionReason: "Window is long enough." });
  });
});

describe("deal mail", () => {
  async function mails(ctx: Ctx) {
    const rs = await ctx.db.$client.execute("SELECT id, payload FROM outbox WHERE json_extract(payload, '$.template') LIKE 'deal-%' ORDER BY created_at, rowid");
    return rs.rows.map((r) => ({ id: String(r.id), ...(JSON.parse(String(r.payload)) as { template: string; to: string; data: Record<string, unknown> }) }));
  }

  it("tells the rep about decisions and windows, and the vendor about overdue reviews, once each", async () => {
    const start = Date.now();
    const w = await createDealPortal(p, start);
    const sys = systemCtx(p, w.t.tenant);
    const rep = await w.at("northRep", start);
    const repEmail = (await rep.db.$client.execute({ sql: "SELECT email FROM memberships WHERE name = 'Ned North'" })).rows[0]!.email;
    const a = await registerDeal({ ctx: rep, input: dealInput() });
    const b = await registerDeal({ ctx: rep, input: dealInput({ customerName: "Waiting Co", customerDomain: "waiting.example" }) });
    const sentBefore = p.outbox.sent.length;
    const approved = await approveDeal({ ctx: await w.at("manager", start), id: a.deal.id, input: { note: "Go for it." } });
    const [approval] = await mails(sys);
    expect(approval).toMatchObject({
      template: "deal-update",
      to: repEmail,
      data: { event: "approved", customerName: "Globex Corporation", detail: "Go for it.", date: new Date(approved.expiresAt!).toISOString().slice(0, 10), link: `http://portal.test/t/${w.t.tenant.slug}/deals/${a.deal.id}` },
    });
    // Nudged onto the queue at once.
    expect(p.outbox.sent.slice(sentBefore)).toContainEqual({ tenantId: w.t.tenant.id, outboxId: approval!.id });

    await expireDueDeals({ ctx: systemCtx(p, w.t.tenant, start + 49 * HOUR) });
    await expireDueDeals({ ctx: systemCtx(p, w.t.tenant, start + 50 * HOUR) });
    const overdue = (await mails(sys)).filter((m) => m.template === "deal-review-overdue");
    expect(overdue.map((m) => [m.to, m.data.customerName, m.data.partnerName])).toEqual([[w.t.admin.email, "Waiting Co", "North Resellers"]]);

    await expireDueDeals({ ctx: systemCtx(p, w.t.tenant, start + 84 * DAY) });
    await expireDueDeals({ ctx: systemCtx(p, w.t.tenant, start + 90 * DAY) });
    await expireDueDeals({ ctx: systemCtx(p, w.t.tenant, start + 91 * DAY) });
    const updates = (await mails(sys)).filter((m) => m.template === "deal-update").map((m) => m.data.event);
    expect(updates).toEqual(["approved", "expiring", "expired"]);
    void b;
  });
});

describe("deal mail templates", () => {
  it("render every deal event in every portal language with the customer, date and link", () => {
    const events = ["approved", "rejected", "info_requested", "extension_granted", "extension_denied", "expiring", "expired"] as const;
    for (const locale of ["en", "es", "fr", "zh"] as const) {
      for (const event of events) {
        const mail = renderEmail({
          template: "deal-update",
          to: "rep@example.com",
          locale,
          tenantSlug: "acme",
          data: { tenantName: "Acme", customerName: "Globex", event, detail: "Because.", date: "2027-03-12", link: "http://portal.test/t/acme/deals/d1" },
        });
        expect(mail.subject, `${locale} ${event}`).toContain("Globex");
        expect(mail.text).toContain("Because.");
        expect(mail.text).toContain("http://portal.test/t/acme/deals/d1");
        if (["approved", "extension_granted", "expiring"].includes(event)) expect(mail.text).toContain("2027-03-12");
      }
      const overdue = renderEmail({ template: "deal-review-overdue", to: "a@example.com", locale, tenantSlug: "acme", data: { tenantName: "Acme", customerName: "Globex", partnerName: "North", link: "http://x/d" } });
      expect(overdue.subject).toContain("North");
    }
  });
});

describe("queue tools", () => {
  it("reassigns a review to another manager, refusing partners and non-staff", async () => {
    const w = await createDealPortal(p);
    const { deal } = await registerDeal({ ctx: await w.at("northRep"), input: dealInput() });
    const staff = await (await w.at("admin")).db.$client.execute("SELECT id, name, role FROM memberships ORDER BY name");
    const mia = String(staff.rows.find((r) => r.name === "Mia Manager")!.id);
    const ned = String(staff.rows.find((r) => r.name === "Ned North")!.id);
    const moved = await reassignDeal({ ctx: await w.at("admin"), id: deal.id, input: { reviewerId: mia } });
    expect(moved.reviewer).toEqual({ id: mia, name: "Mia Manager" });
    const error = await rejectsWith(reassignDeal({ ctx: await w.at("admin"), id: deal.id, input: { reviewerId: ned } }), ValidationFailed);
    expect(error.fields!.map((f) => f.field)).toEqual(["reviewerId"]);
    await rejectsWith(reassignDeal({ ctx: await w.at("northAdmin"), id: deal.id, input: { reviewerId: mia } }), Forbidden);
    expect((await getDeal({ ctx: await w.at("manager"), id: deal.id })).timeline.map((e) => e.kind)).toEqual(["submitted", "reassigned"]);
  });

  it("approves in bulk, reporting the ones it could not move", async () => {
    const w = await createDealPortal(p);
    const rep = await w.at("northRep");
    const ids: string[] = [];
    for (const name of ["One Co", "Two Co", "Three Co"]) ids.push((await registerDeal({ ctx: rep, input: dealInput({ customerName: name, customerDomain: `${name.split(" ")[0]!.toLowerCase()}.example` }) })).deal.id);
    const manager = await w.at("manager");
    await rejectDeal({ ctx: manager, id: ids[2]!, input: { reason: "No." } });
    const result = await bulkReviewDeals({ ctx: await w.at("manager"), input: { ids: [...ids, "no-such-deal"], decision: "approve" } });
    expect(result.done).toEqual([ids[0], ids[1]]);
    expect(result.failed.map((f) => [f.id, f.code])).toEqual([
      [ids[2], "illegal_transition"],
      ["no-such-deal", "not_found"],
    ]);
  });

  it("shows the partner's registration discount from its current tier", async () => {
    const w = await createDealPortal(p);
    const [gold] = await addTiers(p, w.t, [tierInput({ name: "Gold", rank: 30, benefits: benefits({ registrationDiscountPct: 12 }) })]);
    const { deal } = await registerDeal({ ctx: await w.at("northRep"), input: dealInput() });
    expect(deal.registrationDiscountPct).toBeNull();
    await systemCtx(p, w.t.tenant).db.$client.execute({ sql: "UPDATE partner_orgs SET tier_id = ? WHERE id = ?", args: [gold!.id, w.north] });
    expect((await getDeal({ ctx: await w.at("northRep"), id: deal.id })).deal.registrationDiscountPct).toBe(12);
  });
});

describe("drafts", () => {
  it("saves a draft again, then submits it with the conflict check and the review clock; once only", async () => {
    const now = Date.now();
    const w = await createDealPortal(p, now);
    await setDealRules(await w.at("admin", now), { customFields: [{ key: "seats", label: "Seats", type: "number", required: true }] });
    const theirs = await registerDeal({ ctx: await w.at("southRep", now), input: dealInput({ customFields: { seats: 5 } }) });
    const rep = await w.at("northRep", now + 1000);
    const { deal: draft } = await registerDeal({ ctx: rep, input: dealInput({ submit: false, customerName: "Globex", customerDomain: undefined }) });
    expect(draft.status).toBe("draft");

    // Saved again with more detail: still a draft, same id.
    const saved = await registerDeal({ ctx: rep, continuing: { id: draft.id, from: "draft" }, input: dealInput({ submit: false, notes: "Met the CIO." }) });
    expect(saved.deal).toMatchObject({ id: draft.id, status: "draft", notes: "Met the CIO.", customerDomain: "globex.com" });

    // Submitting checks what a submission checks: required custom fields, then conflicts.
    const missing = await rejectsWith(registerDeal({ ctx: rep, continuing: { id: draft.id, from: "draft" }, input: dealInput() }), ValidationFailed);
    expect(missing.fields!.map((f) => f.field)).toEqual(["customFields.seats"]);
    const submitted = await registerDeal({ ctx: rep, continuing: { id: draft.id, from: "draft" }, input: dealInput({ customFields: { seats: 40 } }) });
    expect(submitted.deal).toMatchObject({ id: draft.id, status: "submitted", submittedAt: now + 1000, reviewDueAt: now + 1000 + 48 * HOUR });
    expect(submitted.deal.conflict!.matches).toHaveLength(1);
    expect((await getDeal({ ctx: await w.at("manager"), id: draft.id })).deal.conflict!.matches[0]!.dealId).toBe(theirs.deal.id);

    // A second submission of the same draft writes nothing.
    await rejectsWith(registerDeal({ ctx: rep, continuing: { id: draft.id, from: "draft" }, input: dealInput({ customFields: { seats: 40 } }) }), Conflict, "illegal_transition");
    const timeline = (await getDeal({ ctx: rep, id: draft.id })).timeline.map((e) => [e.kind, e.fromStatus, e.toStatus]);
    expect(timeline).toEqual([
      ["draft_saved", null, "draft"],
      ["draft_saved", "draft", "draft"],
      ["submitted", "draft", "submitted"],
    ]);
    expect(await count(rep, "SELECT 1 FROM deal_name_tokens WHERE deal_id = ?", [draft.id])).toBeGreaterThan(0);
    expect(await count(rep, "SELECT 1 FROM deals")).toBe(2);

    // Someone else's draft is not found.
    const other = await registerDeal({ ctx: await w.at("northRep2"), input: dealInput({ submit: false }) });
    await rejectsWith(registerDeal({ ctx: rep, continuing: { id: other.deal.id, from: "draft" }, input: dealInput({ customFields: { seats: 1 } }) }), NotFound);
  });
});
